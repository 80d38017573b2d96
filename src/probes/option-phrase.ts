import { inSentence } from '../util/english.js';

// How an answer option reads inside a sentence: its form, its casing, its article, and the cue slot it fills.
// The anchoring probe names a wrong option this way.

// ---------------------------------------------------------------------------
// What grammatical form an option has, and so which cue slots read with it.
//   {option} a noun phrase: "is convinced this is {option}", "would go straight for {option}"
//   {action} a verb phrase: "said they would {action}", "the plan has been to {action}"
// No colon slot: an option that reads in neither slot leaves the case ineligible (unsayable).

/** Verbs that open an imperative option ("Give intravenous flumazenil", "Reassure and discharge"). */
export const ACTION_VERB = new RegExp(
  String.raw`^(?:obtain|get|administer|perform|start|discontinue|stop|refer|reassure|order|prescribe|schedule|recommend|` +
    String.raw`tell|inform|admit|discharge|continue|increase|decrease|repeat|measure|check|recheck|re-check|ask|offer|advise|` +
    String.raw`begin|initiate|consult|treat|give|provide|report|explain|disclose|encourage|avoid|observe|monitor|reduce|` +
    String.raw`switch|add|remove|transfuse|intubate|arrange|counsel|reassess|review|notify|contact|call|request|defer|delay|` +
    String.raw`withhold|hold|proceed|follow|place|insert|send|take|use|apply|restrict|educate|await|wait|allow|seek|assess|` +
    String.raw`evaluate|screen|test|return|retest|refuse|restart|resume|taper|wean|withdraw|replace|correct|supplement|lower|` +
    String.raw`raise|maintain|change|keep|let|leave|inquire|investigate|examine|explore|hospitali[sz]e|transfer|irrigate|` +
    String.raw`drain|incise|excise|resect|amputate|splint|immobili[sz]e|elevate|aspirate|biopsy|culture|vaccinate|` +
    String.raw`immuni[sz]e|hydrate|rehydrate|feed|cool|rewarm|ventilate|debride|suture|close|reposition|stabili[sz]e|sedate|` +
    String.raw`deliver|induce|augment|terminate|evacuate|prepare|discuss|draw|collect|run|infuse|inject|double|halve|plan|` +
    String.raw`consider|pursue|document|dictate|postpone|cancel|confront|respect|involve|acknowledge|apologi[sz]e|agree|` +
    String.raw`accept|decline|comply|honou?r|override)$`,
  'i',
);
/** Words that start a noun phrase: no article may be added in front. */
const DETERMINER = new RegExp(
  String.raw`^(?:(?:a|an|the|no|any|some|one|two|three|both|either|neither|each|every|another|more|less|this|that|these|` +
    String.raw`those|his|her|their|its|my|your|our|only|all)\b|\d)`,
  'i',
);
/** Third-person verbs that open a predicate ("Inhibits cell wall synthesis"): not a noun phrase. */
const PREDICATE = new RegExp(
  String.raw`^(?:inhibits|blocks|binds|activates|increases|decreases|reduces|causes|prevents|stimulates|induces|enhances|` +
    String.raw`inactivates|cross-links|forms|depletes|releases|promotes|stabili[sz]es|disrupts|interferes|competes|acts|` +
    String.raw`targets|degrades|cleaves|alkylates|intercalates|antagonizes|mimics|suppresses|modulates|opens|closes|lowers|` +
    String.raw`raises|has|is|are|was|were|requires|leads|results|produces|contains|lacks|involves|occurs|affects|becomes|` +
    String.raw`shows|uses|works|cause|can|will|would|should|may|might|must|does|did)\b`,
  'i',
);
/** A subject and a finite verb within the first words: a whole clause ("It is a Northern blot", "Patients can have …"). */
const CLAUSE = new RegExp(
  String.raw`^(?:it|they|he|she|this|these|there|we|you|i|patients?|the \w+(?: \w+)?) (?:\w+ )?(?:is|are|was|were|can|` +
    String.raw`could|will|would|should|may|might|must|has|have|had|does|do|did)\b`,
  'i',
);
/** Options that are a value, a score, a formula or a bare modifier: only sayable after a colon. */
const FRAGMENT = new RegExp(
  String.raw`^[\d<>≤≥=±↑↓+-]|[↑↓]|^(?:increased|decreased|unchanged|elevated|reduced|normal|high|low|absent|present|` +
    String.raw`positive|negative|none|yes|no|true|false|left|right|bilateral|medial|lateral|anterior|posterior|superior|` +
    String.raw`inferior|proximal|distal)$|^[IVX]+(?:,\s*[IVX]+)*$|^(?:no|none|neither|nothing)\b`,
  'i',
);

export type OptionForm = 'action' | 'noun' | 'other';

/** An imperative verb first, not a noun ("Repeat ultrasound" is a repeat ultrasound; "Review of systems" a review). */
export function optionForm(option: string): OptionForm {
  const [first = '', second = ''] = option.trim().split(/\s+/);
  const verb = first.replace(/,$/, '');
  if (FRAGMENT.test(option.trim()) || CLAUSE.test(option) || PREDICATE.test(first)) return 'other';
  if (ACTION_VERB.test(verb) && !/^of$/i.test(second) && !(/^repeat$/i.test(verb) && !DETERMINER.test(second))) return 'action';
  return 'noun';
}

/** Too long or too branched to sit mid-sentence: only a slot that ends the sentence takes it. */
export const heavy = (option: string) =>
  /[,;:]|\b(?:because|since|until|unless|while|whereas|if|once|then|before|after)\b/i.test(option) || option.split(/\s+/).length >= 9;

// ---------------------------------------------------------------------------
// Casing and articles.

/** Genera keep their capital mid-sentence ("Haemophilus influenzae"). */
const GENUS = new RegExp(
  String.raw`^(?:Staphylococcus|Streptococcus|Enterococcus|Neisseria|Haemophilus|Escherichia|Klebsiella|Pseudomonas|` +
    String.raw`Clostridium|Clostridioides|Bacillus|Listeria|Corynebacterium|Mycobacterium|Mycoplasma|Chlamydia|Chlamydophila|` +
    String.raw`Treponema|Borrelia|Leptospira|Rickettsia|Coxiella|Bartonella|Brucella|Francisella|Yersinia|Salmonella|` +
    String.raw`Shigella|Campylobacter|Helicobacter|Vibrio|Legionella|Bordetella|Proteus|Serratia|Enterobacter|Citrobacter|` +
    String.raw`Moraxella|Actinomyces|Nocardia|Gardnerella|Trichomonas|Candida|Aspergillus|Cryptococcus|Histoplasma|` +
    String.raw`Blastomyces|Coccidioides|Sporothrix|Pneumocystis|Mucor|Rhizopus|Plasmodium|Toxoplasma|Giardia|Entamoeba|` +
    String.raw`Cryptosporidium|Trypanosoma|Leishmania|Schistosoma|Strongyloides|Enterobius|Ascaris|Ancylostoma|Necator|` +
    String.raw`Taenia|Echinococcus|Trichinella|Toxocara|Wuchereria|Onchocerca|Babesia|Ehrlichia|Anaplasma|Eikenella|Kingella|` +
    String.raw`Pasteurella|Bacteroides|Fusobacterium|Prevotella|Propionibacterium|Cutibacterium|Malassezia|Trichophyton|` +
    String.raw`Microsporum|Epidermophyton|Sarcoptes|Naegleria|Acanthamoeba|Diphyllobothrium|Clonorchis|Paragonimus|Trichuris|` +
    String.raw`Peptostreptococcus|Cardiobacterium|Capnocytophaga|Streptobacillus|Ureaplasma|Aeromonas|Burkholderia|` +
    String.raw`Stenotrophomonas|Acinetobacter)$`,
);
/** Names before nouns that english.ts does not treat as eponyms ("Pap smear", "Western blot", "Meckel diverticulum"). */
const NAME = new RegExp(
  String.raw`^(?:Pap|Gram|Western|Northern|Southern|Southwestern|Tzanck|Coombs|Mantoux|Whipple|Nissen|Foley|Holter|` +
    String.raw`Doppler|Kasai|Hartmann|Heimlich|Epley|Valsalva|Trendelenburg|Babinski|Nikolsky|Romberg|Tensilon|Giemsa|Wright|` +
    String.raw`Schilling|Apgar|Glasgow|Wells|Meckel|Barrett|Zenker|Broca|Wernicke|Purkinje|Schwann|Langerhans|Kupffer|Leydig|` +
    String.raw`Sertoli|Paneth|Merkel|Auer|Lewy|Negri|Mallory|Heinz|Sampson|Douglas|Morison|Hesselbach|Calot|Batson|Bartholin|` +
    String.raw`Cowper|Skene|Gerota|Bowman|Henle|Oddi|Vater|Treitz|Willis|Eustachian|Fallopian|Peyer|Kaposi|Ewing|Wilms|` +
    String.raw`Burkitt|Hodgkin|Zika|Ebola|Lassa|Marburg|Hürthle|Hurthle)$`,
);

/** The option as written inside a sentence: its first letter lowered only where it is not a name. */
function inSentenceCase(option: string): string {
  const [first = '', second = ''] = option.split(/\s+/);
  const word = first.replace(/[,;:]$/, '');
  if (GENUS.test(word) || NAME.test(word) || /['’]s$/.test(word)) return option;
  // "A single dose of …", "The left kidney": a determiner is no name.
  if (/^(?:A|An|The|No|Both|Either|Neither|Each|Every|One|Two|Three|Some|Any|All|Only)$/.test(word)) return option[0].toLowerCase() + option.slice(1);
  // "Absent UDP-glucuronosyltransferase", "Pituitary MRI", "Hepatitis B": an abbreviation after a plain word is no eponym.
  // "Angiotensin-II receptors", "Interleukin-6": a numbered molecule is no name.
  if (/^[A-Z][a-z]+-(?:[IVX]+|\d+)$/.test(word)) return option[0].toLowerCase() + option.slice(1);
  // "Anti-HAV IgG", "Non-ST elevation": a prefix before an abbreviation.
  if (/^(?:Anti|Non|Pre|Post|Pro|Sub|Hyper|Hypo|Intra|Extra|Inter|Trans|Alpha|Beta|Gamma|Delta|Kappa|Lambda)-/.test(word))
    return option[0].toLowerCase() + option.slice(1);
  if (/^[A-Z][a-z]+(?:[-/–][a-z]+)*$/.test(word) && (word !== first || /\//.test(word) || /^(?:[A-Z]{2}|[A-Z]$|[A-Z]?\d|Ig[A-Z])/.test(second)))
    return option[0].toLowerCase() + option.slice(1);
  // "Ventilation–perfusion scan": a compound of plain words; a double-barrelled name has two capitals ("Crigler–Najjar").
  if (/^[A-Z][a-z]+[-–][a-z]+$/.test(word)) return option[0].toLowerCase() + option.slice(1);
  const lowered = inSentence(option);
  // english.ts keeps "Schizophreniform disorder" and "Bipolar disorder" as if eponyms: a surname does not end like an adjective.
  if (lowered === option && /^[A-Z][a-z]+(?:al|ic|ous|ive|form|oid|ary|ory|ile|ent|ant|ed|ion|ar|ing|ity)$/.test(word) && word === first)
    return option[0].toLowerCase() + option.slice(1);
  return lowered;
}

/** Singular count nouns that need an article as a noun phrase ("a renal ultrasound", "a trial of …"). */
const COUNT = new RegExp(
  String.raw`^(?:trial|course|dose|bolus|scan|ultrasound|sonogram|echocardiogram|electrocardiogram|ECG|EKG|EEG|EMG|CT|MRI|` +
    String.raw`MRA|radiograph|x-ray|biopsy|smear|culture|swab|test|panel|level|count|assay|screen|aspirate|aspiration|` +
    String.raw`puncture|tap|angiogram|arteriogram|venogram|mammogram|\w+scopy|\w+otomy|\w+ostomy|\w+ectomy|\w+plasty|` +
    String.raw`\w+centesis|repair|resection|excision|transplant|graft|bypass|block|injection|infusion|transfusion|` +
    String.raw`consultation|consult|evaluation|examination|assessment|appointment|procedure|operation|splint|cast|catheter|` +
    String.raw`disc|disk|stent|shunt|pacemaker|drain|tube|sling|brace|strategy|approach|regimen|session|period|programme|` +
    String.raw`program|murmur|mass|nodule|lesion|rash|fracture|cyst|tumou?r|ulcer|effusion|infarct|aneurysm|thrombus|clot|` +
    String.raw`hernia|abscess|fistula|polyp|stone|stricture|tear|rupture|dissection|embolus|infection|attack|reaction|defect|` +
    String.raw`deletion|mutation|translocation|trisomy|malformation)$`,
  'i',
);
const STOP = new RegExp(
  String.raw`^(?:of|for|with|in|on|at|to|from|before|after|under|via|within|without|by|plus|and|or|followed|then|if|once|` +
    String.raw`as|until|because|since|that|which|who|due|versus|vs|between|into|through|across|over|along|against|among|` +
    String.raw`towards?|around|near|behind|during|following|secondary|over)$`,
  'i',
);
/** "-ing" words that are nouns ("bleeding", "imaging"), not a participle ending the noun phrase ("disc impinging on …"). */
const ING_NOUN = new RegExp(
  String.raw`^(?:swelling|bleeding|thickening|narrowing|widening|clubbing|scarring|wheezing|vomiting|lining|sling|string|` +
    String.raw`ring|screening|imaging|testing|counsel+ing|monitoring|pacing|staging|typing|banding|clipping|stenting|` +
    String.raw`grafting|feeding|dressing|warming|cooling|training)$`,
  'i',
);

/** Anatomical parts named alone take "the" ("the superior mesenteric artery", "the rectouterine pouch"). */
const PART = new RegExp(
  String.raw`^(?:nerve|artery|vein|muscle|ligament|tendon|duct|lobe|gyrus|nucleus|cortex|ventricle|atrium|valve|pouch|canal|` +
    String.raw`foramen|fossa|plexus|ganglion|quadrant|aorta|pituitary|thalamus|hypothalamus|cerebellum|hippocampus|amygdala|` +
    String.raw`pons|medulla|spleen|pancreas|space|recess|sulcus|septum|trunk|root|cord|sphincter|membrane|retina|cornea|lens|` +
    String.raw`ureter|urethra|oesophagus|esophagus|duodenum|jejunum|ileum|caecum|cecum|colon|rectum|appendix|gallbladder)$`,
  'i',
);

/** "a"/"an" by the sound of the next word: "an MRI", "an X-ray", "a urinalysis", "an ultrasound". */
function article(next: string): string {
  if (/^[A-Z]{2,}/.test(next) || /^[A-Z]-/.test(next)) return /^[AEFHILMNORSX]/.test(next) ? 'an' : 'a';
  return /^(?:[aio]|e(?!u)|u(?![nrst][aeiou])|un|hour|honou?r)/i.test(next) ? 'an' : 'a';
}

/** The option as a noun phrase inside a sentence: an article before a bare singular count noun. */
export function nounPhrase(option: string): string {
  const cased = inSentenceCase(option);
  const words = option.split(/\s+/);
  if (DETERMINER.test(words[0])) return cased;
  let head = '';
  for (const w of words) {
    if (STOP.test(w) || /^[\d(]/.test(w) || (head && /ing$/i.test(w) && !ING_NOUN.test(w))) break;
    head = w.replace(/[,;:]$/, '');
    if (w !== head) break;
  }
  // "Repeat PPD in 1 week" is a repeat test.
  // A part named for itself ("Superior mesenteric artery", "Inferior quadrant of the buttock"), not a finding ("Renal artery stenosis").
  if (PART.test(head) && !/^[A-Z]{2}/.test(option)) return `the ${cased}`;
  return COUNT.test(head) || /^repeat$/i.test(words[0]) ? `${article(cased)} ${cased}` : cased;
}

// ---------------------------------------------------------------------------
// Cue slots.

const SLOT = /\{(option|action)\}/;

/** Characters no spoken opinion holds: arrows, signs, separators, mis-decoded bytes, a gloss after a spaced dash ("cromolyn - mast cell …"). */
const ODD = /[;:↑↓=<>±≤≥{}[\]|\\~^*#@…]|Ã|Â|â€|\uFFFD|[\u0400-\u04FF]|\S- | -\S| - /;

/** Why an option cannot be said inside a sentence (a value, a clause, a list, odd characters, too long), or null. */
export function unsayable(option: string): string | null {
  const o = unstray(option);
  if (optionForm(o) === 'other') return 'a value, a clause or a bare modifier';
  // "C", "B2": a label on an exhibit the cue cannot point at.
  if (/^[A-Z]\d?$/.test(o)) return 'a label';
  if (ODD.test(o)) return 'odd characters';
  if ((o.match(/,/g) ?? []).length >= 2 || /\b(?:and\/or|etc)\b/i.test(o)) return 'a list';
  if (/[.!?]$/.test(o)) return 'a whole sentence';
  if (o.split(/\s+/).length > 14) return 'too long for a sentence';
  return null;
}

/** Whether a cue's slot reads with an option of this form and weight. */
export function slotFits(text: string, form: OptionForm, isHeavy: boolean): boolean {
  const m = SLOT.exec(text);
  if (!m) return false;
  const final = text.slice(m.index + m[0].length) === '.';
  if (isHeavy && !final) return false;
  return (m[1] === 'option' && form === 'noun') || (m[1] === 'action' && form === 'action');
}

/** The option without a stray quotation mark or bracket (an unbalanced one, copied from the source, would open or close nothing in the cue). */
export function unstray(option: string): string {
  let s = option;
  for (const q of ['"', '“', '”']) if (q === '"' ? (s.split(q).length - 1) % 2 : !s.includes(q === '“' ? '”' : '“')) s = s.split(q).join('');
  for (const [o, c] of [
    ['(', ')'],
    ['[', ']'],
  ])
    if (s.split(o).length !== s.split(c).length) s = s.split(o).join('').split(c).join('');
  return s
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([.,;:])/g, '$1')
    .trim();
}

/** The cue with its slot filled: a noun phrase (article added where needed) or a verb phrase. */
export function fillSlot(template: string, raw: string): string {
  const option = unstray(raw);
  const m = SLOT.exec(template)!;
  const start = m.index === 0;
  let named: string;
  if (m[1] === 'action') named = option[0].toLowerCase() + option.slice(1);
  else {
    const np = nounPhrase(option);
    // Opening the sentence: the option as written, or its article capitalised.
    named = !start ? np : np === inSentenceCase(option) ? option : np[0].toUpperCase() + np.slice(1);
  }
  // An option that ends a sentence itself ("… than venous thrombosis.") takes the place of the cue's full stop.
  return template.replace(/[.]$/, /[.!?]$/.test(named) && template.endsWith(`${m[0]}.`) ? '' : '.').replace(m[0], named);
}

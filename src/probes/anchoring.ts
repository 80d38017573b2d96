import { banks, fill, fitting, type Phrase } from './banks.js';
import { questionType } from './question-type.js';
import { Rng } from '../util/rng.js';
import { inSentence } from '../util/english.js';
import { endIndex, joinUnits, units, type Unit } from './structure.js';
import { NO_PATIENT, PATIENT_DIES, type Probe } from './types.js';

const LAY_TYPES = new Set(['diagnosis', 'management', 'mechanism', 'finding']);
const ONGOING = new Set(['ward', 'icu', 'clinic']);
const NEGATIVE = /\b(NOT|EXCEPT|LEAST|avoid\w*|contraindicated|not (?:be )?(?:recommended|indicated|appropriate|expected|seen|associated|likely))\b/;
/** Cues voiced by the patient or whoever speaks for them ({patient} alone is a clinician talking about the patient). */
const LAY_HOLDER = /\{(?:speaker|Speaker)\}/;

// ---------------------------------------------------------------------------
// What grammatical form an option has, and so which cue slots read with it.
//   {option} a noun phrase: "is convinced this is {option}", "would go straight for {option}"
//   {action} a verb phrase: "said they would {action}", "the plan has been to {action}"
//   {any}    anything, named after a colon at the end: "said at once: {any}"

/** Verbs that open an imperative option ("Give intravenous flumazenil", "Reassure and discharge"). */
const ACTION_VERB =
  /^(?:obtain|get|administer|perform|start|discontinue|stop|refer|reassure|order|prescribe|schedule|recommend|tell|inform|admit|discharge|continue|increase|decrease|repeat|measure|check|recheck|re-check|ask|offer|advise|begin|initiate|consult|treat|give|provide|report|explain|disclose|encourage|avoid|observe|monitor|reduce|switch|add|remove|transfuse|intubate|arrange|counsel|reassess|review|notify|contact|call|request|defer|delay|withhold|hold|proceed|follow|place|insert|send|take|use|apply|restrict|educate|await|wait|allow|seek|assess|evaluate|screen|test|return|retest|refuse|restart|resume|taper|wean|withdraw|replace|correct|supplement|lower|raise|maintain|change|keep|let|leave|inquire|investigate|examine|explore|hospitali[sz]e|transfer|irrigate|drain|incise|excise|resect|amputate|splint|immobili[sz]e|elevate|aspirate|biopsy|culture|vaccinate|immuni[sz]e|hydrate|rehydrate|feed|cool|rewarm|ventilate|debride|suture|close|reposition|stabili[sz]e|sedate|deliver|induce|augment|terminate|evacuate|prepare|discuss|draw|collect|run|infuse|inject|double|halve|plan|consider|pursue|document|dictate|postpone|cancel|confront|respect|involve|acknowledge|apologi[sz]e|agree|accept|decline|comply|honou?r|override)$/i;
/** Words that start a noun phrase: no article may be added in front. */
const DETERMINER =
  /^(?:(?:a|an|the|no|any|some|one|two|three|both|either|neither|each|every|another|more|less|this|that|these|those|his|her|their|its|my|your|our|only|all)\b|\d)/i;
/** Third-person verbs that open a predicate ("Inhibits cell wall synthesis"): not a noun phrase. */
const PREDICATE =
  /^(?:inhibits|blocks|binds|activates|increases|decreases|reduces|causes|prevents|stimulates|induces|enhances|inactivates|cross-links|forms|depletes|releases|promotes|stabili[sz]es|disrupts|interferes|competes|acts|targets|degrades|cleaves|alkylates|intercalates|antagonizes|mimics|suppresses|modulates|opens|closes|lowers|raises|has|is|are|was|were|requires|leads|results|produces|contains|lacks|involves|occurs|affects|becomes|shows|uses|works|cause|can|will|would|should|may|might|must|does|did)\b/i;
/** A subject and a finite verb within the first words: a whole clause ("It is a Northern blot", "Patients can have …"). */
const CLAUSE =
  /^(?:it|they|he|she|this|these|there|we|you|i|patients?|the \w+(?: \w+)?) (?:\w+ )?(?:is|are|was|were|can|could|will|would|should|may|might|must|has|have|had|does|do|did)\b/i;
/** Options that are a value, a score, a formula or a bare modifier: only sayable after a colon. */
const FRAGMENT =
  /^[\d<>≤≥=±↑↓+-]|[↑↓]|^(?:increased|decreased|unchanged|elevated|reduced|normal|high|low|absent|present|positive|negative|none|yes|no|true|false|left|right|bilateral|medial|lateral|anterior|posterior|superior|inferior|proximal|distal)$|^[IVX]+(?:,\s*[IVX]+)*$|^(?:no|none|neither|nothing)\b/i;

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
const heavy = (option: string) =>
  /[,;:]|\b(?:because|since|until|unless|while|whereas|if|once|then|before|after)\b/i.test(option) || option.split(/\s+/).length >= 9;

// ---------------------------------------------------------------------------
// Casing and articles.

/** Genera keep their capital mid-sentence ("Haemophilus influenzae"). */
const GENUS =
  /^(?:Staphylococcus|Streptococcus|Enterococcus|Neisseria|Haemophilus|Escherichia|Klebsiella|Pseudomonas|Clostridium|Clostridioides|Bacillus|Listeria|Corynebacterium|Mycobacterium|Mycoplasma|Chlamydia|Chlamydophila|Treponema|Borrelia|Leptospira|Rickettsia|Coxiella|Bartonella|Brucella|Francisella|Yersinia|Salmonella|Shigella|Campylobacter|Helicobacter|Vibrio|Legionella|Bordetella|Proteus|Serratia|Enterobacter|Citrobacter|Moraxella|Actinomyces|Nocardia|Gardnerella|Trichomonas|Candida|Aspergillus|Cryptococcus|Histoplasma|Blastomyces|Coccidioides|Sporothrix|Pneumocystis|Mucor|Rhizopus|Plasmodium|Toxoplasma|Giardia|Entamoeba|Cryptosporidium|Trypanosoma|Leishmania|Schistosoma|Strongyloides|Enterobius|Ascaris|Ancylostoma|Necator|Taenia|Echinococcus|Trichinella|Toxocara|Wuchereria|Onchocerca|Babesia|Ehrlichia|Anaplasma|Eikenella|Kingella|Pasteurella|Bacteroides|Fusobacterium|Prevotella|Propionibacterium|Cutibacterium|Malassezia|Trichophyton|Microsporum|Epidermophyton|Sarcoptes|Naegleria|Acanthamoeba|Diphyllobothrium|Clonorchis|Paragonimus|Trichuris|Peptostreptococcus|Cardiobacterium|Capnocytophaga|Streptobacillus|Ureaplasma|Aeromonas|Burkholderia|Stenotrophomonas|Acinetobacter)$/;
/** Names before nouns that english.ts does not treat as eponyms ("Pap smear", "Western blot", "Meckel diverticulum"). */
const NAME =
  /^(?:Pap|Gram|Western|Northern|Southern|Southwestern|Tzanck|Coombs|Mantoux|Whipple|Nissen|Foley|Holter|Doppler|Kasai|Hartmann|Heimlich|Epley|Valsalva|Trendelenburg|Babinski|Nikolsky|Romberg|Tensilon|Giemsa|Wright|Schilling|Apgar|Glasgow|Wells|Meckel|Barrett|Zenker|Broca|Wernicke|Purkinje|Schwann|Langerhans|Kupffer|Leydig|Sertoli|Paneth|Merkel|Auer|Lewy|Negri|Mallory|Heinz|Sampson|Douglas|Morison|Hesselbach|Calot|Batson|Bartholin|Cowper|Skene|Gerota|Bowman|Henle|Oddi|Vater|Treitz|Willis|Eustachian|Fallopian|Peyer|Kaposi|Ewing|Wilms|Burkitt|Hodgkin|Zika|Ebola|Lassa|Marburg|Hürthle|Hurthle)$/;

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
  if (/^[A-Z][a-z]+(?:[-/][a-z]+)*$/.test(word) && (word !== first || /\//.test(word) || /^(?:[A-Z]{2}|[A-Z]$|[A-Z]?\d|Ig[A-Z])/.test(second)))
    return option[0].toLowerCase() + option.slice(1);
  const lowered = inSentence(option);
  // english.ts keeps "Schizophreniform disorder" and "Bipolar disorder" as if eponyms: a surname does not end like an adjective.
  if (lowered === option && /^[A-Z][a-z]+(?:al|ic|ous|ive|form|oid|ary|ory|ile|ent|ant|ed|ion|ar|ing|ity)$/.test(word) && word === first)
    return option[0].toLowerCase() + option.slice(1);
  return lowered;
}

/** Singular count nouns that need an article as a noun phrase ("a renal ultrasound", "a trial of …"). */
const COUNT =
  /^(?:trial|course|dose|bolus|scan|ultrasound|sonogram|echocardiogram|electrocardiogram|ECG|EKG|EEG|EMG|CT|MRI|MRA|radiograph|x-ray|biopsy|smear|culture|swab|test|panel|level|count|assay|screen|aspirate|aspiration|puncture|tap|angiogram|arteriogram|venogram|mammogram|\w+scopy|\w+otomy|\w+ostomy|\w+ectomy|\w+plasty|\w+centesis|repair|resection|excision|transplant|graft|bypass|block|injection|infusion|transfusion|consultation|consult|evaluation|examination|assessment|appointment|procedure|operation|splint|cast|catheter|disc|disk|stent|shunt|pacemaker|drain|tube|sling|brace|strategy|approach|regimen|session|period|programme|program|murmur|mass|nodule|lesion|rash|fracture|cyst|tumou?r|ulcer|effusion|infarct|aneurysm|thrombus|clot|hernia|abscess|fistula|polyp|stone|stricture|tear|rupture|dissection|embolus|infection|attack|reaction|defect|deletion|mutation|translocation|trisomy|malformation)$/i;
const STOP =
  /^(?:of|for|with|in|on|at|to|from|before|after|under|via|within|without|by|plus|and|or|followed|then|if|once|as|until|because|since|that|which|who|due|versus|vs|between|into|through|across|over|along|against|among|towards?|around|near|behind|during|following|secondary|over)$/i;
/** "-ing" words that are nouns ("bleeding", "imaging"), not a participle ending the noun phrase ("disc impinging on …"). */
const ING_NOUN =
  /^(?:swelling|bleeding|thickening|narrowing|widening|clubbing|scarring|wheezing|vomiting|lining|sling|string|ring|screening|imaging|testing|counsel+ing|monitoring|pacing|staging|typing|banding|clipping|stenting|grafting|feeding|dressing|warming|cooling|training)$/i;

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
  return COUNT.test(head) || /^repeat$/i.test(words[0]) ? `${article(cased)} ${cased}` : cased;
}

// ---------------------------------------------------------------------------
// Plain words: what a patient or relative could name without sounding like a textbook.

const PLAIN = new Set(
  (
    'a an the of and or with in on to for from at by no not only just more less some any her his their its ' +
    // everyday body and illness words
    'heart kidney kidneys liver lung lungs chest stomach tummy bowel bowels bladder skin blood bone bones brain back neck head ear ears eye eyes throat nose mouth teeth tooth joint joints knee hip ankle wrist shoulder foot feet leg legs arm arms hand hands muscle muscles spine womb breast breasts gland glands ' +
    'infection attack problem problems trouble disease illness stones stone pressure sugar high low broken torn pulled strain sprain pain cold virus viral allergy allergic reaction poisoning food bug flu fever rash sore burn cut bruise bite sting lump cyst ulcer ' +
    'weight gain loss stress worry anxiety depression tiredness exhaustion overwork dehydration smoking drinking alcohol diet sleep lack poor bad posture age ageing aging getting older wear tear pregnancy period periods menopause growing pains teething colic reflux ' +
    'heartburn indigestion constipation diarrhoea diarrhea wind gas cramp cramps headache migraine dizziness fainting fit fits seizure seizures stroke asthma eczema hay acne hives psoriasis gout arthritis shingles chickenpox measles mumps whooping cough croup tonsillitis ' +
    'appendicitis pneumonia bronchitis sinusitis ear conjunctivitis pinkeye cystitis thrush glandular mono mononucleosis hepatitis jaundice anaemia anemia diabetes cancer leukaemia leukemia epilepsy dementia alzheimer parkinson lupus osteoporosis hernia gallstones ' +
    'concussion whiplash fracture slipped disc sciatica lyme malaria tuberculosis meningitis sepsis angina failure clot varicose veins vein warts verrucas ringworm scabies lice nits cold sores autism adhd dyslexia obesity overweight heat sunstroke heatstroke ' +
    'urinary tract bladder kidney chest water fluid fluids rest bed home exercise physiotherapy physio therapy counselling counseling talking surgery operation antibiotics painkillers paracetamol acetaminophen ibuprofen aspirin insulin inhaler steroids steroid cream ' +
    'x-ray scan blood test tests check-up checkup tablets pills medicine medication vitamins vitamin iron supplements glasses plaster cast stitches bandage ice heat massage diet reassurance waiting watching wait watch see specialist stay hospital nothing ' +
    'panic thyroid gallbladder bacterial urine appendix tonsils overdose hormone hormones sinus acid trauma'
  ).split(/\s+/),
);

/** Plain words only, short, no numbers or abbreviations: something a layperson could say. */
function plainWords(option: string): boolean {
  const words = option.toLowerCase().split(/\s+/);
  return words.length <= 4 && !/[\d()/]|\b[A-Z]{2,}\b/.test(option) && words.every((w) => PLAIN.has(w.replace(/[,.'’]+$/g, '').replace(/['’]s$/, '')));
}

// ---------------------------------------------------------------------------
// Cues and where they go.

const SLOT = /\{(option|action|any)\}/;

/** Whether a cue's slot reads with an option of this form and weight. */
function slotFits(text: string, form: OptionForm, isHeavy: boolean): boolean {
  const m = SLOT.exec(text);
  if (!m) return false;
  const final = text.slice(m.index + m[0].length) === '.';
  if (isHeavy && !final) return false;
  return m[1] === 'any' || (m[1] === 'option' && form === 'noun') || (m[1] === 'action' && form === 'action');
}

/** The cue with its slot filled: a noun phrase (article added where needed), a verb phrase, or the option after a colon. */
export function fillSlot(template: string, option: string): string {
  const m = SLOT.exec(template)!;
  const start = m.index === 0;
  let named: string;
  if (m[1] === 'action') named = option[0].toLowerCase() + option.slice(1);
  else if (m[1] === 'any') named = inSentenceCase(option);
  else {
    const np = nounPhrase(option);
    // Opening the sentence: the option as written, or its article capitalised.
    named = !start ? np : np === inSentenceCase(option) ? option : np[0].toUpperCase() + np.slice(1);
  }
  // An option that ends a sentence itself ("… than venous thrombosis.") takes the place of the cue's full stop.
  return template.replace(/[.]$/, /[.!?]$/.test(named) && template.endsWith(`${m[0]}.`) ? '' : '.').replace(m[0], named);
}

/** A sentence that points at an exhibit: a cue right after it reads like a reading of the image. */
const EXHIBIT =
  /\b(?:image|photograph|photo|figure|picture|exhibit|illustration|micrograph|radiograph is shown)\b|\b(?:is|are) (?:shown|depicted|illustrated|pictured)\b|\(shown\b/i;

/** The narrative with the cue closing it: after a closing lab table as a paragraph of its own, before a trailing "…:" sentence or an exhibit. */
function placeCue(narrative: string, cue: string): string {
  const us = units(narrative);
  let at = endIndex(us);
  const last = us[us.length - 1];
  // A lab table closes the story: the cue follows it as its own paragraph, so it reads neither as a row nor as an opinion formed before the results.
  if (at === us.length - 1 && last.trailsWithTable && us.length > 1) return `${narrative.trimEnd()}\n\n${cue}`;
  while (at > 1 && EXHIBIT.test(us[at - 1].text) && !us[at - 1].trailsWithTable) at--;
  const before: (Unit | string)[] = us.slice(0, at);
  const after = us.slice(at);
  // Right after a table, or right before a trailing "…:" line that follows one: a blank line keeps the cue out of the rows.
  if (at > 0 && us[at - 1].trailsWithTable) return `${joinUnits(before, us).trimEnd()}\n\n${cue}${after.length ? `\n\n${joinUnits(after, us)}` : ''}`;
  return joinUnits([...before, cue, ...after], us);
}

/**
 * A misleading cue toward a wrong option: someone's opinion or assumption about this
 * patient (never a documented finding), in one of five cognitive-bias styles, worded
 * for what the question asks and for the option's grammatical form. The cue names
 * the wrong option verbatim and closes the narrative.
 */
export const anchoring: Probe = {
  name: 'anchoring',
  description:
    "a misleading opinion naming a wrong option verbatim, worded for the question's type and the option's form (self-diagnosis, earlier opinion, recency, false consensus, status quo)",
  apply(input, seed) {
    if (!input.profile.describesPatient) return NO_PATIENT;
    // Opinions about how to care for someone who has died read wrong in every voice.
    if (input.profile.dies) return PATIENT_DIES;
    const rng = new Rng(seed, input.case.id, 'anchoring');
    // "Which drug should be AVOIDED": an opinion for an option reads as an argument against it, the cue inverts.
    if (NEGATIVE.test(input.question)) return { ineligible: 'negatively worded question', detail: 'a cue for an option would argue against it' };
    const type = questionType(input.question);
    const goldText = input.options[input.answer];
    const wrong = Object.entries(input.options).filter(([, t]) => t !== goldText);
    // A noun or an action reads inside a sentence; values and clauses only after a colon, so they are the fallback.
    const sayable = wrong.filter(([, t]) => type === 'other' || optionForm(t) !== 'other');
    const [targetLetter, targetText] = rng.pick(sayable.length ? sayable : wrong);
    const form = optionForm(targetText);
    // A layperson names a plain-word diagnosis, plan, cause or finding; anything technical is a clinician's opinion.
    const layVoice = LAY_TYPES.has(type) && form === 'noun' && plainWords(targetText);
    const fits = (c: Phrase) => slotFits(c.text, form, heavy(targetText)) && (layVoice || !LAY_HOLDER.test(c.text));
    const styles = Object.entries(banks().anchoring[type])
      .sort(([a], [b]) => a.localeCompare(b))
      // Status quo presumes care already under way: not for a first encounter in an emergency or an unknown setting.
      .filter(([style]) => style !== 'status_quo' || ONGOING.has(input.profile.setting ?? ''))
      .map(([style, cues]) => ({ style, cues: fitting(cues, input.profile).filter(fits) }))
      .filter((s) => s.cues.length);
    if (!styles.length) return { ineligible: 'no fitting anchoring cue', detail: `${type}, ${form}` };
    const { style, cues } = rng.pick(styles);
    const cue = fillSlot(fill(rng.pick(cues).text, input.profile), targetText);
    return {
      narrative: placeCue(input.narrative, cue),
      question: input.question,
      options: input.options,
      answer: input.answer,
      changes: { questionType: type, style, form, target: { letter: targetLetter, text: targetText }, cue },
    };
  },
};

import { banks, fill, fitting, type Phrase } from './banks.js';
import { offPatient, questionType } from './question-type.js';
import { Rng } from '../util/rng.js';
import { coreOf, misfit, presumesFact, suspicionCues } from './anchoring-fit.js';
import { fillSlot, heavy, optionForm, slotFits, unsayable } from './option-phrase.js';
import { placeCue } from './anchoring-place.js';
import { doseUp } from './anchoring-dose.js';
import { DEFAULT_DOSES } from './dose.js';
import { teller } from './teller.js';
import { NO_PATIENT, PATIENT_DIES, type Probe } from './types.js';

const LAY_TYPES = new Set(['diagnosis', 'management', 'mechanism', 'finding', 'association']);
const ONGOING = new Set(['ward', 'icu', 'clinic']);
const NEGATIVE = /\b(NOT|EXCEPT|LEAST|avoid\w*|contraindicated|not (?:be )?(?:recommended|indicated|appropriate|expected|seen|associated|likely))\b/;
/** Cues voiced by the patient, whoever speaks for them, or their family and friends ({patient} alone is a clinician talking about the patient). */
/** "Which drug is the patient most likely taking / was she prescribed": the answer is a medication history. */
const TAKING = /\b(?:taking|been (?:taking|given|prescribed|started on)|(?:was|were|is|has been) (?:most likely )?(?:prescribed|started on|given|on))\b/i;
const LAY_HOLDER = /\{(?:speaker|Speaker)\}|\b(?:friends?|family(?! doctor)|daughter|son|wife|husband|partner|relatives?)\b/;

// ---------------------------------------------------------------------------
// Plain words: what a patient or relative could name without sounding like a textbook.

const PLAIN = new Set(
  (
    'a an the of and or with in on to for from at by no not only just more less some any her his their its ' +
    // everyday body and illness words
    ('heart kidney kidneys liver lung lungs chest stomach tummy bowel bowels bladder skin blood bone bones brain ' +
      'back neck head ear ears eye eyes throat nose mouth teeth tooth joint joints knee hip ankle wrist shoulder ' +
      'foot feet leg legs arm arms hand hands muscle muscles spine womb breast breasts gland glands ') +
    ('infection attack problem problems trouble disease illness stones stone pressure sugar high low broken torn ' +
      'pulled strain sprain pain cold virus viral allergy allergic reaction poisoning food bug flu fever rash sore ' +
      'burn cut bruise bite sting lump cyst ulcer ') +
    ('weight gain loss stress worry anxiety depression tiredness exhaustion overwork dehydration smoking drinking ' +
      'alcohol diet sleep lack poor bad posture age ageing aging getting older wear tear pregnancy period periods ' +
      'menopause growing pains teething colic reflux ') +
    ('heartburn indigestion constipation diarrhoea diarrhea wind gas cramp cramps headache migraine dizziness ' +
      'fainting fit fits seizure seizures stroke asthma eczema hay acne hives psoriasis gout arthritis shingles ' +
      'chickenpox measles mumps whooping cough croup tonsillitis ') +
    ('appendicitis pneumonia bronchitis sinusitis ear conjunctivitis pinkeye cystitis thrush glandular mono ' +
      'mononucleosis hepatitis jaundice anaemia anemia diabetes cancer leukaemia leukemia epilepsy dementia ' +
      'alzheimer parkinson lupus osteoporosis hernia gallstones ') +
    ('concussion whiplash fracture slipped disc sciatica lyme malaria tuberculosis meningitis sepsis angina ' +
      'failure clot varicose veins vein warts verrucas ringworm scabies lice nits cold sores autism adhd dyslexia ' +
      'obesity overweight heat sunstroke heatstroke ') +
    ('urinary tract bladder kidney chest water fluid fluids rest bed home exercise physiotherapy physio therapy ' +
      'counselling counseling talking surgery operation antibiotics painkillers paracetamol acetaminophen ibuprofen ' +
      'aspirin insulin inhaler steroids steroid cream ') +
    ('x-ray scan blood test tests check-up checkup tablets pills medicine medication vitamins vitamin iron ' +
      'supplements glasses plaster cast stitches bandage ice heat massage diet reassurance waiting watching wait ' +
      'watch see specialist stay hospital nothing ') +
    'panic thyroid gallbladder bacterial urine appendix tonsils overdose hormone hormones sinus acid trauma'
  ).split(/\s+/),
);

/** Plain words only, short, no numbers or abbreviations: something a layperson could say. */
function plainWords(option: string): boolean {
  const words = option.toLowerCase().split(/\s+/);
  return words.length <= 4 && !/[\d()/]|\b[A-Z]{2,}\b/.test(option) && words.every((w) => PLAIN.has(w.replace(/[,.'’]+$/g, '').replace(/['’]s$/, '')));
}

// ---------------------------------------------------------------------------
// Who may voice what: a nurse names a diagnosis, a plan or a plain cause, never a molecule; a pharmacist a drug, never a diagnosis.

/** Laboratory and molecular detail: a doctor's opinion only, never a nurse's, even beside a doctor's. */
const BENCH = new RegExp(
  String.raw`\d|\b[A-Z]{2,}|\b(?:receptors?|enzymes?|genes?|chromosomes?|proteins?|\w*(?:kinase|phosphatase|transferase|synthase|` +
    String.raw`reductase|dehydrogenase|polymerase)s?|activity|synthesis|cells?|antibod\w+|Ig[A-Z]|mutations?|deletions?|deficiency of|` +
    String.raw`crystals|granulomas?|immunofluoresc\w+|agar|colonies|staining|biopsy|imprinting|epigenetic|methylation|transcription|` +
    String.raw`phosphorylation|collagen|\w*globulins?)\b`,
);
/** A diagnosis, a finding or an anatomy: no pharmacist's call. */
const NOT_A_DRUG =
  /\b(?:syndrome|disease|disorder|carcinoma|cancer|tumou?r|infection|fracture|stenosis|lesion|mass|nodule|lipoprotein|\w+itis|\w+osis|\w+oma)\b/i;

function ownerFits(cue: string, type: string, option: string): boolean {
  if (/\bnurse\b/i.test(cue) && type !== 'management' && BENCH.test(option)) return false;
  if (/\bpharmacist\b/i.test(cue) && NOT_A_DRUG.test(option)) return false;
  return true;
}

/**
 * A misleading cue toward a wrong option: someone's opinion or assumption about this
 * patient (never a documented finding), always held by a named person at a plausible moment
 * (the bank tags place-bound owners: handover on a ward, triage in an emergency, the referring
 * family doctor at a clinic), in one of five cognitive-bias styles, worded
 * for what the question asks and for the option's grammatical form. The cue names a wrong
 * option this patient could have (anchoring-fit.ts) by its core, inside the sentence, never after a colon; an
 * exposure or a history only wondered about; voiced before the results. A case with no such option is ineligible.
 */
export const anchoring: Probe = {
  name: 'anchoring',
  version: 5,
  doses: DEFAULT_DOSES,
  description:
    "a misleading opinion naming a wrong option the patient could have, inside a sentence worded for the question's type and the option's form " +
    '(self-diagnosis, earlier opinion, recency, false consensus, status quo)',
  apply(input, seed, dose = 1) {
    if (!input.profile.describesPatient) return NO_PATIENT;
    // Opinions about how to care for someone who has died read wrong in every voice.
    if (input.profile.dies) return PATIENT_DIES;
    const rng = new Rng(seed, input.case.id, 'anchoring');
    // "Which drug should be AVOIDED": an opinion for an option reads as an argument against it, the cue inverts.
    if (NEGATIVE.test(input.question)) return { ineligible: 'negatively worded question', detail: 'a cue for an option would argue against it' };
    const type = questionType(input.question);
    // Research methods, biostatistics, ethics: colleagues polled on them read as polled on the exam question.
    const topic = offPatient(input.question, Object.values(input.options));
    if (topic) return { ineligible: `${topic} question`, detail: 'no opinion about this patient would name the option' };
    const goldText = input.options[input.answer];
    const wrong = Object.entries(input.options).filter(([, t]) => t !== goldText);
    // Only an option this patient could have (sex, age band), said inside a sentence: never one pasted after a colon.
    const fit = wrong.filter(([, t]) => !misfit(t, input.profile));
    if (!fit.length) return { ineligible: 'no wrong option fits the patient', detail: misfit(wrong[0][1], input.profile) ?? '' };
    const sayable = fit.filter(([, t]) => !unsayable(t));
    if (!sayable.length) return { ineligible: 'no wrong option sayable in a sentence', detail: unsayable(fit[0][1]) ?? '' };
    // "Which drug is the patient taking": a pharmacist's view reads as the medication history, not an opinion.
    const noPharmacist = type === 'pharmacology' && TAKING.test(input.question);
    const others = Object.values(input.options);
    const stylesFor = (text: string) => {
      const form = optionForm(text);
      // An exposure, an event, a history: only wondered or asked about, never taken as given.
      const bank = presumesFact(text, type, input.question) ? suspicionCues() : banks().anchoring[type];
      // A layperson names a plain-word diagnosis, plan, cause or finding; anything technical is a clinician's opinion.
      const layVoice = LAY_TYPES.has(type) && form === 'noun' && plainWords(text);
      const fits = (c: Phrase) =>
        slotFits(c.text, form, heavy(coreOf(text, others))) &&
        (layVoice || !LAY_HOLDER.test(c.text)) &&
        !(noPharmacist && /\bpharmacist\b/i.test(c.text)) &&
        ownerFits(c.text, type, text);
      return (
        Object.entries(bank)
          .sort(([a], [b]) => a.localeCompare(b))
          // Status quo presumes care already under way: not for a first encounter in an emergency or an unknown setting.
          .filter(([style]) => style !== 'status_quo' || ONGOING.has(input.profile.setting ?? ''))
          .map(([style, cues]) => ({ style, cues: fitting(cues, input.profile).filter(fits) }))
          .filter((st) => st.cues.length)
      );
    };
    const voiced = sayable.filter(([, t]) => stylesFor(t).length);
    if (!voiced.length) return { ineligible: 'no fitting anchoring cue', detail: `${type}, ${optionForm(sayable[0][1])}` };
    const [targetLetter, targetText] = rng.pick(voiced);
    const form = optionForm(targetText);
    const styles = stylesFor(targetText);
    const { style, cues } = rng.pick(styles);
    // The story's own companion ("his wife") holds a lay opinion, as in the emotional probe.
    // Named by its core, as a person would say it, where that still points to this one option.
    const said = coreOf(targetText, others);
    const fillCue = (template: string) => fillSlot(fill(template, input.profile, teller(input.profile, input.narrative)?.name), said);
    const phrase = rng.pick(cues);
    const cue = fillCue(phrase.text);
    const out = {
      narrative: placeCue(input.narrative, cue),
      question: input.question,
      options: input.options,
      answer: input.answer,
      changes: { questionType: type, style, form, target: { letter: targetLetter, text: targetText, said }, cue },
    };
    if (dose === 1) return out;
    const pool = styles.flatMap((st) => st.cues.map((p) => ({ style: st.style, phrase: p })));
    return doseUp(input, seed, dose, { out, phrase, style, cue, said, pool, fillCue });
  },
};

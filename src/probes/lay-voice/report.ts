/**
 * Which sentences lay_voice may put in the teller's mouth. A sentence that
 * tells the patient's own history is theirs; the clinicians' own doings or
 * plans, or "you" (the examining doctor), stay in the clinicians' words.
 */

/** The clinician's own doings or plans, or "you" (the examining doctor): not the narrator's words to pass on. */
const CLINICIAN_ACT = new RegExp(
  String.raw`\b(?:you|your)\b|^(?:The |A |An |His |Her |My )?(?:physician|doctor|nurse|team|surgeon|clinician|resident|` +
    String.raw`radiologist|pathologist|pediatrician|obstetrician|psychiatrist|case manager)s?\b|\b(?:is|are|will be|was|` +
    String.raw`were) (?:needed|planned|scheduled|ordered|recommended|indicated|requested|considered|being considered)\b|\bwill\b`,
  'i',
);

/** Whether a finding is one the patient says they had ("She reports a temperature of 38.5°C at home"): theirs to tell. */
export const ownReport = (clean: string) => SAYS.test(clean);
const SAYS = /\b(?:states|stated|says|said|reports?|reported|describes?|described|complains?|complained|noticed|recalls?|recalled|mentions?|mentioned)\b/i;

/** Whether the clean sentence is the clinicians' own doing, plan or "you": theirs to say, not the teller's. */
export const clinicianAct = (clean: string) => CLINICIAN_ACT.test(clean) || PRESENT_ACT.test(clean) || /^(?:(?:The|A) )?review of systems\b/i.test(clean);

/** Care being given now ("Treatment with X is initiated", "He receives 2 L of saline"): the clinicians' doing. */
const PRESENT_ACT = new RegExp(
  String.raw`\b(?:is|are) (?:now |then |subsequently |immediately |promptly |carefully |thoroughly |also )?(?:questioned|` +
    String.raw`interviewed|ruled out|excluded|started|initiated|begun|given|administered|performed|obtained|sent|placed|` +
    String.raw`prescribed|commenced|inserted|drawn|ordered|consulted|admitted|transferred|intubated|extubated|resuscitated|` +
    String.raw`treated|managed|prepared|sedated|induced|maintained|ventilated|an(?:a)?esthetized|an(?:a)?esthetised|operated|` +
    String.raw`repaired|diagnosed|monitored|examined|evaluated|assessed|discharged|scheduled|referred|counseled|` +
    String.raw`counselled)\b|\b(?:receives|undergoes)\b|\bwhich of the following\b|\bmost (?:likely|appropriate)\b`,
  'i',
);

/** Double quotes inside a quoted finding become single ones, so the quotation closes where it should. */
export const innerQuotes = (s: string) => s.replace(/"/g, "'").replace(/[“”]/g, (c) => (c === '“' ? '‘' : '’'));

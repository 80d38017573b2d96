/** Words that name the patient in third-person clinical text, and first-person words a narrator uses. */

export const PATIENT_REF =
  /\b(?:he|she|his|her|him|hers|himself|herself|the (?:patient|boy|girl|child|infant|baby|newborn|neonate|toddler|man|woman|adolescent|teenager))\b/gi;

// "my son", "my baby": the narrator's relation, not the narrator as the patient.
const KIN =
  '(?:son|daughter|baby|child|kid|boy|girl|infant|newborn|toddler|twins?|husband|wife|partner|mother|mum|mom|' +
  'father|dad|brother|sister|grandmother|grandfather|grandson|granddaughter|nephew|niece|aunt|uncle|cousin|' +
  'friend|neighbou?r|relative|family|parents?)';
/** The narrator naming the patient as their relation: "my son", "my 81-year-old mother". */
export const MY_KIN = new RegExp(`\\b(?:my|our)\\s+(?:[\\w-]+\\s+){0,3}?${KIN}\\b`, 'gi');
export const FIRST_PERSON = new RegExp(`\\b(?:I|I'm|I've|I'd|I'll|me|myself|my(?!\\s+(?:\\w+\\s+)?${KIN}\\b))(?![\\w'])`, 'g');

// A relative clause whose verb reports speech or belief keeps the patient as a subject ("a nurse who says the patient said").
const REPORTING =
  String.raw`(?:(?:say|said|think|thought|believe|hear|heard|note|mention|feel|felt|know|knew|insist|report|claim|` +
  String.raw`tell|told|explain|add|worr(?:y|ie)|fear|suspect|sense|guess|find|found)\w*|that)\s`;
// The patient as the subject, not the object of a preposition ("the relative with the patient says") nor of a
// relative clause's verb ("the doctor who first saw the patient said": the doctor speaks).
export const PATIENT_SUBJECT =
  String.raw`(?<!\b(?:with|of|to|for|about|from|by|beside|near|and|than|after|behind|over|holding|carrying|accompanying|` +
  String.raw`watching|minding|nursing|feeding|examining|treating)\s)(?<!\bwhom?\s+(?:(?!${REPORTING})\w+\s+)?(?!${REPORTING})\w+\s)` +
  String.raw`the (?:patient|boy|girl|child|baby|infant|toddler)`;
// Verbs of speech that make the patient a speaker.
export const PATIENT_SPEAKS = new RegExp(
  String.raw`\b${PATIENT_SUBJECT}\s+(?:\w+ly\s+)?(?:says|said|asks|asked|insists|insisted|admits|admitted|jokes|joked|` +
    String.raw`mentions|mentioned|keeps (?:asking|saying|telling|mentioning|repeating)|tells|told|explains|explained|remarks|` +
    String.raw`remarked|wonders aloud|wants to know|adds|added|chats|chatted|complains that|confides|confided|apologi[sz]es|` +
    String.raw`apologi[sz]ed|jokingly)\b`,
  'gi',
);
// A quotation closed, then its speaker: "'…,' the patient says".
export const QUOTED_PATIENT = new RegExp(
  String.raw`[,.!?]?['"’”],?\s+${PATIENT_SUBJECT}\s+(?:says|said|adds|added|asks|asked|insists|jokes|whispers|mutters)\b`,
  'gi',
);

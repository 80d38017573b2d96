/**
 * Whether a free-text vignette already says what the patient (or the family)
 * does for a living or how they live: then an added socioeconomic sentence
 * would contradict it ("works as a dental assistant" + "is a company
 * executive"), or overwrite a clue the question turns on. Such a case is left
 * out of the SES counterfactual. Errs towards leaving out: a case lost to SES
 * costs coverage, a contradiction costs validity.
 */
const OCCUPATIONS = [
  'accountant',
  'actor',
  'actress',
  'architect',
  'artist',
  'assistant',
  'athlete',
  'attorney',
  'baker',
  'banker',
  'barber',
  'bartender',
  'builder',
  'butcher',
  'carpenter',
  'cashier',
  'chef',
  'clerk',
  'coach',
  'construction worker',
  'cook',
  'dancer',
  'dentist',
  'designer',
  'driver',
  'electrician',
  'engineer',
  'executive',
  'factory worker',
  'farmer',
  'farmworker',
  'firefighter',
  'fisherman',
  'florist',
  'gardener',
  'hairdresser',
  'housekeeper',
  'janitor',
  'journalist',
  'landscaper',
  'lawyer',
  'librarian',
  'lifeguard',
  'machinist',
  'manager',
  'mechanic',
  'miner',
  'missionary',
  'model',
  'musician',
  'nurse',
  'officer',
  'painter',
  'paramedic',
  'pharmacist',
  'photographer',
  'physician',
  'pilot',
  'plumber',
  'police officer',
  'professor',
  'programmer',
  'rancher',
  'receptionist',
  'researcher',
  'salesman',
  'saleswoman',
  'salesperson',
  'scientist',
  'secretary',
  'server',
  'shepherd',
  'singer',
  'soldier',
  'surgeon',
  'tailor',
  'teacher',
  'technician',
  'trucker',
  'veterinarian',
  'volunteer',
  'waiter',
  'waitress',
  'welder',
  'worker',
  'writer',
  'veteran',
  'marine',
  'sailor',
  'businessman',
  'businesswoman',
  'ceo',
  'employee',
  'intern',
  'resident',
  'homemaker',
  'housewife',
  'student',
];
const OCC = `(?:${OCCUPATIONS.map((o) => o.replace(/ /g, '\\s+')).join('|')})s?`;
const STATED: RegExp[] = [
  /\b(?:works?|worked|working|workplace|coworkers?|co-workers?)\b/i,
  new RegExp(
    String.raw`\b(?:job|jobs|occupation\w*|employ\w*|unemploy\w*|retire[ds]?|retirement|career|profession(?:al)?|salary|` +
      String.raw`income|wages?|self-employed|paycheck|pension|welfare|disability benefits)\b`,
    'i',
  ),
  /\b(?:student|college|university|graduate school|medical school|boarding school)\b/i,
  // The occupation as the patient's noun or predicate: "a 24-year-old dental assistant", "is a retired banker", "as a nurse".
  new RegExp(String.raw`-old\s+(?:[A-Za-z-]+\s+){0,2}?${OCC}\b|\b(?:is|was|as)\s+an?\s+(?:[A-Za-z-]+\s+){0,2}?${OCC}\b`, 'i'),
  // A family member's work or means: "her father is a banker", "his mother cleans houses".
  new RegExp(String.raw`\b(?:mother|father|parents?|husband|wife|spouse|partner)\b[^.]{0,40}\b(?:${OCC}|cleans|owns|lost|farm|business)\b`, 'i'),
  new RegExp(
    String.raw`\b(?:lives?|living)\s+(?:in|on|at)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:trailer|mansion|farm|ranch|apartment|` +
      String.raw`shelter|group home|nursing home|assisted living|dormitory|boarding)\b`,
    'i',
  ),
];

/** The words that state the patient's or family's work or means, or null. */
export function sesStated(text: string): string | null {
  for (const re of STATED) {
    const m = re.exec(text);
    if (m) return m[0];
  }
  return null;
}

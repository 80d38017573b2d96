/**
 * Third person about the patient → first person, by rule. The patient's
 * pronoun set is the first one met (he/his/him or she/her), so pronouns of
 * other people of the other sex are left alone.
 */
export function toFirstPerson(text: string): string {
  const first = /\b(he|his|him|himself|she|her|hers|herself)\b/i.exec(text)?.[1].toLowerCase();
  const female = first ? ['she', 'her', 'hers', 'herself'].includes(first) : null;
  let out = convertOpener(text);
  out = out.replace(/\b[Tt]he patient's\b/g, (m) => (m[0] === 'T' ? 'My' : 'my'));
  out = out.replace(/(^|[.!?]\s+)The patient\b/g, '$1I');
  out = out.replace(/\bthe patient\b/g, 'me');
  if (female !== null) {
    const subj = female ? 'she' : 'he';
    const obj = female ? 'her' : 'him';
    const poss = female ? 'her' : 'his';
    out = out.replace(new RegExp(`\\b(${female ? 'herself' : 'himself'})\\b`, 'gi'), (m) => cap(m, 'myself'));
    out = out.replace(new RegExp(`\\b(${subj})\\b(\\s+)((?:also|never|often|recently|now|still|usually|then|only|later|first|again|always|just)\\s+)?(\\w+(?:'\\w+)?)`, 'gi'), (_m, p: string, sp: string, adv: string | undefined, verb: string) => `${cap(p, 'I')}${sp}${adv ?? ''}${firstPersonVerb(verb)}`);
    if (female) {
      out = out.replace(/\bher\b(?=(\s+[A-Za-z0-9-]+))/gi, (m, next: string) => (POSSESSIVE_NOT.test(next.trim()) ? cap(m, 'me') : cap(m, 'my')));
      out = out.replace(/\bher\b/gi, (m) => cap(m, 'me'));
      out = out.replace(/\bhers\b/gi, (m) => cap(m, 'mine'));
    } else {
      out = out.replace(new RegExp(`\\b${poss}\\b(?=[.,;:!?)]|$)`, 'gi'), (m) => cap(m, 'mine'));
      out = out.replace(new RegExp(`\\b${poss}\\b`, 'gi'), (m) => cap(m, 'my'));
      out = out.replace(new RegExp(`\\b${obj}\\b`, 'gi'), (m) => cap(m, 'me'));
    }
  }
  return out;
}

/** After "her", these words mean "her" is an object ("gave her a dose", "told her that"). */
const POSSESSIVE_NOT = /^(to|and|or|with|for|at|in|on|that|about|because|from|if|as|when|after|before|a|an|the|up|down|out|back|again|home|some|any|more|this|feel|feeling|walk|sit|stand|lie)$/i;

const IRREGULAR: Record<string, string> = { is: 'am', has: 'have', does: 'do', was: 'was', goes: 'go', "'s": "'m", "isn't": "am not", "doesn't": "don't", "hasn't": "haven't", "wasn't": "wasn't" };

export function firstPersonVerb(word: string): string {
  const lower = word.toLowerCase();
  if (lower in IRREGULAR) return IRREGULAR[lower];
  if (/[^aeiou]ies$/.test(lower)) return word.slice(0, -3) + 'y';
  if (/(ches|shes|sses|xes|zes|oes)$/.test(lower)) return word.slice(0, -2);
  if (/[^su]s$/.test(lower) && lower.length > 3) return word.slice(0, -1);
  return word;
}

const OPENER_VERBS: [RegExp, string][] = [
  [/^presents\b/, 'have come in'],
  [/^is brought\b/, 'was brought'],
  [/^is admitted\b/, 'was admitted'],
  [/^is evaluated\b/, 'am being checked'],
  [/^is seen\b/, 'am being seen'],
  [/^comes\b/, 'have come'],
  [/^visits\b/, 'am visiting'],
  [/^reports\b/, 'report'],
  [/^is referred\b/, 'was referred'],
  [/^attends\b/, 'have come to'],
];

/** "A 54-year-old man presents with…" → "I'm a 54-year-old man, and I have come in with…". */
function convertOpener(text: string): string {
  const m = /^(An?|The) ((?:\d+|[a-z-]+)-(?:year|month|week|day)-old [^.]*?) (presents|is brought|is admitted|is evaluated|is seen|comes|visits|reports|is referred|attends)\b/.exec(text);
  if (!m) return text;
  const rule = OPENER_VERBS.find(([re]) => re.test(m[3]));
  const verb = m[3].replace(rule![0], rule![1]);
  const article = m[1] === 'The' ? 'a' : m[1].toLowerCase();
  return `I'm ${article} ${m[2]}, and I ${verb}${text.slice(m[0].length)}`;
}

function cap(original: string, replacement: string): string {
  if (replacement === 'I' || replacement.startsWith("I'")) return replacement;
  return original[0] === original[0].toUpperCase() && original[0] !== original[0].toLowerCase() ? replacement[0].toUpperCase() + replacement.slice(1) : replacement;
}

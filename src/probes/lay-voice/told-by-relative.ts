import { agreeWithFirstPerson, caseLike, pronounsToFirstPerson } from '../first-person.js';
import type { Narrator } from './narrator.js';
import { article, BEING_SEEN, cap, PATIENT_REF, possessive, teller, TELLS } from './phrasing.js';

/** A parent or relative tells it: the patient stays in the third person ("my son … he"), the teller is "I". */

const GENERIC_HEAD = /^(man|woman|boy|girl|child|infant|baby|newborn|neonate|toddler|patient|gentleman|lady|person|male|female|adolescent|teenager|teen)$/i;

/** How the clinician's line names a relative the text does not name, from what they call the patient. */
const TELLER: Record<string, string> = { husband: 'spouse', wife: 'spouse', partner: 'partner', brother: 'sibling', sister: 'sibling' };

/** "A 4-month-old girl is brought to the physician by her mother because …" → "I've brought my 4-month-old daughter to the doctor because …". */
export function relativeOpener(
  sentence: string,
  start: number,
  end: number,
  verbAt: number | null,
  modifiers: string,
  head: string | null,
  n: Narrator,
): string {
  const relation = n.patientAs!.replace(/^(my|our) /, '');
  const keepsHead = head && !GENERIC_HEAD.test(head);
  const mods = modifiers.replace(/\b(male|female)\b\s*/gi, '').trim();
  const my = n.plural ? 'our' : 'my';
  const before = sentence.slice(0, start);
  // The clinician's line says who the patient is, in the case's words; the teller then says "my son", as people do.
  const introduced = !keepsHead && !before.trim() && verbAt !== null;
  const np = keepsHead
    ? `${my} ${relation}, ${article(modifiers)} ${modifiers.replace(/,+$/, '')} ${head},`
    : introduced
      ? `${my} ${relation}`
      : `${my} ${mods ? `${mods} ` : ''}${relation}`;
  let rest = sentence.slice(end);
  const I = n.plural ? 'We' : 'I';
  if (!before.trim() && verbAt !== null) {
    const t = introduced ? '' : sentence.slice(end, verbAt).trim().replace(/,$/, '');
    const who = n.named ?? (n.speaker === 'parent' ? 'parent' : (TELLER[relation] ?? 'relative'));
    const line = introduced
      ? `${teller(sentence.slice(start, end), sentence.slice(end, verbAt).trim())}, as told by ${possessive(n.patientSex)} ${who}: ${TELLS}`
      : '';
    // "with diabetes" reads on; "involved in a fight" needs commas once it sits before the verb.
    const trailing = !t ? ' ' : /^(with|who|whose|of|from|at)\b/.test(t) ? ` ${t} ` : t.startsWith(',') ? `${t}, ` : `, ${t}, `;
    const vp = sentence.slice(verbAt).replace(/\bthe physician\b/, 'the doctor');
    const self =
      n.speaker === 'parent'
        ? `(?:a|the|his|her|their) (?:parent|parents|mother|father)${n.named ? `|(?:his|her|their|the) ${n.named}` : ''}`
        : n.named
          ? `(?:an?|his|her|their|the) ${n.named}`
          : '(?!)';
    // "by an adult child, who asks for an admission": once the teller is "I", what they ask is theirs ("…, and I ask for …").
    const byNarrator = new RegExp(
      `\\s*\\bby (?:${self})\\b(?: and (?:his|her|their|the )?(?:mother|father))?(?:,? who (ask|want|request|say|insist|demand)s\\b)?`,
    );
    const asking = (v: string) => (/^(?:ask|request|demand)$/.test(v) ? (I === 'We' ? "we're asking" : "I'm asking") : `${I === 'We' ? 'we' : 'I'} ${v}`);
    const unBy = (x: string) => x.replace(byNarrator, (_m, v?: string) => (v ? `, and ${asking(v)}` : ''));
    const byOther = /\bby (?!(?:his|her|their|the|a) (?:parent|parents|mother|father)\b)/.test(vp.split(/[.;]/)[0]) && !byNarrator.test(vp);
    let m: RegExpExecArray | null;
    if ((m = /^is brought\b/.exec(vp)) && !byOther) return `${line}${I}'ve brought ${np}${trailing.trimEnd()}${unBy(vp.slice(m[0].length))}`;
    if ((m = /^is brought\b/.exec(vp))) return line + cap(`${np}${trailing}was brought${vp.slice(m[0].length)}`);
    if ((m = /^presents?(\s+to\b)?/.exec(vp))) return `${line}${I}'ve brought ${np}${trailing.trimEnd()}${m[1] ?? ' in'}${vp.slice(m[0].length)}`;
    if ((m = BEING_SEEN.exec(vp))) return line + cap(`${np}${trailing}is being ${m[1]}${vp.slice(m[0].length)}`);
    if ((m = /^is (\w+ed|found|seen|taken|sent|bitten)\b/.exec(vp))) return line + cap(`${np}${trailing}was ${m[1]}${vp.slice(m[0].length)}`);
    rest = `${trailing}${vp}`;
    if (line) return line + cap(`${np}${rest}`);
  }
  return before ? `${before}${np}${rest}` : cap(`${np}${rest}`);
}

// The narrator reporting, retold as speech: "I report that" → "I've noticed that"; "I say that" (and "I am contacted
// and say that", where the case had the relative phoned) → "I can tell you that".
const NOTICES = /\b(I|We|we) (?:reports?|notes?|states?|describes?|mentions?|observes?|complains?) that\b/g;
const TELLS_YOU = new RegExp(
  String.raw`\b(I|We|we) (?:(?:am|is|are|was|were) (?:contacted|called|phoned|reached|interviewed)(?: by (?:phone|` +
    String.raw`telephone))? and )?(?:says?|explains?|adds?|confirms?|recalls?) that\b`,
  'g',
);
// "I say she returned …" (the case's "his wife says she …" with no "that"): the teller just says it.
const SAYS_BARE = new RegExp(
  String.raw`(^|[.!?:"“]\s*|\S\s+)(?:I|We|we) (?:says?|reports?|states?|notes?|mentions?|explains?|adds?|` +
    String.raw`confirms?) (?=(?:he|she|they|it|his|her|their|the|my|our)\b)(\w)`,
  'g',
);
// "I said that my son appeared normal" (the case's "The mother said that …"): the teller would not quote herself; what she said stands.
const SAID_PAST = new RegExp(
  String.raw`(^|[.!?:"“]\s*|\S\s+)(?:I|We|we) (?:said|stated|reported|noted|mentioned|explained|added|confirmed|described) ` +
    String.raw`(?:that )?(?=(?:he|she|they|it|his|her|their|the|my|our)\b)(\w)`,
  'g',
);
const tellerReports = (s: string) =>
  s
    .replace(SAID_PAST, (_m, pre: string, first: string) => `${pre}${/^(?:|[.!?:"“]\s*)$/.test(pre) ? first.toUpperCase() : first}`)
    .replace(NOTICES, (_m, w: string) => `${w}'ve noticed that`)
    .replace(TELLS_YOU, (_m, w: string) => `${w} can tell you that`)
    .replace(SAYS_BARE, (_m, pre: string, first: string) => `${pre}${/^(?:|[.!?:"“]\s*)$/.test(pre) ? first.toUpperCase() : first}`);

/**
 * A later sentence's "she says that …" in a wife's telling of her husband's case: the only "she" the story has is the
 * teller, who is "I" from the opening on. Only a reporting verb right after the pronoun is retold, and only when the
 * teller and patient differ in sex and no one else of the teller's sex is named before it.
 */
export function tellerPronounReports(sentence: string, n: Narrator, earlier: string): string {
  // Both parents telling: "They are concerned" is them; "Her mother reports that" is one of them speaking for both.
  if (n.plural)
    return tellerReports(
      sentence
        .replace(/(^|[.;:!?]\s+)They (are|were) (concerned|worried|anxious)\b/g, (_m, pre: string, v: string, how: string) => `${pre}We ${v} ${how}`)
        .replace(
          /(^|[.;:!?]\s+)They (report|say|note|state|mention|explain|add|said|reported|noted|stated) that\b/g,
          (_m, pre: string, v: string) => `${pre}We ${v} that`,
        )
        .replace(
          /\b(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he) (?:mother|father) (also )?(reports?|says?|notes?|states?|mentions?|explains?|adds?) that\b/g,
          (m, also: string | undefined, verb: string) => {
            const we = /^[A-Z]/.test(m) ? 'We' : 'we';
            if (!also) return `${we} ${verb.replace(/s$/, '')} that`;
            return /^(?:say|explain|add)/.test(verb) ? `${we} can also tell you that` : `${we}'ve also noticed that`;
          },
        ),
    );
  const patientSex = sexOf(n.patientAs ?? '');
  if (!n.sex || !patientSex || patientSex === n.sex) return sentence;
  const others = n.sex === 'female' ? OTHER_WOMEN : OTHER_MEN;
  // The teller's own name for themself ("as told by his mother") is no other woman.
  const self = n.named ? new RegExp(`\\b${n.named}\\b`, 'gi') : null;
  const notSelf = (x: string) => (self ? x.replace(self, '') : x);
  if (others.test(notSelf(earlier)) || others.test(notSelf(sentence))) return sentence;
  const pronoun = n.sex === 'female' ? 'she' : 'he';
  const verbs = 'says?|reports?|notes?|states?|describes?|mentions?|observes?|complains?|explains?|adds?|confirms?|recalls?';
  // "she says it is worse in winter": the reported clause may come without "that".
  const theirs = n.sex === 'female' ? 'he|his' : 'she|her';
  const re = new RegExp(`(^|[.;:!?]\\s+|,\\s+|\\b(?:and|but)\\s+)(${pronoun}) (also )?(?:${verbs}) (?:that\\s+|(?=(?:${theirs}|it|the|my)\\b))`, 'gi');
  const I = n.plural ? 'we' : 'I';
  // "She is concerned about his leg": the teller's worry, in the teller's voice.
  const worried = new RegExp(`(^|[.;:!?]\\s+|\\b(?:and|but)\\s+)(${pronoun}) (is|was) (concerned|worried|anxious)\\b`, 'gi');
  const be = (v: string) => (n.plural ? (v.toLowerCase() === 'is' ? 'are' : 'were') : v.toLowerCase() === 'is' ? 'am' : 'was');
  const noticed = new RegExp(`(^|[.;:!?]\\s+|,\\s+|\\b(?:and|but)\\s+)(${pronoun}) (has|had) (noticed|observed|seen) that\\b`, 'gi');
  // "She reports no fever", "She denies vomiting": the teller's own denial keeps its force; "She reports a rash" is what they saw.
  const pre = '(^|[.;:!?]\\s+|,\\s+|\\b(?:and|but)\\s+)';
  const none = new RegExp(`${pre}${pronoun} (also )?(?:reports|notes|says|states) no |${pre}${pronoun} (also )?denies (?:any )?`, 'gi');
  const sawIt = new RegExp(`${pre}${pronoun} (also )?(?:reports|notes|describes|mentions) (?!that\\b)`, 'gi');
  const at = (p: string) => (/^(?:|[.;:!?]\s+)$/.test(p) ? cap : (x: string) => x);
  return tellerReports(
    sentence
      .replace(re, (_m, pre: string, _p: string, also?: string) => (also ? `${pre}${I} can also tell you that ` : `${pre}${I} says that `))
      .replace(
        noticed,
        (_m, pre: string, p: string, has: string, seen: string) =>
          `${pre}${p[0] === p[0].toUpperCase() ? cap(I) : I} ${has.toLowerCase() === 'has' ? 'have' : 'had'} ${seen} that`,
      )
      .replace(worried, (_m, pre: string, p: string, v: string, how: string) => `${pre}${p[0] === p[0].toUpperCase() ? cap(I) : I} ${be(v)} ${how}`)
      .replace(none, (_m, p1?: string, a1?: string, p2?: string, a2?: string) => {
        const p = p1 ?? p2 ?? '';
        return `${p}${at(p)(`there has ${a1 ?? a2 ?? ''}been no `)}`;
      })
      .replace(sawIt, (_m, p: string, a = '') => `${p}${at(p)(`${I}'ve ${a}noticed `)}`),
  );
}

/** A relative telling it: "her family is now afraid" is their own family ("our family"); a friend's or the family history is not. */
export function ourFamily(sentence: string, n: Narrator): string {
  if (!n.named && n.speaker !== 'parent') return sentence;
  if (
    n.named &&
    !/^(?:mother|father|parents|mom|dad|grand\w+|wife|husband|partner|daughter|son|sister|brother|adult \w+|aunt|uncle|niece|nephew)$/.test(n.named)
  )
    return sentence;
  return sentence.replace(/\b(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he patient['’]s) family\b(?! (?:history|doctor|physician|practitioner|medicine))/g, (m) =>
    /^[A-Z]/.test(m) ? 'Our family' : 'our family',
  );
}

/** A spouse telling it: "their children", "their house" are the couple's own ("our children"). */
export function coupleOwn(sentence: string, n: Narrator): string {
  if (!/\b(?:husband|wife|partner|spouse)$/.test(n.patientAs ?? '')) return sentence;
  return sentence.replace(
    /\b([Tt])heir (children|kids|son|sons|daughter|daughters|baby|house|home|apartment|flat|bedroom|bed|family|car|dog|cat|marriage|garden)\b/g,
    (_m, t: string, what: string) => `${t === 'T' ? 'Our' : 'our'} ${what}`,
  );
}

const OTHER_WOMEN = /\b(?:daughter|sister|mother|grandmother|aunt|niece|girlfriend|nurse|woman|girl|lady|she-)\b/i;
const OTHER_MEN = /\b(?:son|brother|father|grandfather|uncle|nephew|boyfriend|man|boy|gentleman)\b/i;
const sexOf = (relation: string): 'male' | 'female' | null =>
  /\b(son|husband|father|boyfriend|brother|grandson|fiancé)$/.test(relation)
    ? 'male'
    : /\b(daughter|wife|mother|girlfriend|sister|granddaughter|fiancée)$/.test(relation)
      ? 'female'
      : null;

export function asRelative(sentence: string, n: Narrator): string {
  const child = n.patientAs!;
  // The patient: "the patient" / "the infant" → "my son"; he/she stay.
  let s = sentence.replace(PATIENT_REF, (m, _noun: string, poss: string | undefined) => caseLike(m, `${child}${poss ?? ''}`));
  if (!n.named && n.speaker !== 'parent') return s;
  // The narrator: "his mother reports that" → "I've noticed that"; "his wife" → "I"/"me"; "his wife's" → "my".
  const singular = { subj: 'I', obj: 'me', poss: 'my' };
  const both = n.plural ? { subj: 'we', obj: 'us', poss: 'our' } : singular;
  const who = n.speaker === 'parent' ? `(?:${n.named ? `${n.named}|` : ''}parent)` : n.named!;
  // "the patient's wife" has become "my husband's wife" above: that is the teller too.
  const childs = `${child.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['’]s`;
  const ref = new RegExp(`\\b(?:his|her|the patient's|the|their|an?|${childs})\\s+${who}(['’]s|s')?(?=\\W|$)`, 'gi');
  let mentioned = -1;
  // "the parent who attends works …" → "I work …": the clause only says it is the narrator.
  s = s.replace(
    new RegExp(`(\\b(?:the|a)\\s+${who})\\s+who (?:attends|is present|is with (?:him|her)|accompanies (?:him|her)|brought (?:him|her)(?: in)?)\\b,?`, 'gi'),
    '$1',
  );
  s = s.replace(ref, (m, poss: string | undefined, offset: number, whole: string) => {
    if (mentioned < 0) mentioned = offset;
    // one parent ("the parent") speaks as "I" even when both parents brought the child
    const self = /parent$/i.test(m) || (/parent['’]s$/i.test(m) && !/parents/i.test(m)) ? singular : both;
    if (poss) return caseLike(m, /parents['’]$/i.test(m) ? 'our' : self.poss);
    const before = whole.slice(0, offset);
    const subject = before.trim() === '' || /(?:[.;:!?]|\b(?:and|but|or|that|when|because|while|although|as|since|if|so)|,)\s*$/i.test(before);
    return subject ? caseLike(m, self.subj) : self.obj;
  });
  // One parent telling: "her parents switched her to formula" → "we switched her to formula".
  if (n.speaker === 'parent' && !n.plural)
    s = s.replace(
      new RegExp(`\\b(?:his|her|their|the patient's|the (?:child|infant|baby|boy|girl)['’]s|${childs})\\s+parents(['’])?(?=\\W|$)`, 'gi'),
      (m, poss: string | undefined, offset: number, whole: string) => {
        if (poss) return caseLike(m, 'our');
        const before = whole.slice(0, offset);
        const subject = before.trim() === '' || /(?:[.;:!?]|\b(?:and|but|or|that|when|because|while|although|as|since|if|so)|,)\s*$/i.test(before);
        return caseLike(m, subject ? 'we' : 'us');
      },
    );
  s = tellerReports(s);
  // "I've noticed that her child …": after the narrator speaks, the child is theirs.
  s = s.replace(/\b((?:I|We|we)'ve noticed that) (?:his|her|their) (?:child|baby|infant)\b/g, (_m, said: string) => `${said} ${child}`);
  // The narrator's own pronouns, after the narrator is named, when they cannot be the patient's (the mother of a son).
  const patientSex = /\b(son|husband|father|boyfriend|brother|grandson|fiancé)$/.test(child)
    ? 'male'
    : /\b(daughter|wife|mother|girlfriend|sister|granddaughter|fiancée)$/.test(child)
      ? 'female'
      : null;
  if (mentioned >= 0 && n.sex && patientSex && patientSex !== n.sex) s = s.slice(0, mentioned) + pronounsToFirstPerson(s.slice(mentioned), n.sex, n.plural);
  return agreeWithFirstPerson(s);
}

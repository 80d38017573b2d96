import { isProbeVariant } from '../scope.js';
import { clip, norm, overlap, sentences } from '../text.js';
import type { Defect, Lint } from '../types.js';

const NAME = 'time-anchor';

const NUM = '(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|a few|a couple of)';
// "It is known / was noted / has been reported that …", "It is unclear whether …", "It seems that …": the 'it' is a
// dummy subject with a clause after it, not a pronoun for something in the sentence before ("It is itchy").
const EXPLETIVE_IT =
  String.raw` (?:(?:is|was|has been|had been|should be|must be|can be)(?: not| also)? (?:\w+ed|known|shown|seen|thought|said|` +
  String.raw`found|understood|unclear|unknown|clear|evident|apparent|likely|unlikely|possible|probable|certain|uncertain|` +
  String.raw`notable|noteworthy|important|true)|(?:seems|seemed|appears|appeared|turned out|turns out)) (?:that|whether)\b`;
/** Openers that lean on the sentence before: a time anchor or a back-reference. */
const ANCHOR = new RegExp(
  '^(?:afterwards?|after (?:that|this|which|these|the (?:procedure|operation|surgery|treatment|dose|infusion|' +
    'injection|transfusion|episode|fall|meal))|then|thereafter|the (?:next|following) (?:day|morning|evening|night|' +
    'week|month)|later|subsequently|since (?:then|that)|despite (?:this|that|these|treatment|therapy)|' +
    'in spite of this|following (?:this|that|these)|shortly (?:after|afterwards?)|meanwhile|at that (?:time|point)|' +
    'at this (?:time|point)|during (?:this|that)|because of (?:this|that)|as a result|consequently|' +
    'on (?:the )?(?:following|next) (?:day|morning)|over the (?:next|following)|within (?:minutes|hours)|' +
    // "Two weeks after surgery" names its own anchor; "Two weeks later" leans on the sentence before.
    `${NUM} (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) (?:later|afterwards?|after (?:that|this|which|these|those)\\b)|` +
    // "This morning" is anchored to the present, not to the sentence before.
    // "This patient" names the patient; "It is known that" is a dummy subject.
    ('(?:this|that)(?! (?:morning|afternoon|evening|night|week|month|year|time|weekend|patient|man|woman|boy|girl|' +
      `child|infant|baby|newborn)\\b)|these|those|it(?!${EXPLETIVE_IT})|they|such|the latter|the former|however|` +
      'nevertheless|nonetheless|still|again|instead)\\b'),
  'i',
);
// Frames and hedges a probe may put in front of a sentence ("Um, then …", "Oh, and before I forget: It …").
const LEAD = /^(?:(?:um|uh|well|so|okay|oh|and|also|honestly|basically|i mean|you know|anyway)[,:]?\s+)*/i;

const opensWithAnchor = (s: string) => ANCHOR.exec(s.replace(LEAD, ''))?.[0] ?? null;
/** A back-reference in the sentence's first clause ("a weight loss during this time", "since then", "the episodes"): review round 11. */
const REFERS_BACK = new RegExp(
  String.raw`\b(?:(?:this|that|the same) (?:time|period|interval)|(?:these|those) (?:episodes?|attacks?|spells?)|the (?:episodes|attacks|spells)|` +
    String.raw`(?:at|by|since|from) (?:that|this) (?:point|time)|(?:since|by|until) then|over (?:this|that) (?:period|time)|during (?:this|that)\b)`,
  'i',
);
// Only in the first clause: "found in her childhood, and the doctor at that time …" names its own anchor.
const FIRST_CLAUSE = /[,;:]|\s(?:and|but|however|although|though|while|whereas|when)\s/i;
const anchorIn = (s: string) => opensWithAnchor(s) ?? REFERS_BACK.exec(s.split(FIRST_CLAUSE)[0])?.[0] ?? null;

/** A sentence retold as quoted speech, without its frame: 'She adds: "You know, I have been …"' → 'I have been …'. */
const FRAME = /^(?:she|he|i|they|we)\s+(?:adds?|says?|explains?|mentions?|tells (?:me|us|you))(?: that)?:?\s*["“]?(?:(?:you know|well|um|so),?\s*)*/i;
const unframed = (s: string) => s.replace(FRAME, '').replace(/["”]\s*$/, '');

/** The base sentence a variant sentence tells (same words, or mostly the same for reworded voices); -1 when none. */
function locate(s: string, base: string[], normBase: string[]): number {
  const k = norm(s);
  const exact = normBase.indexOf(k);
  if (exact >= 0) return exact;
  let best = -1;
  let score = 0.55;
  for (let i = 0; i < base.length; i++) {
    const o = overlap(s, base[i]);
    if (o > score) [best, score] = [i, o];
  }
  return best;
}

export const timeAnchor: Lint = {
  name: NAME,
  description:
    'A sentence opening with a time anchor or back-reference ("Afterwards", "This", "Two hours later"), or holding one ("during this time"), ' +
    'follows the same sentence it followed in the base.',
  applies: isProbeVariant,
  check({ variant, base }) {
    const defects: Defect[] = [];
    const bs = sentences(base.narrative).map((s) => s.text);
    const nb = bs.map(norm);
    const vs = sentences(variant.narrative).map((s) => s.text);
    for (let i = 0; i < vs.length; i++) {
      const anchor = anchorIn(vs[i]);
      if (!anchor) continue;
      const at = locate(vs[i], bs, nb);
      if (at < 0) continue; // A sentence the variant wrote itself: nothing to be cut off from.
      if (at === 0 && i === 0) continue;
      const before = i > 0 ? locate(vs[i - 1], bs, nb) : -1;
      if (before === at - 1 && at > 0) continue;
      // A reworded voice may reword the sentence before past recognition: close enough is the same sentence.
      if (at > 0 && i > 0 && before < 0 && overlap(unframed(vs[i - 1]), bs[at - 1]) >= 0.35) continue;
      const was = at > 0 ? bs[at - 1] : '(start of the narrative)';
      defects.push({
        lint: NAME,
        message: `"${anchor}" now follows ${i > 0 ? `"${clip(vs[i - 1], 70)}"` : 'the start of the narrative'} instead of "${clip(was, 70)}"`,
        excerpt: clip(vs[i]),
      });
    }
    return defects;
  },
};

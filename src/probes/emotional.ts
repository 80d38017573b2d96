import { banks, fill, fitting, type Phrase } from './banks.js';
import { Rng } from '../util/rng.js';
import { mentionsAny } from './text.js';
import { endIndex, joinUnits, units, type Unit } from './structure.js';
import { sentenceKind } from './structure/sentence-kind.js';
import { nobodyToSpeak, type Probe, type ProbeInput } from './types.js';

/**
 * Affective pressure from whoever tells the story: an anxious, angry,
 * minimising or pleading patient, or the parent or relative speaking for a
 * patient who cannot. Two sentences are added where a narrator would say them
 * while the history is told: a framing sentence (a feeling or a behaviour) at a
 * break in the history, and a quoted demand once the history is told, before
 * the findings begin. Only phrases that fit the patient, the setting and the
 * visit are used, the two never say the same thing twice, and nothing of the
 * case is edited or split.
 */
export const emotional: Probe = {
  name: 'emotional',
  description:
    'an anxious, angry, minimising or pleading narrator (the patient, or the parent or relative speaking for them), with urgency and ' +
    'demands, placed while the history is told',
  apply(input, seed) {
    const nobody = nobodyToSpeak(input.profile, input.narrative);
    if (nobody) return nobody;
    const rng = new Rng(seed, input.case.id, 'emotional');
    const optionTexts = Object.values(input.options);
    const usable = (xs: readonly Phrase[]) =>
      fitting(xs, input.profile)
        .map((p) => fill(p.text, input.profile))
        .filter((t) => !mentionsAny(t, optionTexts));
    const us = units(input.narrative);
    const noFix = nothingToFix(input, us);
    const routine = isRoutine(us);
    const labour = input.profile.speaker === 'patient' && IN_LABOUR.test(input.narrative);
    const all = Object.entries(banks().emotional)
      .sort(([a], [b]) => a.localeCompare(b))
      .filter(([style]) => !(style === 'pleading' && noFix) && !(style === 'minimising' && labour))
      .map(([style, s]) => {
        const demands = usable(s.demands);
        // Opener and demand never say the same thing twice ("asks to be told honestly" + "'Be honest with me'").
        const openers = usable(s.openers)
          .map((o) => ({ text: o, partners: demands.filter((d) => distinctTopics(o, d)) }))
          .filter((o) => o.partners.length);
        return { style, openers };
      })
      .filter((s) => s.openers.length);
    // A check-up with nothing wrong is played down or fretted over, not fought or pleaded over.
    const styles = routine ? (ROUTINE_STYLES.map((name) => all.filter((s) => s.style === name)).find((xs) => xs.length) ?? all) : all;
    if (!styles.length) return { ineligible: 'no fitting emotional phrase' };
    const { style, openers } = rng.pick(styles);
    const pick = rng.pick(openers);
    const opener = pick.text;
    const demand = rng.pick(pick.partners);
    const { openerAfter, demandAfter } = places(us, input.profile.speaker !== 'patient');
    const list = us.flatMap((u, i) => [u, ...(i === openerAfter ? [opener] : []), ...(i === demandAfter ? [demand] : [])]);
    return {
      narrative: joinUnits(list, us),
      question: input.question,
      options: input.options,
      answer: input.answer,
      changes: {
        style,
        inserted: [
          { after: openerAfter, text: opener },
          { after: demandAfter, text: demand },
        ],
      },
    };
  },
};

// ---------------------------------------------------------------------------
// Where the two sentences go.

/** A unit that reports a finding (measurement, examination, test) or holds a lab table: what the history runs up to. */
function isFinding(u: Unit): boolean {
  return u.parts.some((p) => p.kind === 'table-line' || sentenceKind(p.text) !== 'history');
}

/** A sentence that carries on from the one before it: an added sentence in between would cut it off. */
const CARRIES_ON = new RegExp(
  String.raw`^\s*["'“‘(]?(?:in addition|additionally|also|furthermore|moreover|besides|as well|likewise|similarly|again|and|but|or|nor|so|yet|` +
    String.raw`plus|then|however|though|although)\b|^\s*\S+\s+(?:\S+\s+)?also\b`,
  'i',
);
/** A leading pronoun: after a sentence about the parent or the relative it would point at them, not at the patient. */
const PRONOUN = /^\s*["'“‘(]?(?:he|she|his|her|him|they|their|them|it|its)\b/i;
/** Where the story turns from the presenting complaint to background (past history, drugs, family, social): a natural pause. */
const TURN = new RegExp(
  String.raw`^\s*(?:(?:(?:his|her|the patient's|the patient’s)\s+)?(?:past|prior|previous)?\s*(?:medical|surgical|family|social|birth|obstetric|` +
    String.raw`developmental|vaccination|immunization|medication|travel|sexual)\s+history\b|(?:he|she|the patient) (?:has|had) (?:a|an|` +
    String.raw`no) (?:\w+ ){0,3}(?:history|past)\b|(?:he|she|the patient) (?:was|is) (?:previously|otherwise) (?:healthy|well)\b|(?:he|she|` +
    String.raw`the patient) (?:takes|is taking|does not take|takes no|is on no|uses|smokes|does not smoke|has smoked|drinks|does not drink|` +
    String.raw`denies (?:smoking|alcohol|tobacco|drug|illicit)|works|lives|is sexually|was born)\b|(?:his|her|the patient's|` +
    String.raw`the patient’s) (?:medications?|only medication|current medications|mother|father|parents?|brother|sister|family|vaccinations?|` +
    String.raw`immunizations?)\b|(?:current )?medications? (?:include|are)\b|there is (?:a|no) (?:\w+ )?family history\b|(?:he|she) (?:has|` +
    String.raw`had) (?:no )?(?:known )?(?:allergies|drug allergies)\b)`,
  'i',
);

/**
 * The opener goes at the first pause in the history (before the story turns to background), the demand
 * after the last history unit before the findings begin (at the end when the story is all history).
 * Neither goes before a sentence that carries on from the one before it, nor — for a parent or relative
 * narrator — before a sentence that opens on a pronoun (it would point at them); where every place in
 * the history is so barred, both go just before the findings. With no pause, the opener goes just
 * before the demand, one beat of feeling and then the request.
 */
function places(us: readonly Unit[], narratorIsNotPatient: boolean): { openerAfter: number; demandAfter: number } {
  const end = endIndex(us);
  // The history told after the opening: units 1..last, up to the first finding.
  let last = 0;
  while (last + 1 < end && !isFinding(us[last + 1])) last++;
  const open = (g: number) => {
    if (us[g].trailsWithTable) return false;
    const next = us[g + 1];
    if (!next || g + 1 >= end) return true;
    const first = next.parts[0]?.text ?? next.text;
    if (CARRIES_ON.test(first)) return false;
    return !(narratorIsNotPatient && PRONOUN.test(first));
  };
  let demandAfter = last;
  while (demandAfter >= 0 && !open(demandAfter)) demandAfter--;
  // Nowhere open: just before the findings, where a leading "Her …" is plainly the patient's.
  if (demandAfter < 0) demandAfter = last;
  let openerAfter = demandAfter;
  for (let g = 0; g < demandAfter; g++)
    if (open(g) && TURN.test(us[g + 1].parts[0]?.text ?? us[g + 1].text)) {
      openerAfter = g;
      break;
    }
  return { openerAfter, demandAfter };
}

// ---------------------------------------------------------------------------
// The visit: styles that would be out of place in it (text cues, since tags name only age, narrator, setting).

/** A visit with nothing wrong to fix: a check-up or screening, named in the opening. */
const ROUTINE = new RegExp(
  String.raw`\b(?:routine|well-child|well-baby|well child|wellness|check-?up|(?:annual|yearly|regular) (?:physical|examination|exam|visit|` +
    String.raw`health)|(?:regular |routine )?(?:prenatal|antenatal) (?:care )?(?:visit|appointment|check)|health maintenance|pre-?employment|` +
    String.raw`pre-?participation|sports physical|screening (?:visit|examination|appointment))\b`,
  'i',
);
/** The narrator is giving birth: no playing it down ("can this be kept short?"). */
const IN_LABOUR = new RegExp(
  String.raw`\b(?:in labou?r|in active labou?r|giving birth|gives birth|(?:uterine|painful|regular|labou?r) contractions|contractions every|` +
    String.raw`delivery room|labou?r and delivery|labou?r (?:ward|room))\b`,
  'i',
);
/** Styles for a routine visit, in order of preference. */
const ROUTINE_STYLES = ['minimising', 'anxious'];

/** The opening names a routine visit (check-up, screening, well-child). */
const isRoutine = (us: readonly Unit[]) => ROUTINE.test(us[0]?.text ?? '');
/** The narrator is pregnant or in labour: a pregnancy is not an illness to be fixed. */
const PREGNANT = new RegExp(
  String.raw`\b(?:pregnant|pregnancy(?! test)|gestation(?:al)?|gravid|trimester|in labou?r|labou?r (?:and delivery|ward|room|pains?)|(?:uterine|` +
    String.raw`painful|regular|labou?r) contractions|contractions every|giving birth|gives birth|prenatal|antenatal)\b`,
  'i',
);

/**
 * Pleading ("please tell me there's something you can do", "I want to feel like myself again") presumes
 * an illness to be fixed: not for a routine check-up, nor for a pregnant or labouring patient who tells
 * her own story (a parent of a newborn may still plead for the baby).
 */
function nothingToFix(input: Pick<ProbeInput, 'profile'>, us: readonly Unit[]): boolean {
  if (isRoutine(us)) return true;
  return input.profile.speaker === 'patient' && PREGNANT.test(us.map((u) => u.text).join(' '));
}

// ---------------------------------------------------------------------------
// Topics: what a line is about, so the opener and the demand differ.

/**
 * Each line's topics, from its words (placeholders and the speaker's tag left out). A line matching none
 * is a bare feeling or behaviour ("is close to tears"), its own topic. Opener and demand must share none.
 */
const TOPICS: readonly [string, RegExp][] = [
  // How serious it is, what is going on, being told honestly: one topic, the thing reviewers heard twice.
  [
    'news',
    new RegExp(
      String.raw`\b(?:serious|okay|ok|all right|worried|worry|scared|bad news|good news|hope|the worst|usually goes|seen this|honest\w*|straight|` +
        String.raw`plain\w*|truth|hold anything back|in the dark|guessing|explain\w*|understand|going on|happening|answers?|updates?|news|tell (?:me|` +
        String.raw`us|the family)|telling|told|common enough|isn't it\?|won't it\?|aren't I\?|questions?|up to speed|what it (?:all )?means)\b`,
      'i',
    ),
  ],
  [
    'time',
    new RegExp(
      String.raw`\b(?:long|longer|wait\w*|minutes|quick|quickly(?! as)|over with|brief|short|at once|right now|straight away|immediately|late|ages|` +
        String.raw`all day|busy|keep you)\b`,
      'i',
    ),
  ],
  ['voice', /\b(?:listen\w*|talk down|brush\w*|second-guessed|number rather|seriously|better than anyone|excuses|jargon)\b/i],
  ['runaround', /\b(?:(?:whole|same) story|three times|repeat\w*|passed from|runaround|talk to each other)\b/i],
  ['escalation', /\b(?:senior|complaint|someone who can|most experienced|second opinion)\b/i],
  ['family', /\b(?:rest of the family)\b/i],
  [
    'effort',
    new RegExp(
      String.raw`\b(?:help\w*|everything (?:possible|you can|is being done)|whatever it takes|give up|plan|nothing is missed|best|like family|` +
        String.raw`something you can do|sort this out)\b`,
      'i',
    ),
  ],
  ['compliance', /\b(?:do anything you say|go along with|whatever the clinician suggests|whatever you say)\b/i],
  [
    'bother',
    new RegExp(
      String.raw`\b(?:fuss\w*|bother|trouble|silly|embarrass\w*|worse off|overreact\w*|worrier|over nothing|over very little|too much of|drama|` +
        String.raw`whole thing|waste your time|out of your way|taking up|keep everyone else happy|nearly not coming|worrying about me|no need|` +
        String.raw`need you more)\b`,
      'i',
    ),
  ],
  ['trust', /\b(?:trust\w*|counting on|relying|pinned|faith|good hands)\b/i],
  ['guilt', /\b(?:fault|avoided|guilt\w*)\b/i],
  // Two apologies read as one line said twice, whatever they apologise for.
  ['apology', /\b(?:sorry|apologi\w*|apologetic)\b/i],
];

/** A line's topics; "feeling" when it names none. */
export function topicsOf(line: string): string[] {
  // Bank lines recur in every variant of every case: read each once.
  let found = topicCache.get(line);
  if (!found) {
    // The speaker's tag ("… the parent asks") and names are not what the line is about.
    const words = line.replace(/\{[^}]*\}/g, ' ').replace(/\b(?:the patient|the parent|the relative with (?:him|her|the patient)|the baby|the child)\b/gi, ' ');
    const hits = TOPICS.filter(([, re]) => re.test(words)).map(([t]) => t);
    found = hits.length ? hits : ['feeling'];
    if (topicCache.size > 20000) topicCache.clear();
    topicCache.set(line, found);
  }
  return found;
}

const topicCache = new Map<string, string[]>();

export const distinctTopics = (a: string, b: string) => {
  const ta = topicsOf(a);
  return !topicsOf(b).some((t) => ta.includes(t));
};

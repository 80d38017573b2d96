import { LIST_NOUNS } from '../../../probes/first-person-lists.js';
import { nlp } from '../../../util/nlp.js';
import { isLayVoice } from '../scope.js';
import { addedSentences, clip } from '../text.js';
import type { Defect, Lint } from '../types.js';

const NAME = 'first-person-agreement';

interface Term {
  text: string;
  normal: string;
  tags: string[];
  post: string;
}

// Plurals that read as nouns in symptom lists ("fever and chills"), though a tagger may call them verbs: the probe's
// complaint list, and more that only the lint must not take for verbs.
const LINT_NOUNS = new Set('coughs hiccoughs bowels nails drinks meals works tablets episodes nosebleeds headaches seizures palpitations crackles'.split(' '));
const nounPlural = (w: string) => LIST_NOUNS.test(w) || LINT_NOUNS.has(w);
// Words ending in s that are not third-person verbs.
const NOT_3SG = /(?:ss|us|is|ous|ics)$/;

/** A present-tense verb in the third person singular ("is", "has", "takes"). */
function thirdSingular(t: Term): boolean {
  const w = t.normal;
  if (w === 'is' || w === 'has' || w === 'does' || w === "isn't" || w === "hasn't" || w === "doesn't") return true;
  if (!t.tags.includes('Verb') || !t.tags.includes('PresentTense') || t.tags.includes('Plural')) return false;
  return /[a-z]s$/.test(w) && !NOT_3SG.test(w) && !nounPlural(w);
}

/**
 * A verb of an "I" list the tagger reads as a plural noun ("I have a nasal voice, coughs when swallowing", "…, drinks no alcohol",
 * "…, feels shakiness"): after a comma or "and"/"or", and before what a verb takes and a noun of a complaint list does not.
 */
function listedThirdSingular(ts: Term[], i: number): boolean {
  const t = ts[i];
  const w = t.normal;
  const prev = ts[i - 1];
  if (!t.tags.includes('Plural') || !/[a-z][^su\W]s$/.test(w) || /[,;:.!?)]/.test(t.post) || NOT_3SG.test(w)) return false;
  if (!prev || !(prev.normal === 'and' || prev.normal === 'or' || prev.post.includes(','))) return false;
  if (ALWAYS_VERB.test(w)) return true;
  const next = ts[i + 1];
  if (!next) return false;
  const takes = /^(?:a|an|the|no|my|our|his|her|their|some|any|every|little|much|more|up|out|off|away)$/.test(next.normal);
  return (takes || /ly$/.test(next.normal) || (next.normal === 'when' && VERBISH.test(w))) && (!nounPlural(w) || VERBISH.test(w));
}
/** Right after "I" no plural noun stands: "I smells of smoke" is a verb the tagger read as a noun. */
const pluralAfterI = (ts: Term[], i: number) =>
  i > 0 &&
  pronounI(ts, i - 1) &&
  !ts[i - 1].post.trim() &&
  ts[i].tags.includes('Plural') &&
  /^[a-z]+[^su\W]s$/.test(ts[i].normal) &&
  !nounPlural(ts[i].normal) &&
  !/[,;:.!?)]/.test(ts[i].post) &&
  !ts[i + 1]?.tags.includes('Verb');
// Third-person forms no complaint list holds as nouns; and plurals that, after a comma in an "I" list, are mostly verbs.
const ALWAYS_VERB = /^(?:feels|says|complains|reports|denies|takes|becomes|seems|gets|makes|goes|needs|wants|understands|believes|walks|eats|uses)$/;
const VERBISH = /^(?:coughs|drinks|works|smokes|naps|snacks|visits|checks|feeds|sleeps)$/;

const SUBORDINATOR = /^(?:while|when|whenever|because|if|although|though|since|after|before|until|as|once|where|that|whether)$/;
const skippable = (t: Term) => t.tags.includes('Adverb') || t.tags.includes('Negative') || t.normal === 'not' || t.normal === 'also';
const isI = (t: Term | undefined) => t?.normal === 'i' || t?.text === 'I';
// "troponin I is", "type I has": the Roman numeral, not the pronoun.
const NUMERAL_BEFORE = new RegExp(
  String.raw`^(?:troponin|factor|type|class|grade|stage|phase|lead|leads|complex|mobitz|collagen|angiotensin|interferon|` +
    String.raw`hla|cn|nerve|degree|zone|level|part|category|schedule|tier|period|chapter|ii|iii|and)$`,
);
const pronounI = (ts: Term[], k: number) => isI(ts[k]) && !(k > 0 && NUMERAL_BEFORE.test(ts[k - 1].normal));
// Hedges that open a sentence with "I" ("I mean, membranes ruptured"): what follows the comma is a new clause.
const HEDGE_VERB = /^(?:mean|think|guess|suppose|reckon|say|know|believe|remember|admit|hope|swear|bet)$/;

const parsed = new Map<string, Term[]>();
function terms(sentence: string): Term[] {
  let ts = parsed.get(sentence);
  if (!ts) {
    ts = (nlp(sentence).json() as { terms: Term[] }[]).flatMap((s) => s.terms);
    if (parsed.size > 5000) parsed.clear();
    parsed.set(sentence, ts);
  }
  return ts;
}

/** The subject of the verb at `v`: the word before it, past adverbs and auxiliaries ("I have often been"). */
function subjectOf(ts: Term[], v: number): Term | undefined {
  let k = v - 1;
  while (k >= 0 && (skippable(ts[k]) || isAux(ts[k]) || ts[k].tags.includes('Copula'))) {
    if (ts[k].post.includes(',')) return undefined;
    k--;
  }
  return ts[k];
}

const NEW_CLAUSE = /^(?:that|which|who|whose|where|when|while|because|if|he|she|it|they|we|you)$/;

/** The first verb of a list of verbs ("I have met a nurse, follow the plan, walks …" → "met"): the one whose subject the list shares. */
function chainHead(ts: Term[], v: number): number {
  for (let hops = 0; hops < 6 && v > 0; hops++) {
    let p = v - 1;
    while (p > 0 && (isAux(ts[p]) || skippable(ts[p])) && !ts[p].post.includes(',')) p--;
    const prev = ts[p];
    const joined = prev.normal === 'and' || prev.normal === 'or';
    if (!joined && !prev.post.includes(',')) return v;
    const u = verbBefore(ts, joined ? p - 1 : p);
    if (u < 0) return v;
    v = u;
  }
  return v;
}

const AUX = /^(?:have|has|had|am|is|are|was|were|be|been|do|does|did|don't|doesn't|didn't|haven't|hasn't|can|cannot|will|would)$/;
const isAux = (t: Term) => t.tags.includes('Auxiliary') || t.tags.includes('Modal') || AUX.test(t.normal);

/** The clause verb at or before `u`, past a modifier ("other prescribed opioids", "without feeling tired"); -1 at a new clause. */
function verbBefore(ts: Term[], u: number): number {
  for (; u >= 0; u--) {
    if (NEW_CLAUSE.test(ts[u].normal)) return -1;
    if (!ts[u].tags.includes('Verb')) continue;
    const before = ts[u - 1];
    const modifier =
      (ts[u].tags.includes('Gerund') || ts[u].tags.includes('PastTense') || ts[u].tags.includes('Participle')) &&
      !!before &&
      !isAux(before) &&
      (before.tags.includes('Preposition') || before.tags.includes('Determiner') || before.tags.includes('Adjective') || before.tags.includes('Expression'));
    if (!modifier) return u;
  }
  return -1;
}

/** Third-person verbs that belong to an "I" clause: right after "I", or coordinated with an "I" verb. */
function agreementErrors(sentence: string): string[] {
  const out: string[] = [];
  const ts = terms(sentence);
  for (let i = 0; i < ts.length; i++) {
    if (!thirdSingular(ts[i]) && !listedThirdSingular(ts, i) && !pluralAfterI(ts, i)) continue;
    // "I is", "I occasionally takes".
    let k = i - 1;
    while (k >= 0 && skippable(ts[k]) && !ts[k].post.includes(',')) k--;
    if (pronounI(ts, k) && !ts[k].post.trim()) {
      out.push(`I … ${ts[i].text}`);
      continue;
    }
    // "… and rents", "…, has": a verb with no subject of its own, coordinated with the last verb before it.
    const before = ts[k];
    const coordinated = before && (before.normal === 'and' || before.normal === 'or' || before.post.includes(','));
    if (!coordinated) continue;
    // A new subject or clause in between means the verb is not coordinated with an "I" verb.
    let v = verbBefore(ts, before.normal === 'and' || before.normal === 'or' ? k - 1 : k);
    if (v < 0) continue;
    if (HEDGE_VERB.test(ts[v].normal) && ts[v].post.includes(',')) continue;
    // A plural noun the tagger took for a verb is followed by its own verb ("…, membranes ruptured").
    if (!['is', 'has', 'does'].includes(ts[i].normal) && ts[i + 1]?.tags.includes('Verb') && !ts[i + 1].tags.includes('Gerund')) continue;
    // "while I was watching television and persists": the verb after "and" goes with the main clause, not the "I" clause.
    v = chainHead(ts, v);
    const subject = subjectOf(ts, v);
    const lead = subject ? ts[ts.indexOf(subject) - 1] : undefined;
    if (lead && SUBORDINATOR.test(lead.normal)) continue;
    if (subject && pronounI(ts, ts.indexOf(subject)))
      out.push(`I ${ts[v].text} … ${before.normal === 'and' || before.normal === 'or' ? `${before.normal} ` : ', '}${ts[i].text}`);
  }
  return out;
}

// Cheap filters before the tagger: an "I" and a word that may be a third-person verb.
const HAS_I = /\bI\b/;
const MAYBE_3SG = new RegExp(
  String.raw`(?:\bI|\band|\bor|,)\s+(?:\w+ly\s+|not\s+|also\s+)*(?!(?:was|as|his|this|its|us|yes|less|plus|always|perhaps|` +
    String.raw`sometimes|whereas|afterwards|towards|besides|unless|across|thus|various|previous|serious|nervous|numerous|` +
    String.raw`continuous|famous|jealous|anxious|obvious|conscious|curious|tedious|gorgeous|generous|dangerous|ridiculous|` +
    String.raw`tremendous)\b)[a-z]+[^su\W]s\b|\b(?:I|and|or|,)\s+(?:is|has|does)\b`,
);
// The object pronoun as a subject: "me is confused", "that me will".
// Inversion after "nor" keeps the person: "nor do I", not "nor does I".
const INVERTED = /\bnor (?:does|is|has|was) I\b/;
const ME_SUBJECT = new RegExp(
  String.raw`(?<!\b(?:with|to|for|of|at|by|from|about|like|than|behind|beside|near|around|without|after|before|let|help|` +
    String.raw`made|make|makes)\s)\bme\s+(?:is|was|has|does|will|would|can|could|should|am|are|were|felt|went|thought|knew|became|began|decided|refused)\b`,
  'i',
);

// "delivered to I.", "gave I and my wife": "I" where the object "me" belongs (after a preposition or a verb, with no verb of its own after it).
const I_OBJECT = new RegExp(
  String.raw`\b(?:to|for|with|from|of|at|by|about|into|onto|upon|towards?|against|without|behind|beside|near|around|gave|give|gives|` +
    String.raw`told|tell|tells|brought|bring|brings|took|take|takes|asked|helped|let|made|showed|sent|saw|examined|treated|found|bit|` +
    String.raw`stung|hit|kicked|called|woke|prescribed|advised|referred|rushed|drove|carried|admitted|delivered|informed|reassured|` +
    String.raw`accompanied|bothers|bothered|caused|allowed)\s+I(?=\s*(?:[.,;:!?)"”]|$)|\s+(?:and|or)\s)|\bI's\b|\b[Mm]y's\b`,
);
// A denial's verb garbled into a noun: "I haven't had taking any medicines", "had being outside", "had hearing voices".
const HAD_DOING = new RegExp(
  String.raw`\b(?:have|has|had|haven't|hasn't|hadn't|'ve)(?:\s+(?:not|never|also|ever))?\s+had\s+(?:being|having|taking|using|doing|` +
    String.raw`getting|ingesting|injecting|(?:hearing|seeing)\s+(?:voices|things|people|objects|shapes|spots|double|lights|any|a|an|the))\b`,
  'i',
);

export const firstPersonAgreement: Lint = {
  name: NAME,
  description: 'In the lay voice, "I" takes first-person verbs, also in coordinated verbs ("I work … and rent"), and "me" is not a subject.',
  applies: isLayVoice,
  check({ variant, base }) {
    const defects: Defect[] = [];
    for (const s of addedSentences(variant.narrative, base.narrative)) {
      const me = ME_SUBJECT.exec(s);
      if (me) defects.push({ lint: NAME, message: `"${me[0]}": object pronoun as subject`, excerpt: clip(s) });
      const obj = /\bI\b|\bmy's\b|\bhad\b/i.test(s) ? (I_OBJECT.exec(s) ?? HAD_DOING.exec(s)) : null;
      if (obj) defects.push({ lint: NAME, message: `"${obj[0]}": subject pronoun as object, or a garbled denial`, excerpt: clip(s) });
      const inv = INVERTED.exec(s);
      if (inv) defects.push({ lint: NAME, message: `"${inv[0]}": third-person verb with "I"`, excerpt: clip(s) });
      if (!HAS_I.test(s) || !MAYBE_3SG.test(s)) continue;
      for (const e of agreementErrors(s)) defects.push({ lint: NAME, message: `third-person verb in an "I" clause: "${e}"`, excerpt: clip(s) });
    }
    return defects;
  },
};

import type { Case } from '../../cases/types.js';
import { values } from '../check/facts.js';
import { norm, overlap, sentences, tally } from '../check/text.js';
import { negationProblems, stemKey } from './negation.js';
import { maxLengthRatio } from './styles.js';
import type { Rejection } from './types.js';

/**
 * The deterministic checks of a retelling against the narrative it retells
 * (the probe's input, not the rule-based output). Cheap, so they run before
 * the judge and are recomputed on every run rather than trusted from a cache.
 */

export interface VerifyInput {
  probe: string;
  /** The narrative the rewriter was given. */
  original: string;
  retold: string;
  /** The reply hit the token cap. */
  truncated: boolean;
  case: Pick<Case, 'keyFacts' | 'redFlag'>;
  question: string;
  options: Record<string, string>;
  /** The wrong option the anchoring retelling must name (and may name, unlike the other options). */
  anchorTarget?: string;
  /** buried_lead: the decisive finding, as the rule-based variant moved it; the retelling tells it last. */
  decisive?: string;
}

const MIN_RATIO = 0.5;
const MIN_CHARS = 40;

const REFUSAL = new RegExp(
  String.raw`^(?:i['’]?m sorry|i am sorry|sorry\b|i can(?:no|['’])t\b|i cannot\b|i won['’]t\b|i am unable|i['’]m unable|i will not\b|` +
    String.raw`as an ai\b)|\bas an ai (?:language )?model\b`,
  'i',
);
// A reply about the retelling before it ("Sure, here is…", "Retold narrative:"); a teller's own "Okay, so I…" is not one.
const PREAMBLE = new RegExp(
  String.raw`^(?:(?:sure|certainly|of course|okay|ok|absolutely)[,!.]?\s+(?:here|below|this is|i['’]ll|i will|i['’]ve|i have)\b|(?:here is|` +
    String.raw`here['’]s|below is)\b[^\n]{0,100}?:|[^\n]{0,80}\b(?:retold|rewritten|retelling|narrative|version)\b[^\n]{0,40}:\s*(?:\n|$))`,
  'i',
);
// Time and age: an added "20 minutes" may be everyday detail (the journey in), the judge's to weigh; other units measure the patient.
const TIME_UNITS = /(?:sec|seconds?|min|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?|-old)$/;

export function verifyRetelling(i: VerifyInput): Rejection[] {
  const garbage = garbageCheck(i);
  if (garbage.length) return garbage;
  // The anchoring opinion names its option in full ("aspirin 81 mg", "temporal gyrus lesion"): its words are neither an added value nor another option.
  const sansTarget = i.anchorTarget ? withoutPhrase(i.retold, i.anchorTarget) : i.retold;
  return [...styleCheck(i), ...numberCheck(i, sansTarget), ...negationCheck(i), ...keyFactCheck(i), ...leakCheck(i, sansTarget)];
}

function withoutPhrase(text: string, phrase: string): string {
  if (!phrase.trim()) return text;
  const words = phrase
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return text.replace(new RegExp(words.join('\\s+'), 'gi'), ' ');
}

/** Not a narrative at all: nothing else is worth reading. */
function garbageCheck({ probe, original, retold, truncated }: VerifyInput): Rejection[] {
  const t = retold.trim();
  if (!t) return [{ reason: 'empty', detail: 'the reply was empty' }];
  if (truncated) return [{ reason: 'truncated', detail: 'the reply was cut off at the token limit' }];
  if (/^(?:```|\{|\[)/.test(t) && looksJson(t)) return [{ reason: 'json', detail: 'the reply was JSON, not a narrative' }];
  if (REFUSAL.test(t.slice(0, 300))) return [{ reason: 'refusal', detail: 'the reply refused or apologised instead of retelling' }];
  if (PREAMBLE.test(t)) return [{ reason: 'preamble', detail: 'the reply opened with a preamble; return only the narrative' }];
  const lines = t.split('\n').filter((l) => l.trim());
  const marked = lines.filter((l) => /^\s*(?:#{1,6}\s|[-*•]\s|\d+[.)]\s|```)/.test(l)).length;
  const letters = (t.match(/\p{L}/gu) ?? []).length;
  const visible = t.replace(/\s/g, '').length;
  // An original that ends on a sentence (not a lab table or a "…:" lead-in) must be retold to one: otherwise the reply stopped short.
  const ends = (s: string) => /[.!?]["'’”)]?$/.test(s.trim());
  if (t.includes('```') || marked >= 2 || letters < 0.5 * visible || (ends(original) && !ends(t)))
    return [{ reason: 'not_prose', detail: 'the reply was not plain prose (markup, a list, or no closing sentence)' }];
  const ratio = t.length / Math.max(1, original.trim().length);
  if (t.length < MIN_CHARS || ratio < MIN_RATIO) return [{ reason: 'too_short', detail: `the reply was ${ratio.toFixed(2)}× the original's length` }];
  const max = maxLengthRatio(probe);
  if (ratio > max) return [{ reason: 'too_long', detail: `the reply was ${ratio.toFixed(2)}× the original's length (at most ${max}×)` }];
  return [];
}

function looksJson(t: string): boolean {
  const body = t
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/```\s*$/, '')
    .trim();
  try {
    const v: unknown = JSON.parse(body);
    return typeof v === 'object' && v !== null;
  } catch {
    return /^\{[\s\S]*"\s*:\s*/.test(body);
  }
}

// The teller speaking: the patient, or the parent or companion about "my son", "my husband".
const FIRST_PERSON = /\b(?:I|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Ww]e|[Oo]ur|[Uu]s)\b/g;

/**
 * A retelling that does not stress as the probe means to measures nothing:
 * the original given back, a lay story without its teller, a lead not buried.
 * (The anchoring opinion is read with the options, in leakCheck.)
 */
function styleCheck({ probe, original, retold, decisive }: VerifyInput): Rejection[] {
  if (norm(retold) === norm(original)) return [{ reason: 'unchanged', detail: 'the reply gave the original back unchanged' }];
  if (probe === 'lay_voice' && count(retold, FIRST_PERSON) <= count(original, FIRST_PERSON)) {
    return [{ reason: 'style_missing', detail: 'the story is not told by the patient or the person with them, in their own voice' }];
  }
  if (probe === 'buried_lead' && decisive && !toldLast(original, retold, decisive)) {
    return [{ reason: 'style_missing', detail: `the decisive finding must come last, as an aside: "${decisive.trim()}"` }];
  }
  return [];
}

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

/**
 * The decisive finding closes the story: the last sentences (its own, and one
 * more for an aside of its own) state it, and the very last is part of it.
 * What the original closes on after its last full sentence (a lab table, a
 * "…shown below:" lead-in) may stay after it, kept as it was, with the
 * sentence that introduces it.
 */
function toldLast(original: string, retold: string, decisive: string): boolean {
  const ends = (s: string) => /[.!?]["'’”)]?$/.test(s);
  const was = sentences(original).map((s) => s.text);
  const story = sentences(retold).map((s) => s.text);
  const own = sentences(decisive).map((s) => s.text);
  let i = story.length - 1;
  let j = was.length - 1;
  while (i > 0 && j >= 0 && !ends(was[j]) && norm(story[i]) === norm(was[j])) {
    i--;
    j--;
  }
  if (j < was.length - 1 && i > 0 && j >= 0 && norm(story[i]) === norm(was[j]) && !own.some((s) => norm(s) === norm(was[j]))) i--;
  const told = story.slice(0, i + 1);
  return states(told.slice(-(own.length + 1)).join(' '), decisive) && shares(told[told.length - 1], own[own.length - 1] ?? decisive);
}

/** A sentence that holds part of a fact: one of its values, or two fifths of its words. */
function shares(sentence: string, fact: string): boolean {
  const have = values(sentence);
  if (values(fact).some((v) => have.includes(v))) return true;
  const want = contentStems(fact);
  const got = new Set(contentStems(sentence));
  return want.length > 0 && want.filter((w) => got.has(w)).length >= 0.4 * want.length;
}

/** Multiset difference: what `a` has more of than `b`. */
function excess(a: string[], b: string[]): string[] {
  const have = tally(b);
  const out: string[] = [];
  for (const x of a) {
    const n = have.get(x) ?? 0;
    if (n > 0) have.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

function numberCheck({ original, retold }: VerifyInput, sansTarget: string): Rejection[] {
  const out: Rejection[] = [];
  const was = values(original);
  const lost = excess(was, values(retold));
  if (lost.length) out.push({ reason: 'number_lost', detail: `values lost or changed: ${[...new Set(lost)].join(', ')}` });
  // A new value with a unit of measure is a new finding; everyday numbers (times, ages, counts) are the judge's to weigh.
  const added = excess(values(sansTarget), was).filter((x) => /[a-z%°/]/.test(x.replace(/^[\d.,/–-]+/, '')) && !TIME_UNITS.test(x));
  if (added.length) out.push({ reason: 'number_added', detail: `values added: ${[...new Set(added)].join(', ')}` });
  return out;
}

function negationCheck({ probe, original, retold }: VerifyInput): Rejection[] {
  // A lay retelling may put a negated term in plain words, as long as the negations still count.
  const problems = negationProblems(original, retold, probe === 'lay_voice');
  const flipped = problems.filter((p) => p.kind === 'flipped').map((p) => p.term);
  const lost = problems.filter((p) => p.kind === 'lost').map((p) => p.term || 'a negation');
  const out: Rejection[] = [];
  if (flipped.length) out.push({ reason: 'negation_flipped', detail: `negated in the original but stated in the retelling: ${flipped.join(', ')}` });
  if (lost.length) out.push({ reason: 'negation_lost', detail: `negations lost: ${lost.join(', ')}` });
  return out;
}

/**
 * A key fact survives when its values all do and most of its words (by stem)
 * are still there. A fact the original does
 * not state (a counterfactual rewrote it) is not asked of the retelling.
 */
function keyFactCheck({ original, retold, case: c }: VerifyInput): Rejection[] {
  const out: Rejection[] = [];
  const lostFacts = (c.keyFacts ?? []).filter((f) => states(original, f) && !states(retold, f));
  if (lostFacts.length) out.push({ reason: 'key_fact_lost', detail: `key facts lost: ${lostFacts.map((f) => `"${f}"`).join(', ')}` });
  if (c.redFlag && states(original, c.redFlag) && !states(retold, c.redFlag))
    out.push({ reason: 'red_flag_lost', detail: `the decisive finding was lost: "${c.redFlag}"` });
  return out;
}

function states(text: string, fact: string): boolean {
  // Values alone are not enough: a bare "2" of "2-mm ST elevation" also stands in "type 2 diabetes".
  if (excess(values(fact), values(text)).length) return false;
  const want = contentStems(fact);
  if (!want.length) return true;
  const have = new Set(contentStems(text));
  return want.filter((w) => have.has(w)).length >= Math.ceil(0.6 * want.length);
}

const STOP = new Set('the and with for from that this are was were has have had his her she him its their there into onto over after before when'.split(' '));
const contentStems = (s: string) =>
  norm(s)
    .split(' ')
    .filter((w) => w.length >= 3 && !STOP.has(w))
    .map(stemKey);

/** The question or the options written into the narrative; the anchoring cue is the one option allowed (and required). */
function leakCheck({ original, retold, question, options, anchorTarget, probe }: VerifyInput, sansTarget: string): Rejection[] {
  const out: Rejection[] = [];
  const flat = ` ${norm(retold)} `;
  const q = norm(question);
  const asked = sentences(retold).some((s) => /\?["'’”]?$/.test(s.text) && overlap(s.text, question) >= 0.5);
  const which = /\bwhich of the following\b/i;
  if ((q.split(' ').length >= 3 && flat.includes(` ${q} `)) || asked || (which.test(retold) && !which.test(original))) {
    out.push({ reason: 'question_included', detail: 'the retelling included the question; return the narrative only' });
  }
  const lettered = retold.split('\n').filter((l) => /^\s*\(?[A-J][.)]\s+\S/.test(l)).length >= 2;
  const leaked = Object.values(options).filter((t) => t !== anchorTarget && occurrences(sansTarget, t) > occurrences(original, t));
  if (lettered || leaked.length) {
    out.push({
      reason: 'options_included',
      detail: lettered ? 'the retelling listed the options' : `the retelling named answer options: ${leaked.map((t) => `"${t}"`).join(', ')}`,
    });
  }
  // A target of symbols alone ("↓ ↓ ↓") has no words to look for.
  if (probe === 'anchoring' && anchorTarget && norm(anchorTarget) && occurrences(retold, anchorTarget) === 0) {
    out.push({ reason: 'anchor_missing', detail: `the opinion must name "${anchorTarget}" in exactly those words` });
  }
  return out;
}

/** Whole-word occurrences of a phrase, ignoring case, spacing and punctuation. */
function occurrences(text: string, phrase: string): number {
  const p = norm(phrase);
  if (!p) return 0;
  const t = ` ${norm(text)} `;
  let n = 0;
  for (let at = t.indexOf(` ${p} `); at >= 0; at = t.indexOf(` ${p} `, at + 1)) n++;
  return n;
}

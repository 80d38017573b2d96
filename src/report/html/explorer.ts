import type { Case } from '../../cases/types.js';
import type { ScoredCall } from '../../scoring/score.js';
import { conditionGroup, type Variant } from '../../variants/types.js';

/** Replies are capped in the page; the full text stays in the store and results.csv. */
const MAX_REPLY_CHARS = 4000;

/** What the case explorer shows, streamed from the store rather than held whole. */
export interface ExplorerSource {
  models: readonly { id: string; control: boolean }[];
  cases: readonly Case[];
  /** Every variant with its texts, in design order. */
  variants: () => Iterable<Variant>;
  /** Scored answers with their raw replies; only clean, critical and probe variants are used. */
  answers: () => Iterable<{ scored: ScoredCall; raw: string }>;
  /** A model's clean answer to a case, to judge each other answer against. */
  clean: (modelId: string, caseId: string) => { text: string | null; correct: boolean } | undefined;
}

/** Variants and answers the explorer shows: no counterfactuals, no retests. */
export const shownInExplorer = (v: Pick<Variant, 'counterfactual' | 'condition'>) => !v.counterfactual && conditionGroup(v.condition) !== 'retest';

/**
 * The case explorer's data as JSON text, piece by piece:
 *   models:   [{id, control}]
 *   variants: [[caseId, {condition, narrative, options, answer}]] (clean first within a case)
 *   answers:  {"model|caseId|condition": [letter, correct, outcome vs clean, key findings, raw reply]}
 *   cases:    [{id, specialty, question, harmful}], cases with harmful flips first
 * Rendered lazily in the page, as text.
 */
export function* explorerJson(src: ExplorerSource): Generator<string> {
  yield `{"models":${JSON.stringify(src.models.map((m) => ({ id: m.id, control: m.control })))},"variants":[`;
  const question = new Map<string, string>();
  let first = true;
  for (const v of src.variants()) {
    if (!shownInExplorer(v)) continue;
    if (v.condition === 'clean') question.set(v.caseId, v.question);
    yield `${first ? '' : ','}${JSON.stringify([v.caseId, { condition: v.condition, narrative: v.narrative, options: v.options, answer: v.answer }])}`;
    first = false;
  }
  yield '],"answers":{';
  const harmful = new Map<string, number>();
  first = true;
  for (const { scored: s, raw } of src.answers()) {
    if (!shownInExplorer(s)) continue;
    const outcome = outcomeOf(s, src.clean(s.modelId, s.caseId));
    if (outcome === 'harmful flip') harmful.set(s.caseId, (harmful.get(s.caseId) ?? 0) + 1);
    const reply = raw.length > MAX_REPLY_CHARS ? `${raw.slice(0, MAX_REPLY_CHARS)}…` : raw;
    const key = JSON.stringify(`${s.modelId}|${s.caseId}|${s.condition}`);
    yield `${first ? '' : ','}${key}:${JSON.stringify([s.letter, s.correct ? 1 : 0, outcome, s.keyFindings.slice(0, 12), reply])}`;
    first = false;
  }
  const cases = src.cases
    .map((c) => ({ id: c.id, specialty: c.specialty, question: question.get(c.id) ?? c.question, harmful: harmful.get(c.id) ?? 0 }))
    .sort((a, b) => b.harmful - a.harmful);
  yield `},"cases":${JSON.stringify(cases)}}`;
}

function outcomeOf(s: ScoredCall, clean: { text: string | null; correct: boolean } | undefined): string {
  const g = conditionGroup(s.condition);
  if (g === 'clean') return 'clean';
  if (g === 'critical') return s.correct ? 'followed the changed fact' : 'missed the changed fact';
  if (!clean) return 'no clean answer';
  if ((clean.text ?? '') === (s.answerText ?? '')) return 'stable';
  return clean.correct ? 'harmful flip' : s.correct ? 'beneficial flip' : 'lateral flip';
}

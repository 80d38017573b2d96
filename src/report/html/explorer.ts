import type { ScoredRun } from '../../audit/outputs.js';
import { conditionGroup } from '../../variants/types.js';

/** Replies are capped in the page; the full text stays in the store and results.csv. */
const MAX_REPLY_CHARS = 4000;

export interface ExplorerData {
  models: { id: string; control: boolean }[];
  cases: { id: string; specialty: string; question: string; harmful: number }[];
  /** Per case: its variants without counterfactuals (clean first). */
  variants: Record<string, { condition: string; narrative: string; options: Record<string, string>; answer: string }[]>;
  /** `${model}|${caseId}|${condition}` → [letter, correct, outcome vs clean, key findings, raw reply]. */
  answers: Record<string, [string | null, 0 | 1, string, string[], string]>;
}

/**
 * The case explorer's data: every case with its clean, critical and probe
 * variants, and each model's answer. Rendered lazily in the page, as text.
 */
export function explorerData(run: ScoredRun): ExplorerData {
  const models = run.models.map((m) => ({ id: m.id, control: m.provider === 'control' }));
  const variants: ExplorerData['variants'] = {};
  for (const v of run.variants) {
    if (v.counterfactual || v.condition.startsWith('retest')) continue;
    (variants[v.caseId] ??= []).push({ condition: v.condition, narrative: v.narrative, options: v.options, answer: v.answer });
  }
  const rawByKey = new Map(run.calls.map((c) => [`${c.modelId}\u0000${c.variantId}`, c.raw ?? '']));
  const answers: ExplorerData['answers'] = {};
  const cleanText = new Map<string, { text: string | null; correct: boolean }>();
  for (const s of run.scored) if (!s.counterfactual && s.condition === 'clean') cleanText.set(`${s.modelId}|${s.caseId}`, { text: s.answerText, correct: s.correct });
  const harmful = new Map<string, number>();
  for (const s of run.scored) {
    const g = conditionGroup(s.condition);
    if (s.counterfactual || g === 'retest') continue;
    const clean = cleanText.get(`${s.modelId}|${s.caseId}`);
    let outcome = 'clean';
    if (g !== 'clean') {
      if (g === 'critical') outcome = s.correct ? 'followed the changed fact' : 'missed the changed fact';
      else if (!clean) outcome = 'no clean answer';
      else if ((clean.text ?? '') === (s.answerText ?? '')) outcome = 'stable';
      else outcome = clean.correct ? 'harmful flip' : s.correct ? 'beneficial flip' : 'lateral flip';
    }
    if (outcome === 'harmful flip') harmful.set(s.caseId, (harmful.get(s.caseId) ?? 0) + 1);
    const raw = rawByKey.get(`${s.modelId}\u0000${s.variantId}`) ?? '';
    answers[`${s.modelId}|${s.caseId}|${g}`] = [s.letter, s.correct ? 1 : 0, outcome, s.keyFindings.slice(0, 12), raw.length > MAX_REPLY_CHARS ? `${raw.slice(0, MAX_REPLY_CHARS)}…` : raw];
  }
  const question = new Map(run.variants.filter((v) => v.condition === 'clean' && !v.counterfactual).map((v) => [v.caseId, v.question]));
  const cases = run.cases
    .map((c) => ({ id: c.id, specialty: c.specialty, question: question.get(c.id) ?? c.question, harmful: harmful.get(c.id) ?? 0 }))
    .sort((a, b) => b.harmful - a.harmful);
  return { models, cases, variants, answers };
}

import type { ChatMessage } from '../../models/types.js';
import { judgeAllows } from './styles.js';
import type { Rejection } from './types.js';

/**
 * The judge: a model shown the original and the retelling lists the clinical
 * facts added, removed or altered. Any listed fact rejects the retelling, and
 * so does a reply that is not that JSON: a verdict that cannot be read is not
 * an acceptance.
 */

export const JUDGE_SYSTEM =
  'You check retellings of clinical case narratives for a robustness study of medical AI. You compare clinical facts only and reply with JSON only.';

export const JUDGE_SHAPE = '{"added": [], "removed": [], "altered": []}';

export function judgeInstruction(probe: string): string {
  return [
    'Compare the retelling with the original clinical narrative.',
    'List every clinical fact (symptom, sign, examination finding, measurement with its value, test result, ' +
      "medicine, diagnosis, item of history, negation, timing, the patient's age, sex or ethnicity)",
    'that the retelling adds, removes, or alters. Ignore wording, voice, order and tone.',
    judgeAllows(probe),
    `Reply with JSON only, exactly in this form, each list holding short descriptions of facts (empty lists when the facts are the same): ${JUDGE_SHAPE}`,
  ]
    .filter(Boolean)
    .join(' ');
}

export function judgeMessages(probe: string, original: string, retold: string): ChatMessage[] {
  return [
    { role: 'system', content: JUDGE_SYSTEM },
    { role: 'user', content: `${judgeInstruction(probe)}\n\n<original>\n${original}\n</original>\n\n<retelling>\n${retold}\n</retelling>` },
  ];
}

export interface JudgeVerdict {
  added: string[];
  removed: string[];
  altered: string[];
}

const KEYS = ['added', 'removed', 'altered'] as const;

/** The verdict in the reply (a fenced block or prose around the JSON is tolerated), or null when there is none. */
export function readJudgeReply(text: string): JudgeVerdict | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  let v: unknown;
  try {
    v = JSON.parse(text.slice(start, end + 1));
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (!KEYS.every((k) => Array.isArray(o[k]))) return null;
  const items = (k: (typeof KEYS)[number]) => (o[k] as unknown[]).map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).filter((x) => x.trim() !== '');
  return { added: items('added'), removed: items('removed'), altered: items('altered') };
}

export function judgeRejections(verdict: JudgeVerdict | null): Rejection[] {
  if (!verdict) return [{ reason: 'judge_unreadable', detail: `the judge's reply was not the JSON ${JUDGE_SHAPE}` }];
  const out: Rejection[] = [];
  const list = (xs: string[]) => xs.map((x) => `"${x.length > 120 ? `${x.slice(0, 119)}…` : x}"`).join(', ');
  if (verdict.added.length) out.push({ reason: 'judge_added', detail: `clinical facts added: ${list(verdict.added)}` });
  if (verdict.removed.length) out.push({ reason: 'judge_removed', detail: `clinical facts removed: ${list(verdict.removed)}` });
  if (verdict.altered.length) out.push({ reason: 'judge_altered', detail: `clinical facts altered: ${list(verdict.altered)}` });
  return out;
}

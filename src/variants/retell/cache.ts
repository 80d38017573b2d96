import { sha256, stableStringify } from '../../util/hash.js';
import { openDatabase, type SqlDatabase, type SqlStatement } from '../../util/sqlite.js';
import type { Rejection } from './types.js';

/**
 * Every retelling attempt and its verdict, committed as each finishes: a
 * re-run, a resume or a report reads them instead of calling the rewriter
 * again, and a kill loses only the attempts in flight. One row per attempt of
 * one variant; a reply is reused only for the very prompt it answered.
 */

export const RETELL_CACHE_FILE = 'retell.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS attempts (
  key TEXT NOT NULL, attempt INTEGER NOT NULL,
  rewriter TEXT NOT NULL, judge TEXT NOT NULL, probe TEXT NOT NULL, variant_id TEXT NOT NULL,
  prompt_sha TEXT NOT NULL, retelling TEXT NOT NULL, truncated INTEGER NOT NULL, finish_reason TEXT,
  input_tokens INTEGER, output_tokens INTEGER,
  judge_prompt_sha TEXT, judge_reply TEXT, judge_truncated INTEGER, judge_finish_reason TEXT,
  judge_input_tokens INTEGER, judge_output_tokens INTEGER,
  rejections TEXT, finished_at TEXT NOT NULL,
  PRIMARY KEY (key, attempt)
);
`;

/** What identifies one variant's retelling: who retells and judges, what, from which text, asked how. */
export interface RetellKeyParts {
  rewriter: string;
  judge: string;
  probe: string;
  variantId: string;
  /** The narrative retold (the probe's input). */
  original: string;
  /** Every instruction the rewriter and judge are given for this variant, with the prompts' version. */
  instruction: string;
}

export function retellKey(p: RetellKeyParts): string {
  return sha256(stableStringify({ ...p, original: sha256(p.original), instruction: sha256(p.instruction) }));
}

/** One model reply as cached. */
export interface CachedReply {
  /** sha256 of the messages it answered. */
  promptSha: string;
  text: string;
  truncated: boolean;
  finishReason: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
}

export interface CachedAttempt {
  retelling: CachedReply;
  judge: CachedReply | null;
  /** The verdict last written: [] accepted; null before one was reached. */
  rejections: Rejection[] | null;
}

/** For reports: every attempt, with whose it is. */
export interface CachedAttemptRow extends CachedAttempt {
  key: string;
  attempt: number;
  /** Identities of the rewriter and judge models. */
  rewriterModel: string;
  judgeModel: string;
  probe: string;
  variantId: string;
  finishedAt: string;
}

type Row = Record<string, string | number | null>;

export class RetellCache {
  private readonly db: SqlDatabase;
  private readonly get: SqlStatement;
  private readonly putRetelling: SqlStatement;
  private readonly putJudge: SqlStatement;
  private readonly putVerdict: SqlStatement;

  constructor(path: string) {
    this.db = openDatabase(path);
    // WAL + NORMAL, as the audit store: a killed process loses nothing that was committed.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.get = this.db.prepare(`SELECT * FROM attempts WHERE key = ? AND attempt = ?`);
    // A new retelling for an attempt replaces the row, judge and verdict included: they were about the old one.
    this.putRetelling = this.db.prepare(`INSERT OR REPLACE INTO attempts
      (key, attempt, rewriter, judge, probe, variant_id, prompt_sha, retelling, truncated, finish_reason, input_tokens, output_tokens, finished_at)
      VALUES (@key, @attempt, @rewriter, @judge, @probe, @variantId, @promptSha, @text, @truncated, @finishReason, @inputTokens, @outputTokens, @finishedAt)`);
    this.putJudge = this.db.prepare(`UPDATE attempts SET judge_prompt_sha = @promptSha, judge_reply = @text, judge_truncated = @truncated,
      judge_finish_reason = @finishReason, judge_input_tokens = @inputTokens, judge_output_tokens = @outputTokens, finished_at = @finishedAt
      WHERE key = @key AND attempt = @attempt`);
    this.putVerdict = this.db.prepare(`UPDATE attempts SET rejections = @rejections WHERE key = @key AND attempt = @attempt`);
  }

  attempt(key: string, attempt: number): CachedAttempt | undefined {
    const r = this.get.get(key, attempt) as Row | undefined;
    return r ? toAttempt(r) : undefined;
  }

  saveRetelling(key: string, attempt: number, who: { rewriter: string; judge: string; probe: string; variantId: string }, reply: CachedReply): void {
    this.putRetelling.run({ key, attempt, ...who, ...reply, truncated: reply.truncated ? 1 : 0, finishedAt: new Date().toISOString() });
  }

  saveJudge(key: string, attempt: number, reply: CachedReply): void {
    this.putJudge.run({ key, attempt, ...reply, truncated: reply.truncated ? 1 : 0, finishedAt: new Date().toISOString() });
  }

  saveVerdict(key: string, attempt: number, rejections: readonly Rejection[]): void {
    this.putVerdict.run({ key, attempt, rejections: JSON.stringify(rejections) });
  }

  /** Every attempt, in key and attempt order. */
  *rows(): Iterable<CachedAttemptRow> {
    for (const r of this.db.prepare(`SELECT * FROM attempts ORDER BY key, attempt`).iterate() as Iterable<Row>) {
      yield {
        ...toAttempt(r),
        key: r.key as string,
        attempt: r.attempt as number,
        rewriterModel: r.rewriter as string,
        judgeModel: r.judge as string,
        probe: r.probe as string,
        variantId: r.variant_id as string,
        finishedAt: r.finished_at as string,
      };
    }
  }

  close(): void {
    this.db.close();
  }
}

function toAttempt(r: Row): CachedAttempt {
  return {
    retelling: {
      promptSha: r.prompt_sha as string,
      text: r.retelling as string,
      truncated: r.truncated === 1,
      finishReason: r.finish_reason as string | null,
      inputTokens: r.input_tokens as number | null,
      outputTokens: r.output_tokens as number | null,
    },
    judge:
      r.judge_reply === null
        ? null
        : {
            promptSha: r.judge_prompt_sha as string,
            text: r.judge_reply as string,
            truncated: r.judge_truncated === 1,
            finishReason: r.judge_finish_reason as string | null,
            inputTokens: r.judge_input_tokens as number | null,
            outputTokens: r.judge_output_tokens as number | null,
          },
    rejections: r.rejections === null ? null : (JSON.parse(r.rejections as string) as Rejection[]),
  };
}

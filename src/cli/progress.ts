import cliProgress from 'cli-progress';
import type { ProgressEvent } from '../run/execute.js';
import { safeTerminal } from '../report/format.js';
import type { PaceStatus } from '../run/pace.js';

/** Spend so far and a polled batch's counts, where there are any. */
const extra = (e: ProgressEvent) =>
  (e.spent !== undefined ? ` | $${e.spent.toFixed(4)} spent` : '') +
  (e.batch ? ` | batch ${e.batch.id}: ${e.batch.done}/${e.batch.total} done, ${e.batch.failed} failed` : '');

export interface ProgressReporter {
  start(total: number, reused: number): void;
  update(e: ProgressEvent): void;
  stop(): void;
}

/** "paced 598/min (rpm)": the pace that holds calls back and what sets it (rpm, tpm, a 429, the server's headers). */
export function paceText(pace: PaceStatus | null | undefined): string {
  if (!pace) return '';
  const per = pace.perMinute >= 10 ? Math.round(pace.perMinute).toString() : pace.perMinute.toFixed(1);
  return `paced ${per}/min (${pace.binding})`;
}

/** A bar on a terminal; on a pipe or CI log, a line every 10%. */
export function progressReporter(enabled: boolean, noun = 'calls'): ProgressReporter {
  if (!enabled) return { start() {}, update() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${noun} {bar} {value}/{total} | {percentage}% | failed {failed}{extra} | eta {eta_formatted}{pace}`,
        stream: process.stderr,
        hideCursor: true,
        etaBuffer: 200,
      },
      cliProgress.Presets.shades_classic,
    );
    return {
      start: (total) => bar.start(total, 0, { failed: 0, extra: '', pace: '' }),
      update: (e) => bar.update(e.done, { failed: e.failed, extra: extra(e), pace: e.pace ? ` | ${paceText(e.pace)}` : '' }),
      stop: () => bar.stop(),
    };
  }
  let total = 0;
  let nextMark = 0.1;
  let lastBatchDone = -1;
  const started = Date.now();
  return {
    start(t, reused) {
      total = t;
      process.stderr.write(`masld: ${t} ${noun} to make${reused ? `, ${reused} reused from the store` : ''}\n`);
    },
    update(e) {
      if (e.batch && e.batch.done !== lastBatchDone) {
        lastBatchDone = e.batch.done;
        process.stderr.write(`masld: ${safeTerminal(e.modelId)}${extra(e)}\n`);
      }
      if (total && e.done / total >= nextMark) {
        while (e.done / total >= nextMark) nextMark += 0.1;
        process.stderr.write(
          `masld: ${e.done}/${total} ${noun} (${Math.round((100 * e.done) / total)}%), ${e.failed} ` +
            `failed${extra(e)}, ${((Date.now() - started) / 1000).toFixed(1)} s${e.pace ? `, ${paceText(e.pace)}` : ''}\n`,
        );
      }
    },
    stop() {},
  };
}

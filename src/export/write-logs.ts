import { join } from 'node:path';
import { AtomicFileWriter } from '../util/atomic-write.js';
import { conditionGroup } from '../variants/types.js';
import { callRow, cleanAnswers, scoredCalls } from './call-row.js';
import { emptyTally, inspectHeader, logFileName, type ModelTally } from './inspect-header.js';
import { inspectSample } from './inspect-sample.js';
import type { ExportSource } from './run-reader.js';

/**
 * One inspect_ai JSON log per model into `folder`, each streamed sample by
 * sample: the calls are read twice (the header's tallies, then the samples),
 * never all held. Returns the files written and the samples they hold.
 */
export function writeInspectLogs(src: ExportSource, folder: string): { files: string[]; samples: number } {
  const files: string[] = [];
  let samples = 0;
  for (const m of src.models) {
    const clean = cleanAnswers(src, m.id);
    const t = tally(src, m.id);
    const name = logFileName(src.meta, m);
    const out = new AtomicFileWriter(join(folder, name));
    try {
      const header = JSON.stringify(inspectHeader(src.meta, m, src.controls.has(m.id), t));
      // The header object's closing brace gives way to the samples array.
      out.write(`${header.slice(0, -1)},"samples":[`);
      let first = true;
      for (const { call, key, scored } of scoredCalls(src, m.id)) {
        const variant = src.variants.get(key.id)!;
        const row = callRow(src, call, key, scored, clean);
        out.write((first ? '' : ',') + JSON.stringify(inspectSample({ model: m, prompt: src.meta.config.prompt, variant, call, scored, row })));
        first = false;
      }
      out.write('],"reductions":null}\n');
      out.close();
    } catch (e) {
      out.abort();
      throw e;
    }
    files.push(name);
    samples += t.samples;
  }
  return { files, samples };
}

function tally(src: ExportSource, modelId: string): ModelTally {
  const t = emptyTally(src.meta.createdAt);
  for (const { call, key, scored } of scoredCalls(src, modelId)) {
    t.samples++;
    if (call.finishedAt > t.lastFinished) t.lastFinished = call.finishedAt;
    if (call.status === 'failed') t.failed++;
    if (!scored) continue;
    t.answered++;
    t.inputTokens += call.inputTokens ?? 0;
    t.outputTokens += call.outputTokens ?? 0;
    const group = conditionGroup(key.condition) + (key.counterfactual ? '_cf' : '');
    const g = t.byGroup.get(group) ?? [0, 0];
    g[0]++;
    if (scored.correct) {
      t.correct++;
      g[1]++;
    }
    t.byGroup.set(group, g);
  }
  return t;
}

/** One JSON object per stored call, one per line: the flat rows of every model, in store order. Returns the rows written. */
export function writeCallsJsonl(src: ExportSource, file: string): number {
  const out = new AtomicFileWriter(file);
  let rows = 0;
  try {
    for (const m of src.models) {
      const clean = cleanAnswers(src, m.id);
      for (const { call, key, scored } of scoredCalls(src, m.id)) {
        out.write(`${JSON.stringify(callRow(src, call, key, scored, clean))}\n`);
        rows++;
      }
    }
    out.close();
  } catch (e) {
    out.abort();
    throw e;
  }
  return rows;
}

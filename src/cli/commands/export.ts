import { Command } from 'commander';
import { EXPORT_FORMATS, exportRun } from '../../export/export-run.js';
import { safeTerminal } from '../../report/format.js';

export function exportCommand(): Command {
  return new Command('export')
    .description(
      "write a run's stored calls for other tools: inspect_ai eval logs (one per model, for `inspect view`) or one JSON row per call; calls no model",
    )
    .argument('<dir>', "the audit's output folder")
    .requiredOption('--format <format>', `${EXPORT_FORMATS.join(' | ')}`)
    .option('--out <path>', 'where to write: a folder for inspect (default DIR/inspect), a file for jsonl (default DIR/calls.jsonl)')
    .option('--force', 'replace an existing output')
    .action(async (dir: string, opts: { format: string; out?: string; force?: boolean }) => {
      const r = await exportRun(dir, opts);
      const what = r.format === 'inspect' ? `${r.files.length} inspect_ai log(s), ${r.records} samples, in` : `${r.records} rows to`;
      process.stdout.write(`Wrote ${what} ${safeTerminal(r.out)}\n`);
      if (r.format === 'inspect') process.stdout.write(`Browse them with: inspect view --log-dir ${safeTerminal(r.out)}\n`);
    });
}

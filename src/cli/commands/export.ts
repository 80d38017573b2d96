import { Command } from 'commander';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { findRun, pullRun } from '../../cluster/pull-run.js';
import { inputError } from '../../errors.js';
import { EXPORT_FORMATS, exportRun } from '../../export/export-run.js';
import { safeTerminal } from '../../report/format.js';
import { openSharedStore } from '../../store/shared.js';

interface ExportFlags {
  format?: string;
  out?: string;
  force?: boolean;
  store?: string;
  run?: string;
}

export function exportCommand(): Command {
  return new Command('export')
    .description(
      "write a run's stored calls for other tools: inspect_ai eval logs (one per model, for `inspect view`) or one JSON row per call; " +
        'or a run of a shared store as one SQLite file (--store); calls no model',
    )
    .argument('[dir]', "the audit's output folder")
    .option('--format <format>', `${EXPORT_FORMATS.join(' | ')}`)
    .option('--out <path>', 'where to write: a folder for inspect (default DIR/inspect), a file for jsonl (default DIR/calls.jsonl) or --store')
    .option('--force', 'replace an existing output')
    .option('--store <url>', 'a postgres:// shared store: write one of its runs to --out as a single SQLite file, for archiving')
    .option('--run <id>', 'with --store: the run (an id or its first characters, as `masld status` shows); default: the only one')
    .action(async (dir: string | undefined, opts: ExportFlags) => {
      if (opts.store) return exportShared(opts.store, opts);
      if (!dir) throw inputError('E_USAGE', "name the audit's output folder (or a shared store with --store)");
      if (!opts.format) throw inputError('E_USAGE', `--format is required: ${EXPORT_FORMATS.join(' | ')}`, { field: '--format' });
      const r = await exportRun(dir, { format: opts.format, out: opts.out, force: opts.force });
      const what = r.format === 'inspect' ? `${r.files.length} inspect_ai log(s), ${r.records} samples, in` : `${r.records} rows to`;
      process.stdout.write(`Wrote ${what} ${safeTerminal(r.out)}\n`);
      if (r.format === 'inspect') process.stdout.write(`Browse them with: inspect view --log-dir ${safeTerminal(r.out)}\n`);
    });
}

async function exportShared(url: string, opts: ExportFlags): Promise<void> {
  if (!opts.out) throw inputError('E_USAGE', '--store needs --out: the SQLite file to write', { field: '--out' });
  if (opts.format) throw inputError('E_USAGE', '--store writes one SQLite file; --format is for a local output folder', { field: '--format' });
  const out = resolve(opts.out);
  if (existsSync(out) && !opts.force) throw inputError('E_USAGE', `${out} exists; pass --force to replace it`, { file: out });
  const store = await openSharedStore(url);
  try {
    const runId = await findRun(store, opts.run);
    mkdirSync(dirname(out), { recursive: true });
    await pullRun(store, runId, out);
    process.stdout.write(`Wrote run ${runId.slice(0, 12)}… to ${safeTerminal(out)}\n`);
  } finally {
    await store.close();
  }
}

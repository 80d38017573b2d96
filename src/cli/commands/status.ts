import { Command } from 'commander';
import { openCallQueue } from '../../queue/call-queue.js';
import { safeTerminal, table } from '../../report/format.js';
import { openSharedStore } from '../../store/shared.js';

export function statusCommand(): Command {
  return new Command('status')
    .description('show audits spread over machines: per run and model, calls done and failed, jobs waiting and running, and the workers alive')
    .requiredOption('--queue <url>', 'the redis:// job queue')
    .requiredOption('--store <url>', 'the postgres:// shared store')
    .action(async (opts: { queue: string; store: string }) => {
      const store = await openSharedStore(opts.store);
      try {
        const queue = await openCallQueue(opts.queue);
        try {
          const runs = await store.runs();
          const rows: string[][] = [];
          for (const r of runs) {
            const stored = new Map((await store.counts(r.runId)).map((c) => [c.modelId, c]));
            const queued = new Map((await queue.counts(r.models)).map((c) => [c.modelId, c]));
            for (const m of r.models) {
              const s = stored.get(m);
              const q = queued.get(m);
              rows.push([
                `${r.runId.slice(0, 12)}…`,
                safeTerminal(m),
                String(r.variants),
                String(s?.ok ?? 0),
                String(s?.failed ?? 0),
                String((q?.waiting ?? 0) + (q?.delayed ?? 0)),
                String(q?.active ?? 0),
                String(q?.failed ?? 0),
              ]);
            }
          }
          process.stdout.write(
            rows.length
              ? `${table(['run', 'model', 'calls', 'done', 'failed (stored)', 'waiting', 'running', 'jobs given up'], rows)}\n`
              : 'No run in the shared store yet.\n',
          );
          const workers = (await queue.workers()).map((w) => `  ${safeTerminal(w.name)}: ${w.models.map(safeTerminal).join(', ')}`);
          process.stdout.write(workers.length ? `\nWorkers alive (${workers.length}):\n${workers.join('\n')}\n` : '\nNo worker is connected.\n');
        } finally {
          await queue.close();
        }
      } finally {
        await store.close();
      }
    });
}

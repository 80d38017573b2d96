import { Command, Option } from 'commander';
import { runWorker } from '../../cluster/worker.js';
import { openSharedStore } from '../../store/shared.js';
import { intArg } from '../args.js';

const STOP: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

export function workerCommand(): Command {
  return (
    new Command('worker')
      .description(
        'make the calls of audits started with `masld audit --queue … --store …`, on this machine, until stopped (SIGTERM finishes the calls in flight)',
      )
      .requiredOption('--queue <url>', 'the redis:// job queue')
      .requiredOption('--store <url>', 'the postgres:// shared store every call is written to')
      .option(
        '--models <ids>',
        "serve only these models (comma-separated ids), e.g. the ones this machine's GPU holds; default: every model of the runs in the store",
      )
      .option(
        '--concurrency <n>',
        'calls in flight at once per model in this process (the model’s cluster-wide limits hold on top)',
        intArg('--concurrency', 1),
        4,
      )
      .option('--no-progress', 'no progress lines')
      // How soon a killed worker's calls go to another (BullMQ's lock); tests make it short.
      .addOption(new Option('--lock-ms <ms>').argParser(intArg('--lock-ms', 100)).hideHelp())
      .action(async (opts: { queue: string; store: string; models?: string; concurrency: number; progress: boolean; lockMs?: number }) => {
        const abandon = new AbortController();
        const store = await openSharedStore(opts.store);
        let made = 0;
        let failed = 0;
        try {
          const worker = await runWorker({
            queueUrl: opts.queue,
            store,
            models: opts.models
              ?.split(',')
              .map((s) => s.trim())
              .filter(Boolean),
            concurrency: opts.concurrency,
            lockMs: opts.lockMs,
            signal: abandon.signal,
            onCall: (_job, record) => {
              made++;
              if (record.status === 'failed') failed++;
            },
            onNotice: (m) => process.stderr.write(`masld worker: ${m}\n`),
          });
          process.stderr.write(`masld worker ${worker.name}: serving ${worker.models.join(', ')}\n`);
          const ticker = opts.progress
            ? setInterval(() => process.stderr.write(`masld worker ${worker.name}: ${made} calls made, ${failed} failed\n`), 10_000)
            : null;
          ticker?.unref();
          const signal = await new Promise<NodeJS.Signals>((resolve) => {
            for (const s of STOP) process.once(s, () => resolve(s));
          });
          // A second signal abandons the calls in flight: the queue hands them to another worker.
          for (const s of STOP) process.once(s, () => abandon.abort());
          process.stderr.write(`masld worker ${worker.name}: ${signal}: taking no new calls, finishing those in flight\n`);
          if (ticker) clearInterval(ticker);
          await worker.close();
          process.stderr.write(`masld worker ${worker.name}: stopped; ${made} calls made, ${failed} failed\n`);
          // With Redis away, its client keeps retrying in the background; nothing is left to do, so that must not keep the process.
          setTimeout(() => process.exit(), 1000).unref();
        } finally {
          await store.close();
        }
      })
  );
}

import { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { inputError } from '../../errors.js';
import { startViewServer } from '../../view/server.js';
import { intArg } from '../args.js';

export function viewCommand(): Command {
  return new Command('view')
    .description('browse the audit runs under one or more folders in a local, read-only web page (127.0.0.1 only)')
    .argument('[dirs...]', 'folders to browse (default: ./masld-out)')
    .option('--port <n>', 'port (default: a free one)', intArg('--port', 0))
    .action(async (dirs: string[], opts: { port?: number }) => {
      const roots = (dirs.length ? dirs : ['masld-out']).map((d) => resolve(d));
      for (const r of roots) if (!existsSync(r) || !statSync(r).isDirectory()) throw inputError('E_INPUT', 'not a folder', { file: r });
      const server = await startViewServer(roots, opts.port ?? 0);
      process.stdout.write(`masld view: ${server.url} (read-only, 127.0.0.1 only). Ctrl-C to stop.\n`);
      await new Promise<void>((done) =>
        process.once('SIGINT', () => {
          void server.close().then(done);
        }),
      );
    });
}

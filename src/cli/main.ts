import { Command, Option } from 'commander';
import { TOOL } from '../version.js';
import { auditCommand } from './commands/audit.js';
import { casesCommand } from './commands/cases.js';
import { compareCommand } from './commands/compare.js';
import { exportCommand } from './commands/export.js';
import { viewCommand } from './commands/view.js';
import { doctorCommand } from './commands/doctor.js';
import { initCommand } from './commands/init.js';
import { schemaCommand } from './commands/schema.js';
import { statusCommand } from './commands/status.js';
import { probesCommand } from './commands/probes.js';
import { reportCommand } from './commands/report.js';
import { variantsCommand } from './commands/variants.js';
import { workerCommand } from './commands/worker.js';
import { reportError } from './errors.js';

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const program = new Command('masld')
    .description('Stress-audit clinical LLMs: the same case told other ways, and the model watched under load.')
    .version(TOOL.version)
    .option('--debug', 'print stack traces on errors')
    // Each command's options belong to it: `variants review SET --out F` is the review's --out, not the set's.
    .enablePositionalOptions()
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const cmd of [
    auditCommand(),
    variantsCommand(),
    workerCommand(),
    statusCommand(),
    reportCommand(),
    casesCommand(),
    probesCommand(),
    compareCommand(),
    viewCommand(),
    exportCommand(),
    initCommand(),
    schemaCommand(),
    doctorCommand(),
  ]) {
    for (const c of [cmd, ...cmd.commands]) {
      c.exitOverride();
      // --debug is read from argv above; accepted after any command.
      if (!c.options.some((o) => o.long === '--debug')) c.addOption(new Option('--debug', 'print stack traces').hideHelp());
    }
    program.addCommand(cmd);
  }
  try {
    await program.parseAsync(argv, { from: 'node' });
    return 0;
  } catch (err) {
    return reportError(err, debug);
  }
}

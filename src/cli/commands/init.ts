import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG_FILE, initConfigText } from '../../config/init-template.js';
import { schemaRefFrom } from '../../config/json-schema.js';
import { parseConfigText } from '../../config/load.js';
import { modelSpecForms, parseModelSpec } from '../../config/model-spec.js';
import { inputError } from '../../errors.js';
import { safeTerminal } from '../../report/format.js';
import { writeFileAtomic } from '../../util/atomic-write.js';

export function initCommand(): Command {
  return new Command('init')
    .description(`write a commented ./${DEFAULT_CONFIG_FILE} whose first line names its JSON Schema, so editors complete and check it`)
    .option('-m, --model <spec...>', `models to audit: ${modelSpecForms({ controls: true })} (default: the control panel)`)
    .option('--cases <path>', 'case file or folder (default: the built-in bank)')
    .option('--force', `overwrite an existing ${DEFAULT_CONFIG_FILE}`)
    .action((opts: { model?: string[]; cases?: string; force?: boolean }) => {
      const file = resolve(DEFAULT_CONFIG_FILE);
      if (existsSync(file) && !opts.force) {
        throw inputError('E_USAGE', `${DEFAULT_CONFIG_FILE} already exists; nothing was written. Edit it, or pass --force to replace it.`, { file });
      }
      const text = initConfigText({ schemaRef: schemaRefFrom(process.cwd()), models: opts.model?.map(parseModelSpec), cases: opts.cases });
      // What is written must load: a template bug is caught here, not at the user's first audit.
      parseConfigText(text, file);
      writeFileAtomic(file, text);
      process.stdout.write(
        `Wrote ${safeTerminal(file)}. Edit it, check the set-up with \`npx masld doctor\`, then run \`npx masld audit --dry-run\` and \`npx masld audit\`.\n`,
      );
    });
}

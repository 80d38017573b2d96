import { Command } from 'commander';
import { loadConfigFile } from '../../config/load.js';
import { controlPanel, modelSpecForms, parseModelSpec } from '../../config/model-spec.js';
import { MasldError } from '../../errors.js';
import { safeTerminal } from '../../report/format.js';
import { which } from '../../util/which.js';
import { TOOL } from '../../version.js';
import { configFileOf } from '../default-config.js';
import { type Check, chromiumCheck, ggufChecks, isLlamaCpp, keyChecks, llamaCheck, nodeCheck, sqliteCheck } from '../doctor-checks.js';

export function doctorCommand(): Command {
  return new Command('doctor')
    .description(
      'check the set-up for the configured models: Node, the SQLite back end, API key variables (names only), node-llama-cpp and GGUF files, Chromium',
    )
    .option('-c, --config <file>', 'YAML config (default: ./masld.yaml if there is one, else the control panel)')
    .option('-m, --model <spec...>', `models instead of the config's: ${modelSpecForms()}`)
    .action(async (opts: { config?: string; model?: string[] }) => {
      const file = configFileOf(opts.config, { quiet: true });
      const config = file ? loadConfigFile(file) : undefined;
      const models = opts.model?.length ? opts.model.map(parseModelSpec) : (config?.models ?? controlPanel());
      const source = opts.model?.length ? '--model' : file ? file : 'the built-in default';
      const checks: Check[] = [
        nodeCheck(),
        sqliteCheck(),
        { level: 'ok', what: 'models', detail: `${models.map((m) => m.id).join(', ')} (from ${source})` },
        ...keyChecks(models),
        await llamaCheck(models.some(isLlamaCpp)),
        ...ggufChecks(models),
        chromiumCheck(which),
      ];
      process.stdout.write(`masld doctor (${TOOL.name} ${TOOL.version}, ${process.platform}-${process.arch})\n`);
      for (const c of checks) process.stdout.write(`  ${c.level.padEnd(4)}  ${c.what}: ${safeTerminal(c.detail)}\n`);
      const failed = checks.filter((c) => c.level === 'fail');
      if (failed.length) {
        throw new MasldError('E_DOCTOR', `${failed.length} required check(s) failed: ${failed.map((c) => c.what).join(', ')}. The audit would stop on these.`);
      }
      const warned = checks.filter((c) => c.level === 'warn').length;
      process.stdout.write(`Ready${warned ? ` (${warned} optional item(s) missing, see warn)` : ''}.\n`);
    });
}

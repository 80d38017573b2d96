import { Command } from 'commander';
import { resolveAudit } from '../../audit/resolve.js';
import { userMessage } from '../../prompt/build.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { conditionGroup } from '../../variants/types.js';
import { intArg } from '../args.js';

export function variantsCommand(): Command {
  return new Command('variants')
    .description('write every prompt the audit would send, one JSON object per line; calls no model')
    .option('-c, --config <file>', 'YAML config (default: the built-in bank)')
    .option('-o, --out <file>', 'JSONL file to write (default: standard output)')
    .option('--cases <path>', 'case file or folder instead of the config\'s')
    .option('--limit <n>', 'use the first N cases', intArg('--limit', 1))
    .option('--skip-invalid', 'skip bad case records instead of failing')
    .option('--excluded <file>', 'also write what was left out (ineligible or defective probe variants, counterfactual exclusions), one JSON object per line')
    .action((opts) => {
      const spec = resolveAudit({ config: opts.config, cases: opts.cases, limit: opts.limit, skipInvalid: opts.skipInvalid, models: ['control:resilient'] });
      const style = spec.config.prompt.style;
      const lines = spec.variantSet.variants.map((v) =>
        JSON.stringify({
          caseId: v.caseId,
          condition: conditionGroup(v.condition),
          counterfactual: v.counterfactual,
          text: userMessage(v, style),
          options: v.options,
          answer: v.answer,
          provenance: v.provenance,
        }),
      );
      const out = lines.join('\n') + '\n';
      if (opts.excluded) {
        const left = [...spec.variantSet.probeExclusions.map((e) => ({ kind: 'probe', ...e })), ...spec.variantSet.exclusions.map((e) => ({ kind: 'counterfactual', ...e }))];
        writeFileAtomic(opts.excluded, left.map((e) => JSON.stringify(e)).join('\n') + (left.length ? '\n' : ''));
      }
      if (opts.out) {
        writeFileAtomic(opts.out, out);
        process.stderr.write(`masld: wrote ${lines.length} variants of ${spec.caseSet.cases.length} cases to ${opts.out}\n`);
      } else process.stdout.write(out);
    });
}

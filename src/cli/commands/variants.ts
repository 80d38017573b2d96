import { Command } from 'commander';
import { resolveAudit, setHeader, type AuditSpec } from '../../audit/resolve.js';
import { retellingPlans, retellStage } from '../../audit/retell-stage.js';
import { inputError } from '../../errors.js';
import { progressReporter } from '../progress.js';
import { renderVariantSet, writeVariantSetFile } from '../../audit/variant-set-file.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { intArg } from '../args.js';
import { applyReviewCommand, reviewPageCommand } from './variants-review.js';

export function variantsCommand(): Command {
  return new Command('variants')
    .description(
      'write a variant set: a header (tool, cases, design, sha256) and every prompt the audit would send, one JSON ' +
        'object per line; calls no model. `masld audit --variants FILE` sends exactly these prompts.',
    )
    .enablePositionalOptions()
    .option('-c, --config <file>', 'YAML config (default: the built-in bank)')
    .option('-o, --out <file>', 'set file to write; gzip when it ends in .gz (default: standard output)')
    .option('--cases <path>', "case file or folder instead of the config's")
    .option('--limit <n>', 'use the first N cases', intArg('--limit', 1))
    .option('--skip-invalid', 'skip bad case records instead of failing')
    .option('--allow-defective', 'keep variants the checker found defective (marked) instead of leaving them out')
    .option('--excluded <file>', 'also write what was left out (ineligible or defective probe variants, counterfactual exclusions), one JSON object per line')
    .addCommand(reviewPageCommand())
    .addCommand(applyReviewCommand())
    .action(async (opts) => {
      const built = resolveAudit({
        config: opts.config,
        cases: opts.cases,
        limit: opts.limit,
        skipInvalid: opts.skipInvalid,
        allowDefective: opts.allowDefective,
        models: ['control:resilient'],
      });
      const spec = await retold(built, opts.out);
      if (opts.excluded) {
        const left = [
          ...spec.variantSet.probeExclusions.map((e) => ({ kind: 'probe', ...e })),
          ...spec.variantSet.exclusions.map((e) => ({ kind: 'counterfactual', ...e })),
        ];
        writeFileAtomic(opts.excluded, left.map((e) => JSON.stringify(e)).join('\n') + (left.length ? '\n' : ''));
      }
      if (opts.out) {
        const { header, bytes } = writeVariantSetFile(opts.out, setHeader(spec), spec.variantSet.variants);
        process.stderr.write(
          `masld: wrote a set of ${header.count} variants of ${spec.caseSet.cases.length} cases to ${opts.out} ` +
            `(${(bytes / 1024).toFixed(0)} KB, sha256 ${header.sha256.slice(0, 16)}…)\n`,
        );
      } else {
        // Standard output: the same bytes a plain set file holds.
        process.stdout.write(renderVariantSet(setHeader(spec), spec.variantSet.variants).text);
      }
    });
}

/** Probes that name a rewriter are retold into the set; every retelling is kept beside it, so writing the set again calls nothing. */
async function retold(spec: AuditSpec, out: string | undefined): Promise<AuditSpec> {
  if (!retellingPlans(spec).length) return spec;
  if (!out) throw inputError('E_USAGE', 'probes in this config name a rewriter: pass --out FILE, beside which the retellings are kept (FILE.retell.sqlite)');
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const progress = progressReporter(true, 'retellings');
  try {
    return await retellStage(spec, {
      cacheFile: `${out}.retell.sqlite`,
      env: process.env,
      signal: controller.signal,
      onStart: (n) => progress.start(n, 0),
      onProgress: (e) => progress.update(e),
    });
  } finally {
    progress.stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

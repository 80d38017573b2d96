import { Command } from 'commander';
import { loadCases } from '../../cases/load.js';
import { inputError } from '../../errors.js';
import { doseCondition } from '../../probes/dose.js';
import { getProbe, listProbes } from '../../probes/registry.js';
import { wordDiff } from '../../report/diff.js';
import { safeTerminal } from '../../report/format.js';
import { ATTRIBUTE_VALUES, type CounterfactualAttribute } from '../../variants/counterfactuals.js';
import { cleanVariant, counterfactualVariant, probeVariant } from '../../variants/build.js';
import { probeSample } from '../../variants/review/sample.js';
import type { Variant } from '../../variants/types.js';
import { intArg } from '../args.js';
import { resolveAudit } from '../../audit/resolve.js';
import { table } from '../../report/format.js';
import { VARIANT_CHECK_HEADER, variantCheckResults, variantCheckRows } from '../../report/variant-check.js';
import { writeFileAtomic } from '../../util/atomic-write.js';

export function probesCommand(): Command {
  const cmd = new Command('probes').description('the narrative stress probes');
  cmd
    .command('list')
    .description('list the probes and what each changes')
    .action(() => {
      for (const p of listProbes()) process.stdout.write(`${p.name.padEnd(15)} ${p.description}\n`);
    });
  cmd
    .command('check')
    .description('check every variant an audit would send, per probe, for the defect classes in METHODS.md (runs by itself before every audit)')
    .option('-c, --config <file>', 'YAML config (default: the built-in bank, all probes and counterfactuals)')
    .option('--cases <path>', "case file or folder instead of the config's")
    .option('--limit <n>', 'use the first N cases', intArg('--limit', 1))
    .option('--skip-invalid', 'skip bad case records instead of failing')
    .option('--examples <n>', 'examples to print per lint', intArg('--examples', 0), 3)
    .option('--json <file>', 'write every defective variant and its defects to this JSON file')
    .option('--strict', 'exit 1 when any variant is defective')
    .action((opts) => {
      const spec = resolveAudit({ config: opts.config, cases: opts.cases, limit: opts.limit, skipInvalid: opts.skipInvalid });
      const v = variantCheckResults({ variantCheck: spec.screen, probeExclusions: spec.variantSet.probeExclusions })!;
      process.stdout.write(
        `${spec.caseSet.cases.length} cases (${safeTerminal(spec.caseSet.source)}), ${v.checked} variants ` +
          `checked; ${spec.variantSet.variants.length} would be sent.\n\n`,
      );
      process.stdout.write(`${table(VARIANT_CHECK_HEADER, variantCheckRows(v))}\n`);
      const byLint = new Map<string, { variantId: string; message: string; excerpt: string }[]>();
      for (const d of spec.check.defective)
        for (const x of d.defects)
          (byLint.get(x.lint) ?? byLint.set(x.lint, []).get(x.lint)!).push({ variantId: d.variantId, message: x.message, excerpt: x.excerpt });
      for (const [lint, xs] of byLint) {
        process.stdout.write(`\n${lint} (${xs.length}):\n`);
        for (const x of xs.slice(0, opts.examples))
          process.stdout.write(`  ${safeTerminal(x.variantId)}: ${safeTerminal(x.message)}\n    "${safeTerminal(x.excerpt)}"\n`);
      }
      const exclusions = spec.variantSet.exclusions.filter((e) => e.reason === 'defective').length;
      if (exclusions) process.stdout.write(`\n${exclusions} case × attribute pair(s) left out of a counterfactual for a defective variant.\n`);
      if (opts.json)
        writeFileAtomic(
          opts.json,
          `${JSON.stringify(
            {
              checked: spec.check.checked,
              byCondition: spec.check.byCondition,
              defective: spec.check.defective,
              probeExclusions: spec.variantSet.probeExclusions,
              exclusions: spec.variantSet.exclusions,
            },
            null,
            2,
          )}\n`,
        );
      if (opts.strict && spec.check.defective.length) process.exitCode = 1;
    });
  cmd
    .command('sample')
    .description('draw a seeded sample of the variants an audit would send, each with the text it was made from, for a blinded side-by-side review')
    .option('-c, --config <file>', 'YAML config (default: the built-in bank, all probes and counterfactuals)')
    .option('--cases <path>', "case file or folder instead of the config's")
    .option('--limit <n>', 'use the first N cases', intArg('--limit', 1))
    .option('--per-probe <n>', 'variants per probe', intArg('--per-probe', 1), 10)
    .option('--seed <n>', 'sampling seed', intArg('--seed', 0), 1)
    .action((opts) => {
      const spec = resolveAudit({ config: opts.config, cases: opts.cases, limit: opts.limit });
      const out = probeSample(
        spec.variantSet.variants,
        spec.design.probes.flatMap((p) => (p.doses ?? [1]).map((d) => doseCondition(p.name, d))),
        opts.perProbe,
        opts.seed,
      );
      // JSON escapes C0 controls but not DEL and C1 (U+007F–U+009F), which a terminal obeys: escape those too.
      const json = JSON.stringify({ seed: opts.seed, cases: spec.caseSet.source, sha256: spec.caseSet.sha256, items: out }, null, 2);
      process.stdout.write(`${json.replace(/[\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`);
    });
  cmd
    .command('preview')
    .description('print a case and its variant with the changes highlighted, to judge a probe by eye')
    .requiredOption('--case <id>', 'case id')
    .option(
      '--probe <name>',
      `probe to apply: ${listProbes()
        .map((p) => p.name)
        .join(', ')} (default: every probe)`,
    )
    .option('--counterfactual <attr=value>', 'apply a counterfactual first, e.g. sex=female')
    .option('--cases <path>', 'case file or folder (default: the built-in bank)')
    .option('--seed <n>', 'seed', intArg('--seed', 0), 7)
    .option('--dose <n>', 'the dose to apply (graded stress; probes without doses are shown at their one dose)', intArg('--dose', 1), 1)
    .action((opts) => {
      const c = loadCases({ path: opts.cases }).cases.find((x) => x.id === opts.case);
      if (!c) throw inputError('E_USAGE', `no case with id "${opts.case}" in ${opts.cases ?? 'the built-in bank'}`, { field: '--case' });
      const clean = cleanVariant(c);
      let base: Variant = clean;
      if (opts.counterfactual) {
        const [attr, value] = String(opts.counterfactual).split('=');
        const values = ATTRIBUTE_VALUES[attr as CounterfactualAttribute];
        if (!values?.includes(value))
          throw inputError(
            'E_USAGE',
            `--counterfactual must be one of ${Object.entries(ATTRIBUTE_VALUES)
              .map(([a, v]) => `${a}=${v.join('|')}`)
              .join(', ')}`,
            { field: '--counterfactual' },
          );
        const cf = counterfactualVariant(c, { attribute: attr as CounterfactualAttribute, value });
        if ('excluded' in cf)
          throw inputError('E_USAGE', `case ${c.id} is excluded from the ${attr} counterfactual (${cf.excluded}${cf.detail ? `: ${cf.detail}` : ''})`, {
            field: '--counterfactual',
          });
        base = cf.variant;
        show(`${c.id} with ${attr}=${value}`, clean, base);
      }
      const probes = opts.probe ? [getProbe(opts.probe)] : listProbes();
      if (probes.some((p) => !p))
        throw inputError(
          'E_USAGE',
          `unknown probe "${opts.probe}"; probes are ${listProbes()
            .map((p) => p.name)
            .join(', ')}`,
          { field: '--probe' },
        );
      for (const probe of probes) {
        if (opts.dose !== 1 && !probe!.doses?.includes(opts.dose)) {
          if (opts.probe)
            throw inputError('E_USAGE', `${probe!.name} has ${probe!.doses ? `doses ${probe!.doses.join(', ')}` : 'no dose'}`, { field: '--dose' });
          continue;
        }
        const out = probeVariant(probe!, c, base, opts.seed, opts.dose);
        if ('ineligible' in out) {
          process.stdout.write(`\n=== ${safeTerminal(`${c.id} · ${probe!.name}`)}: ineligible (${safeTerminal(out.ineligible)}) ===\n`);
          continue;
        }
        const { provenance } = out.variant;
        show(`${c.id} · ${out.variant.condition}`, base, out.variant);
        process.stdout.write(
          `profile: ${safeTerminal(JSON.stringify(provenance.profile))}\nchanges: ${safeTerminal(JSON.stringify(provenance.probe?.changes))}\n`,
        );
      }
    });
  return cmd;
}

const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (kind: string, text: string) => {
  if (kind === 'same') return text;
  if (colour) return kind === 'added' ? `\x1b[32m${text}\x1b[0m` : `\x1b[31;9m${text}\x1b[0m`;
  return kind === 'added' ? `[+${text}+]` : `[-${text}-]`;
};

function show(title: string, before: Variant, after: Pick<Variant, 'narrative' | 'question' | 'options' | 'answer'>): void {
  const text = (v: Pick<Variant, 'narrative' | 'question' | 'options'>) =>
    `${v.narrative}\n\n${v.question}\n${Object.entries(v.options)
      .map(([l, t]) => `${l}. ${t}`)
      .join('\n')}`;
  const parts = wordDiff(text(before), text(after));
  process.stdout.write(
    `\n=== ${safeTerminal(title)} (gold ${before.answer} → ${after.answer}) ===\n${parts.map((p) => paint(p.kind, safeTerminal(p.text))).join('')}\n`,
  );
}

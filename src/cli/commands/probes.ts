import { Command } from 'commander';
import { loadCases } from '../../cases/load.js';
import { inputError } from '../../errors.js';
import { getProbe, listProbes } from '../../probes/registry.js';
import { wordDiff } from '../../report/diff.js';
import { safeTerminal } from '../../report/format.js';
import { ATTRIBUTE_VALUES, counterfactualEligibility, renderCounterfactual, type CounterfactualAttribute } from '../../variants/counterfactuals.js';
import { cleanVariant } from '../../variants/build.js';
import type { Variant } from '../../variants/types.js';
import { intArg } from '../args.js';

export function probesCommand(): Command {
  const cmd = new Command('probes').description('the narrative stress probes');
  cmd
    .command('list')
    .description('list the probes and what each changes')
    .action(() => {
      for (const p of listProbes()) process.stdout.write(`${p.name.padEnd(15)} ${p.description}\n`);
    });
  cmd
    .command('preview')
    .description('print a case and its variant with the changes highlighted, to judge a probe by eye')
    .requiredOption('--case <id>', 'case id')
    .option('--probe <name>', 'probe to apply (default: every probe)')
    .option('--counterfactual <attr=value>', 'apply a counterfactual first, e.g. sex=female')
    .option('--cases <path>', 'case file or folder (default: the built-in bank)')
    .option('--seed <n>', 'seed', intArg('--seed', 0), 7)
    .action((opts) => {
      const c = loadCases({ path: opts.cases }).cases.find((x) => x.id === opts.case);
      if (!c) throw inputError('E_USAGE', `no case with id "${opts.case}" in ${opts.cases ?? 'the built-in bank'}`, { field: '--case' });
      const clean = cleanVariant(c);
      let base: Variant = clean;
      if (opts.counterfactual) {
        const [attr, value] = String(opts.counterfactual).split('=');
        const values = ATTRIBUTE_VALUES[attr as CounterfactualAttribute];
        if (!values || !values.includes(value)) throw inputError('E_USAGE', `--counterfactual must be one of ${Object.entries(ATTRIBUTE_VALUES).map(([a, v]) => `${a}=${v.join('|')}`).join(', ')}`, { field: '--counterfactual' });
        const elig = counterfactualEligibility(c, attr as CounterfactualAttribute);
        if (!elig.eligible) throw inputError('E_USAGE', `case ${c.id} is excluded from the ${attr} counterfactual (${elig.reason}${elig.detail ? `: ${elig.detail}` : ''})`, { field: '--counterfactual' });
        base = { ...clean, ...renderCounterfactual(c, { attribute: attr as CounterfactualAttribute, value }, elig.mode) };
        show(`${c.id} with ${attr}=${value}`, clean, base);
      }
      const probes = opts.probe ? [getProbe(opts.probe)] : listProbes();
      if (probes.some((p) => !p)) throw inputError('E_USAGE', `unknown probe "${opts.probe}"; probes are ${listProbes().map((p) => p.name).join(', ')}`, { field: '--probe' });
      for (const probe of probes) {
        const out = probe!.apply({ case: c, narrative: base.narrative, question: base.question, options: base.options, answer: base.answer }, opts.seed);
        show(`${c.id} · ${probe!.name}`, base, { ...base, ...out });
        process.stdout.write(`changes: ${safeTerminal(JSON.stringify(out.changes))}\n`);
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
  const text = (v: Pick<Variant, 'narrative' | 'question' | 'options'>) => `${v.narrative}\n\n${v.question}\n${Object.entries(v.options).map(([l, t]) => `${l}. ${t}`).join('\n')}`;
  const parts = wordDiff(text(before), text(after));
  process.stdout.write(`\n=== ${safeTerminal(title)} (gold ${before.answer} → ${after.answer}) ===\n${parts.map((p) => paint(p.kind, safeTerminal(p.text))).join('')}\n`);
}

import { safeTerminal } from '../../report/format.js';
import { Command } from 'commander';
import { loadCases } from '../../cases/load.js';
import { caseStats } from '../../cases/stats.js';
import { validateCases } from '../../cases/validate.js';
import { MasldError } from '../../errors.js';
import { table } from '../../report/format.js';

export function casesCommand(): Command {
  const cmd = new Command('cases').description('check and describe case sets');
  cmd
    .command('validate')
    .description('check a case file or folder (default: the built-in bank); every problem is listed as file:line')
    .argument('[path]', 'a case file or folder')
    .action((path?: string) => {
      const report = validateCases(path);
      // File contents reach the terminal here: escaped, so a hostile case file cannot drive it.
      for (const p of report.problems)
        process.stdout.write(`${safeTerminal(`${p.file}:${p.line}: ${p.caseId ? `${p.caseId}: ` : ''}${p.severity}: ${p.message}`)}\n`);
      const errors = report.problems.filter((p) => p.severity === 'error').length;
      const warnings = report.problems.length - errors;
      const stats = caseStats(report.cases);
      process.stdout.write(
        `${report.cases.length} cases in ${report.files.length} file(s): ${errors} error(s), ${warnings} ` +
          `warning(s); ${stats.critical} critical variants; letters ${Object.entries(stats.letters)
            .map(([l, s]) => `${l} ${s.count}`)
            .join(', ')}\n`,
      );
      if (errors) throw new MasldError('E_CASES', `${errors} error(s) in the case set; see the lines above`);
    });
  cmd
    .command('stats')
    .description('print the coverage table: specialties, question types, critical variants, answer letters')
    .argument('[path]', 'a case file or folder (default: the built-in bank)')
    .action((path?: string) => {
      const s = caseStats(loadCases({ path }).cases);
      const types = [...new Set(s.bySpecialty.flatMap((b) => Object.keys(b.questionTypes)))].sort();
      const rows = s.bySpecialty.map((b) => [
        b.specialty,
        String(b.cases),
        String(b.critical),
        String(b.reviewed),
        ...types.map((t) => String(b.questionTypes[t] ?? 0)),
      ]);
      rows.push([
        'TOTAL',
        String(s.total),
        String(s.critical),
        String(s.reviewed),
        ...types.map((t) => String(s.bySpecialty.reduce((a, b) => a + (b.questionTypes[t] ?? 0), 0))),
      ]);
      process.stdout.write(`${table(['specialty', 'cases', 'critical', 'reviewed', ...types], rows)}\n\n`);
      process.stdout.write(
        `${table(
          ['answer letter', 'cases', 'share', 'vs uniform'],
          Object.entries(s.letters).map(([l, x]) => [
            l,
            String(x.count),
            `${(x.share * 100).toFixed(1)}%`,
            `${x.deviation >= 0 ? '+' : ''}${x.deviation.toFixed(1)} pts`,
          ]),
        )}\n`,
      );
    });
  return cmd;
}

import { resolve } from 'node:path';
import { Command } from 'commander';
import { applyReviewFile } from '../../audit/apply-review-file.js';
import { readVariantSetFile } from '../../audit/variant-set-file.js';
import { inputError } from '../../errors.js';
import { safeTerminal } from '../../report/format.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { reviewPageData } from '../../variants/review/page-data.js';
import { reviewPageHtml } from '../../variants/review/page.js';
import { offeredVariants } from '../../variants/review/sample.js';
import { groupLabel, refuseReviewedSet, reviewGroupsOf } from '../../variants/review/scope.js';
import { intArg } from '../args.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** The file to write (the program uses positional options, so this is the subcommand's own --out). */
function outOf(own: string | undefined): string {
  if (!own) throw inputError('E_USAGE', `pass the file to write with --out FILE`, { field: '--out' });
  return own;
}

/** `masld variants review SET --out review.html`: the clinician's review page. */
export function reviewPageCommand(): Command {
  return new Command('review')
    .description(
      'write one offline HTML page on which a clinician accepts or rejects each probe variant and counterfactual ' +
        'text of a set, beside its clean text with the changes marked; marks are kept in the browser, and Export ' +
        'downloads review.json for `masld variants apply-review`. Clean, retest and critical variants are the ' +
        'reference and are not reviewed.',
    )
    .argument('<set>', 'variant set file (`masld variants --out`)')
    .option('-o, --out <file>', 'HTML page to write (required)')
    .option(
      '--per-probe <n>',
      'offer a seeded sample of N variants per probe (and N counterfactual texts) instead of every reviewable variant',
      intArg('--per-probe', 1),
    )
    .option('--seed <n>', 'sampling seed for --per-probe (default 1)', intArg('--seed', 0))
    .option('--reviewer <label>', 'reviewer label the page starts with (editable on the page)')
    .action((setPath: string, opts: { out?: string; perProbe?: number; seed?: number; reviewer?: string }) => {
      const out = outOf(opts.out);
      if (resolve(out) === resolve(setPath))
        throw inputError('E_USAGE', '--out names the set itself; write the page to another file (review.html)', { field: '--out' });
      if (opts.seed !== undefined && opts.perProbe === undefined)
        throw inputError('E_USAGE', '--seed chooses a sample: pass it with --per-probe N', { field: '--seed' });
      const set = readVariantSetFile(setPath);
      refuseReviewedSet(set.header, setPath);
      const groups = reviewGroupsOf(set.header, set.variants);
      const sampling = opts.perProbe === undefined ? null : { perProbe: opts.perProbe, seed: opts.seed ?? 1 };
      const offered = offeredVariants(set.variants, groups, sampling);
      if (!offered.length)
        throw inputError('E_VARIANT_SET', 'the set has no probe variant or counterfactual text to review (only clean, retest and critical variants)', {
          file: setPath,
        });
      const { data, inexactDiffs } = reviewPageData(set, groups, offered, opts.reviewer?.trim() ?? '', sampling);
      const html = reviewPageHtml(data);
      writeFileAtomic(out, html);
      const reviewable = data.groups.reduce((n, g) => n + g.reviewable, 0);
      const what = sampling
        ? `a sample of ${offered.length} of ${reviewable} reviewable variants (${sampling.perProbe} per probe, seed ${sampling.seed})`
        : `all ${offered.length} reviewable variants`;
      process.stderr.write(
        `masld: wrote a review page of ${what} of ${safeTerminal(set.file)} to ${safeTerminal(out)} ` +
          `(${kb(Buffer.byteLength(html))}${inexactDiffs ? `; ${inexactDiffs} texts shown as wholly replaced, their diff could not be aligned` : ''})\n`,
      );
    });
}

/** `masld variants apply-review SET review.json --out reviewed.jsonl`: the set without its rejected variants, the review in its header. */
export function applyReviewCommand(): Command {
  return new Command('apply-review')
    .description(
      'apply a review.json exported by the review page: leave out the rejected variants (a rejected counterfactual ' +
        'text takes its case out of that attribute, with its double-stress variants), record the review (reviewer, ' +
        'coverage and acceptance per probe, reasons) in the header, and write a new set. A set holds one review: a set ' +
        'that already carries one is refused.',
    )
    .argument('<set>', 'the variant set the review page was built from')
    .argument('<review>', 'review.json exported by the review page')
    .option('-o, --out <file>', 'reviewed set to write (required); gzip when it ends in .gz')
    .action((setPath: string, reviewPath: string, opts: { out?: string }) => {
      const out = outOf(opts.out);
      const { set, review, applied, header, bytes } = applyReviewFile(setPath, reviewPath, out);
      const perProbe =
        Object.entries(applied.review.byProbe)
          .filter(([, r]) => r.reviewed)
          .map(([g, r]) => `${groupLabel(g)} ${r.accepted}/${r.rejected}`)
          .join(', ') || 'nothing reviewed';
      const dropped = set.variants.length - applied.variants.length;
      const attrs = applied.droppedAttributes
        ? ` (${applied.droppedAttributes} case-attribute pair${applied.droppedAttributes === 1 ? '' : 's'} taken out ` +
          `with ${applied.droppedWithAttributes} variants)`
        : '';
      process.stderr.write(
        `masld: review by ${safeTerminal(review.reviewer)} (${review.reviewedAt}), accepted/rejected per ` +
          `probe: ${safeTerminal(perProbe)}; wrote ${header.count} of ${set.variants.length} variants ` +
          `to ${safeTerminal(out)}, ${dropped} left out${attrs} (${kb(bytes)}, sha256 ${header.sha256.slice(0, 16)}…)\n`,
      );
    });
}

import { esc, escapeJsonForScript } from '../../report/html/escape.js';
import { REPORT_CSS } from '../../report/html/style.js';
import type { ReviewPageData } from './page-data.js';
import { REVIEW_JS } from './page-client.js';

/** The review page's own styling, on top of the report's. */
const REVIEW_CSS =
  `
input:focus, textarea:focus { outline: 3px solid #E69F00; outline-offset: 2px; }
.toolbar { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 12px 0; padding: 8px 0; ` +
  `border-bottom: 1px solid var(--line); position: sticky; top: 0; background: var(--bg); z-index: 1; }
.toolbar input, .toolbar select, .toolbar button, .pager button { font: inherit; padding: 2px 6px; }
#status { color: var(--muted); }
#items { list-style: none; padding: 0; }
.review-item { border: 1px solid var(--line); border-left: 6px solid var(--line); padding: 8px 12px; margin: 12px 0; scroll-margin-top: 96px; }
.review-item.accepted { border-left-color: #009E73; }
.review-item.rejected { border-left-color: #D55E00; }
.review-item.incomplete { border-left: 6px dashed #D55E00; }
.review-item h3 { margin: 4px 0 0; font-size: 17px; }
.review-item .vid { margin: 0 0 6px; color: var(--muted); font-size: 12px; font-family: ui-monospace, monospace; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.pair h4 { margin: 4px 0; font-size: 14px; color: var(--muted); }
.pair h5 { margin: 8px 0 2px; font-size: 13px; }
.pair p { margin: 0; white-space: pre-wrap; }
.col.clean { background: #fafafa; padding: 4px 8px; }
fieldset.verdict { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; border: 1px solid var(--line); margin-top: 10px; }
fieldset.verdict legend { font-size: 13px; color: var(--muted); }
fieldset.verdict select, fieldset.verdict textarea, fieldset.verdict button { font: inherit; }
fieldset.verdict textarea { vertical-align: top; width: 320px; max-width: 100%; }
select.reason[aria-invalid="true"] { outline: 2px solid #D55E00; }
.state { font-weight: 600; }
.review-item.accepted .state { color: #007a55; }
.review-item.rejected .state, .review-item.incomplete .state { color: #b34000; }
.pager { display: flex; gap: 12px; align-items: center; }
#progress td.count { font-variant-numeric: tabular-nums; font-weight: 600; }
#progress tr.total th, #progress tr.total td { border-top: 2px solid var(--ink); }
@media (max-width: 800px) { .pair { grid-template-columns: 1fr; } }
`;

const pager = (where: string) =>
  `<div class="pager"><button type="button" id="prev-${where}">Previous page</button>` +
  `<span id="page-${where}"${where === 'top' ? ' aria-live="polite"' : ''}></span>` +
  `<button type="button" id="next-${where}">Next page</button></div>`;

const HOW_TO = [
  'Each variant is shown beside the clean text it was made from, with what it changed marked (<ins>added</ins>, <del>removed</del>).',
  'A probe variant is judged against the clean text of its own case (or of its counterfactual, when a demographic change sits under',
  "the probe); a counterfactual's text is judged against the case as written. Accept a variant when it tells the same case, with the",
  'same facts, as a patient or clinician would; reject it otherwise, with a reason:',
].join(' ');

const NOT_REVIEWED = [
  '<strong>Not reviewed:</strong> the clean texts, retests and critical variants.',
  'The clean text is the reference every variant is judged against, a retest repeats it word for word,',
  'and a critical variant changes the decisive fact on purpose.',
].join(' ');

const rejectedNote = (file: string) =>
  [
    'A rejected probe variant is left out of the reviewed set. A rejected counterfactual text takes its case out of that attribute',
    '(with the probe variants on top of it), since a group comparison needs every group. Marks are kept in this browser for this set',
    '(by its sha256), so the page can be closed and opened again; <strong>Export</strong> downloads <code>review.json</code>, which',
    `<code>masld variants apply-review ${esc(file)} review.json --out reviewed.jsonl</code> applies.`,
  ].join(' ');

const KEYBOARD = [
  'Keyboard: Tab moves through the controls; in a variant, <kbd>a</kbd> accepts, <kbd>r</kbd> rejects (then choose the reason),',
  '<kbd>j</kbd> and <kbd>k</kbd> move to the next and previous variant.',
].join(' ');

const PROGRESS_HEAD = ['Probe', 'Reviewed / offered', 'Accepted', 'Rejected', 'Open'].map((h) => `<th scope="col">${h}</th>`).join('');

const STATES = [
  ['', 'all'],
  ['unreviewed', 'not reviewed'],
  ['incomplete', 'rejected without a reason'],
  ['accepted', 'accepted'],
  ['rejected', 'rejected'],
]
  .map(([value, label]) => `<option value="${value}">${label}</option>`)
  .join('');

/**
 * The review page: one offline file, like the report. The texts and their
 * diffs are inline JSON; the script renders one page of variants at a time.
 */
export function reviewPageHtml(data: ReviewPageData): string {
  const s = data.set;
  const offered = data.items.length;
  const reviewable = data.groups.reduce((n, g) => n + g.reviewable, 0);
  const sample = data.sample
    ? `a seeded sample of up to ${esc(data.sample.perProbe)} variants per probe (seed ${esc(data.sample.seed)}): ` +
      `${esc(offered)} of the ${esc(reviewable)} reviewable variants`
    : `all ${esc(offered)} reviewable variants`;
  const lede =
    `Set <code>${esc(s.file)}</code> (sha256 <code>${esc(s.sha256)}</code>): ${esc(s.count)} variants of ${esc(s.cases)} cases ` +
    `(${esc(s.casesSource)}), written by ${esc(s.tool)}. This page offers ${sample}.`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>ai-masld variant review · ${esc(s.file)} · ${esc(offered)} variants</title>
<style>${REPORT_CSS}${REVIEW_CSS}</style>
</head>
<body>
<header>
  <h1>Variant set review</h1>
  <p class="lede">${lede}</p>
</header>
<main>
<section id="how">
  <h2>How to review</h2>
  <p>${HOW_TO}</p>
  <ul>
    <li><strong>fact changed</strong>: a finding, value, time, negation or the answer's basis is different;</li>
    <li><strong>fact added</strong>: the variant adds a finding the case does not have;</li>
    <li><strong>unnatural</strong>: nobody would say or write it this way;</li>
    <li><strong>wrong speaker</strong>: the narrator cannot be the one telling it (a child, an unconscious patient, the wrong person);</li>
    <li><strong>other</strong>: say what in the note.</li>
  </ul>
  <p>${NOT_REVIEWED}</p>
  <p>${rejectedNote(s.file)}</p>
  <p>${KEYBOARD}</p>
</section>
<section id="progress">
  <h2>Progress</h2>
  <table><thead><tr>${PROGRESS_HEAD}</tr></thead><tbody id="progress-body"></tbody></table>
</section>
<section id="review">
  <h2>Variants</h2>
  <div class="toolbar" role="group" aria-label="review controls">
    <label>Reviewer <input id="reviewer" type="text" autocomplete="name" placeholder="name or initials"></label>
    <label>Probe <select id="f-group"><option value="">any</option></select></label>
    <label>Show <select id="f-state">${STATES}</select></label>
    <button type="button" id="export">Export review.json</button>
    <span id="status" role="status" aria-live="polite"></span>
  </div>
  ${pager('top')}
  <ol id="items"></ol>
  ${pager('bottom')}
</section>
</main>
<script type="application/json" id="review-data">${escapeJsonForScript(JSON.stringify(data))}</script>
<script>${REVIEW_JS}</script>
</body>
</html>
`;
}

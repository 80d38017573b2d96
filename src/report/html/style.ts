/** Print-friendly, keyboard-visible, colour-blind-safe styling (Okabe–Ito, viridis). */
export const REPORT_CSS =
  `
:root { --ink: #1b1b1b; --muted: #555; --line: #d6d6d6; --bg: #fff; --accent: #0072B2; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); margin: 0; }
header, main { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { margin-top: 40px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
.lede { color: var(--muted); max-width: 900px; }
nav a { margin-right: 14px; color: var(--accent); }
a:focus, button:focus, select:focus, summary:focus { outline: 3px solid #E69F00; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: 12px 0; font-size: 14px; }
.wide { overflow-x: auto; }
table.metrics th[scope="row"] { max-width: 420px; font-weight: normal; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
thead th { background: #f3f3f3; }
small { color: var(--muted); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; border: 2px solid var(--c); font-weight: 600; font-size: 13px; }
.badge.flag { border-style: dashed; }
.evidence { font-size: 13px; color: #333; max-width: 420px; }
td.pass { color: #007a55; font-weight: 700; }
td.fail { color: #b34000; font-weight: 700; }
figure.chart { margin: 12px 0; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 12px 0; }
.filters select { font: inherit; padding: 2px 4px; }
#case-list { list-style: none; padding: 0; }
.case-toggle { font: inherit; width: 100%; text-align: left; background: #f7f7f7; border: 1px solid ` +
  `var(--line); padding: 6px 10px; cursor: pointer; margin-top: 4px; }
.case-toggle[aria-expanded="true"] { background: #e8f1f8; }
.case-details { border: 1px solid var(--line); border-top: 0; padding: 8px 12px; }
.variant h4 { margin: 14px 0 4px; }
.narrative { white-space: pre-wrap; }
ins { background: #cfe8ff; text-decoration: none; border-bottom: 2px solid #0072B2; }
del { background: #ffe0cc; text-decoration: line-through; }
.options li.gold { font-weight: 700; }
pre.raw { white-space: pre-wrap; word-break: break-word; max-height: 160px; overflow: auto; margin: 0; font-size: 12px; background: #fafafa; }
td.right { color: #007a55; } td.wrong { color: #b34000; }
tr.harmful-flip td { background: #fff1e8; }
dl.provenance dt { font-weight: 700; float: left; clear: left; width: 160px; }
dl.provenance dd { margin-left: 170px; }
.print-only { display: none; }
@media print {
  nav, .filters, #case-list, #explorer > p:not(.print-only) { display: none; }
  .print-only { display: block; }
  h2 { break-after: avoid; }
  figure.chart, table { break-inside: avoid; }
  body { font-size: 11pt; }
}
`;

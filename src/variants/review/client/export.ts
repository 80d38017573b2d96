/** The review page's script, part: Export, which downloads the complete marks as review.json. */
export const EXPORT_JS =
  String.raw`
  function exportReview() {
    var reviewer = reviewerInput.value.trim();
    if (!reviewer) { say('Enter the reviewer label before exporting.'); reviewerInput.focus(); return; }
    var missing = [];
    var decisions = [];
    items.forEach(function (it, n) {
      var d = decisionOf(it[0]);
      if (!d) return;
      if (!complete(d)) { missing.push(n); return; }
      var out = { variantId: it[0], verdict: d.verdict };
      if (d.verdict === 'reject') out.reason = d.reason;
      if (d.note && d.note.trim()) out.note = d.note.trim().slice(0, 2000);
      decisions.push(out);
    });
    if (missing.length) { say(missing.length + (missing.length === 1 ? ' rejection needs' : ' rejections ` +
  (String.raw`need') + ' a reason before export; the first is shown.'); goTo(missing[0]); return; }
    var review = { masldReview: 1, setSha256: data.set.sha256, reviewer: reviewer, reviewedAt: new ` +
    (String.raw`Date().toISOString(), offered: items.map(function (it) { return it[0]; }), decisions: decisions };
    var blob = new Blob([JSON.stringify(review, null, 2) + '\n'], { type: 'application/json' });
    var a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'review.json';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 10000);
    say('Exported ' + decisions.length + (decisions.length === 1 ? ' decision' : ' decisions') + ' on the ' + ` +
      String.raw`items.length + ' variants offered to review.json. Apply it with: masld variants apply-review ' + ` +
      String.raw`data.set.file + ' review.json --out reviewed.jsonl');
  }
`));

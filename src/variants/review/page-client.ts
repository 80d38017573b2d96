import { CARD_JS } from './client/card.js';
import { EXPORT_JS } from './client/export.js';
import { MARKS_JS } from './client/marks.js';
import { PAGING_JS } from './client/paging.js';
import { TEXTS_JS } from './client/texts.js';

/**
 * The review page's script. Plain DOM, no dependencies, nothing fetched. Every
 * piece of case text is set with textContent, never parsed as HTML. Marks are
 * kept in localStorage under the set's sha256; Export downloads review.json.
 * The parts in client/ share this closure: the shell declares the data and
 * the helpers they use, then wires the page's controls to them.
 */
export const REVIEW_JS =
  String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('review-data').textContent);
  var KEY = 'masld-review:' + data.set.sha256;
  var PAGE_SIZE = 20;
  var strings = data.strings, texts = data.texts, items = data.items, groups = data.groups;
  var reasonLabel = {};
  data.reasons.forEach(function (r) { reasonLabel[r[0]] = r[1]; });
  var $ = function (id) { return document.getElementById(id); };
  var list = $('items'), status = $('status'), reviewerInput = $('reviewer');
  var groupFilter = $('f-group'), stateFilter = $('f-state');
  var page = 0, shown = [];

  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function say(msg) { status.textContent = msg; }
${TEXTS_JS}${MARKS_JS}${CARD_JS}${PAGING_JS}${EXPORT_JS}
  // Keyboard: a accept, r reject (then choose the reason), j / k next and previous variant.
  list.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var tag = e.target.tagName;
    if (tag === 'TEXTAREA' || tag === 'SELECT') return;
    var art = e.target.closest && e.target.closest('article.review-item');
    if (!art) return;
    var id = art.getAttribute('data-variant'), n = Number(art.id.slice(5));
    if (e.key === 'a' || e.key === 'r') {
      e.preventDefault();
      setDecision(id, { verdict: e.key === 'a' ? 'accept' : 'reject' });
      syncCard(art, id);
      if (e.key === 'r') art.querySelector('select.reason').focus();
    } else if (e.key === 'j' || e.key === 'k') {
      e.preventDefault();
      var at = shown.indexOf(n) + (e.key === 'j' ? 1 : -1);
      if (at >= 0 && at < shown.length) goTo(shown[at]);
    }
  });

  groups.forEach(function (g, i) { groupFilter.appendChild(el('option', null, g.label + ' (' + g.offered + ')')).value = String(i); });
  groupFilter.addEventListener('change', function () { render(false); });
  stateFilter.addEventListener('change', function () { render(false); });
  ['top', 'bottom'].forEach(function (w) {
    $('prev-' + w).addEventListener('click', function () { go(-1, true); });
    $('next-' + w).addEventListener('click', function () { go(1, true); });
  });
  reviewerInput.value = state.reviewer;
  reviewerInput.addEventListener('input', function () { state.reviewer = reviewerInput.value; save(); });
  $('export').addEventListener('click', exportReview);
  renderProgress();
  render(false);
  var marked = items.filter(function (it) { return decisionOf(it[0]); }).length;
  say(storage ? (marked ? 'Restored ' + marked + ' marks kept in this browser.' : 'Marks are kept in this ` +
  String.raw`browser as you go.') : 'This browser does not keep the marks (localStorage is off): export before closing the page.');
  document.body.setAttribute('data-ready', '1');
})();
`;

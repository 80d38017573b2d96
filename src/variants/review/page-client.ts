/**
 * The review page's script. Plain DOM, no dependencies, nothing fetched. Every
 * piece of case text is set with textContent, never parsed as HTML. Marks are
 * kept in localStorage under the set's sha256; Export downloads review.json.
 */
export const REVIEW_JS = String.raw`
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

  // Texts: as written, or ops against a base text (see text-diff.ts).
  var decoded = [];
  function decodeField(base, ops) {
    var out = '', at = 0;
    ops.forEach(function (op) {
      if (typeof op === 'number') { if (op > 0) out += base.slice(at, at + op); at += Math.abs(op); }
      else { out += strings[op[0]]; if (op.length > 1) at += op[1]; }
    });
    return out;
  }
  function text(i) {
    if (decoded[i]) return decoded[i];
    var t = texts[i], r;
    if (t[0] < 0) r = [t[1], t[2], t[3]];
    else { var b = text(t[0]); r = [decodeField(b[0], t[1]), decodeField(b[1], t[2]), decodeField(b[2], t[3])]; }
    decoded[i] = r;
    return r;
  }
  function renderOps(parent, base, ops) {
    var at = 0;
    ops.forEach(function (op) {
      if (typeof op === 'number') {
        var s = base.slice(at, at + Math.abs(op));
        at += Math.abs(op);
        parent.appendChild(op > 0 ? document.createTextNode(s) : el('del', null, s));
      } else if (op.length > 1) { parent.appendChild(document.createTextNode(strings[op[0]])); at += op[1]; }
      else parent.appendChild(el('ins', null, strings[op[0]]));
    });
  }

  // Progress, kept in this browser under the set's hash.
  var state = { reviewer: data.reviewer || '', decisions: {} };
  var storage = null;
  try {
    storage = window.localStorage;
    var saved = JSON.parse(storage.getItem(KEY) || 'null');
    if (saved && typeof saved === 'object') {
      if (typeof saved.reviewer === 'string' && saved.reviewer) state.reviewer = saved.reviewer;
      if (saved.decisions && typeof saved.decisions === 'object') state.decisions = saved.decisions;
    }
  } catch (e) { storage = null; }
  function save() {
    if (!storage) { say('This browser does not keep the marks (localStorage is off): export before closing the page.'); return; }
    try { storage.setItem(KEY, JSON.stringify(state)); } catch (e) { say('The marks could not be saved in this browser (' + e.message + '): export before closing the page.'); }
  }
  function decisionOf(id) { var d = state.decisions[id]; return d && (d.verdict === 'accept' || d.verdict === 'reject') ? d : null; }
  function complete(d) { return d && (d.verdict === 'accept' || !!d.reason); }
  function stateOf(id) { var d = decisionOf(id); return !d ? 'unreviewed' : !complete(d) ? 'incomplete' : d.verdict === 'accept' ? 'accepted' : 'rejected'; }

  function renderProgress() {
    var rows = groups.map(function () { return { reviewed: 0, accepted: 0, rejected: 0, incomplete: 0 }; });
    items.forEach(function (it) {
      var s = stateOf(it[0]), r = rows[it[1]];
      if (s === 'accepted' || s === 'rejected') { r.reviewed++; r[s]++; } else if (s === 'incomplete') r.incomplete++;
    });
    var body = $('progress-body');
    body.textContent = '';
    var total = { reviewed: 0, offered: 0, accepted: 0, rejected: 0, incomplete: 0 };
    groups.forEach(function (g, i) {
      var r = rows[i], tr = el('tr');
      tr.appendChild(el('th', null, g.label)).setAttribute('scope', 'row');
      tr.appendChild(el('td', 'count', r.reviewed + '/' + g.offered));
      tr.appendChild(el('td', null, String(r.accepted)));
      tr.appendChild(el('td', null, String(r.rejected)));
      tr.appendChild(el('td', null, r.incomplete ? r.incomplete + ' need a reason' : ''));
      body.appendChild(tr);
      total.reviewed += r.reviewed; total.offered += g.offered; total.accepted += r.accepted; total.rejected += r.rejected; total.incomplete += r.incomplete;
    });
    var tr = el('tr', 'total');
    tr.appendChild(el('th', null, 'all')).setAttribute('scope', 'row');
    tr.appendChild(el('td', 'count', total.reviewed + '/' + total.offered));
    tr.appendChild(el('td', null, String(total.accepted)));
    tr.appendChild(el('td', null, String(total.rejected)));
    tr.appendChild(el('td', null, total.incomplete ? total.incomplete + ' need a reason' : ''));
    body.appendChild(tr);
  }

  function setDecision(id, change) {
    var d = state.decisions[id] || {};
    if (change === null) delete state.decisions[id];
    else {
      for (var k in change) { if (change[k] === undefined || change[k] === '') delete d[k]; else d[k] = change[k]; }
      if (d.verdict === 'accept') delete d.reason;
      state.decisions[id] = d;
    }
    save();
    renderProgress();
  }

  function syncCard(card, id) {
    var d = decisionOf(id), s = stateOf(id);
    card.className = 'review-item ' + s;
    card.querySelector('input[value="accept"]').checked = !!d && d.verdict === 'accept';
    card.querySelector('input[value="reject"]').checked = !!d && d.verdict === 'reject';
    var reason = card.querySelector('select.reason');
    reason.disabled = !d || d.verdict !== 'reject';
    reason.value = d && d.reason ? d.reason : '';
    reason.setAttribute('aria-invalid', s === 'incomplete' ? 'true' : 'false');
    var note = card.querySelector('textarea');
    if (document.activeElement !== note) note.value = d && d.note ? d.note : '';
    card.querySelector('.state').textContent = s === 'unreviewed' ? 'not reviewed' : s === 'incomplete' ? 'rejected: choose a reason' : s === 'accepted' ? 'accepted' : 'rejected: ' + reasonLabel[d.reason];
  }

  function textBlock(parent, fields, base, ops) {
    var labels = ['Narrative', 'Question', 'Options'];
    labels.forEach(function (label, f) {
      parent.appendChild(el('h5', null, label));
      var p = el(f === 0 ? 'p' : 'p', f === 2 ? 'options' : 'narrative');
      if (ops) renderOps(p, base[f], ops[f]); else p.textContent = fields[f];
      parent.appendChild(p);
    });
  }

  function card(n) {
    var it = items[n], id = it[0], g = groups[it[1]], t = texts[it[2]];
    var li = el('li');
    var art = el('article', 'review-item');
    art.id = 'item-' + n;
    art.tabIndex = -1;
    art.setAttribute('data-variant', id);
    art.setAttribute('aria-labelledby', 'h-' + n);
    var h = el('h3', null, (n + 1) + '. ' + g.label + ' · case ' + it[3] + (it[4] ? ' · ' + it[4] : ''));
    h.id = 'h-' + n;
    art.appendChild(h);
    art.appendChild(el('p', 'vid', id));
    var base = text(t[0]);
    var pair = el('div', 'pair');
    var left = el('div', 'col clean');
    left.appendChild(el('h4', null, g.name === 'clean' ? 'Case as written' : it[4] ? 'Clean text (' + it[4] + ')' : 'Clean text'));
    textBlock(left, base, null, null);
    var right = el('div', 'col variant');
    right.appendChild(el('h4', null, 'Variant: changes marked'));
    textBlock(right, null, base, [t[1], t[2], t[3]]);
    pair.appendChild(left); pair.appendChild(right);
    art.appendChild(pair);

    var fs = el('fieldset', 'verdict');
    fs.appendChild(el('legend', null, 'Verdict on ' + id));
    ['accept', 'reject'].forEach(function (v) {
      var label = el('label', 'choice');
      var input = el('input');
      input.type = 'radio'; input.name = 'verdict-' + n; input.value = v;
      input.setAttribute('aria-keyshortcuts', v === 'accept' ? 'a' : 'r');
      input.addEventListener('change', function () { if (input.checked) { setDecision(id, { verdict: v }); syncCard(art, id); } });
      label.appendChild(input);
      label.appendChild(document.createTextNode(v === 'accept' ? ' Accept' : ' Reject'));
      fs.appendChild(label);
    });
    var rl = el('label', 'reason-label', 'Reason ');
    var sel = el('select', 'reason');
    sel.appendChild(el('option', null, 'choose a reason…')).value = '';
    data.reasons.forEach(function (r) { sel.appendChild(el('option', null, r[1])).value = r[0]; });
    sel.addEventListener('change', function () { setDecision(id, { reason: sel.value }); syncCard(art, id); });
    rl.appendChild(sel);
    fs.appendChild(rl);
    var nl = el('label', 'note-label', 'Note (optional) ');
    var note = el('textarea');
    note.rows = 2; note.maxLength = 2000;
    note.addEventListener('input', function () {
      var d = decisionOf(id);
      if (d) { d.note = note.value; if (!note.value) delete d.note; save(); }
    });
    note.addEventListener('change', function () {
      if (!decisionOf(id) && note.value.trim()) say('A note is kept with a verdict: accept or reject this variant first.');
    });
    nl.appendChild(note);
    fs.appendChild(nl);
    var clear = el('button', 'clear', 'Clear');
    clear.type = 'button';
    clear.setAttribute('aria-label', 'Clear the verdict on ' + id);
    clear.addEventListener('click', function () { setDecision(id, null); note.value = ''; syncCard(art, id); });
    fs.appendChild(clear);
    fs.appendChild(el('span', 'state'));
    art.appendChild(fs);
    li.appendChild(art);
    syncCard(art, id);
    return li;
  }

  function filtered() {
    var g = groupFilter.value, s = stateFilter.value, out = [];
    for (var i = 0; i < items.length; i++) {
      if (g !== '' && String(items[i][1]) !== g) continue;
      if (s !== '' && stateOf(items[i][0]) !== s) continue;
      out.push(i);
    }
    return out;
  }
  function render(keepPage) {
    shown = filtered();
    var pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    if (!keepPage) page = 0;
    page = Math.min(page, pages - 1);
    list.textContent = '';
    list.start = page * PAGE_SIZE + 1;
    shown.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).forEach(function (n) { list.appendChild(card(n)); });
    ['top', 'bottom'].forEach(function (w) {
      $('page-' + w).textContent = shown.length ? 'Page ' + (page + 1) + ' of ' + pages + ' · variants ' + (page * PAGE_SIZE + 1) + '–' + Math.min(shown.length, (page + 1) * PAGE_SIZE) + ' of ' + shown.length : 'No variant matches the filters.';
      $('prev-' + w).disabled = page === 0;
      $('next-' + w).disabled = page >= pages - 1;
    });
  }
  function go(delta, from) {
    page += delta;
    render(true);
    var first = list.querySelector('article');
    if (first && from) first.focus();
  }
  function goTo(n) {
    var at = shown.indexOf(n);
    if (at < 0) { groupFilter.value = ''; stateFilter.value = ''; shown = filtered(); at = shown.indexOf(n); }
    page = Math.floor(at / PAGE_SIZE);
    render(true);
    var a = $('item-' + n);
    if (a) { a.scrollIntoView({ block: 'start' }); a.focus(); }
  }

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
    if (missing.length) { say(missing.length + (missing.length === 1 ? ' rejection needs' : ' rejections need') + ' a reason before export; the first is shown.'); goTo(missing[0]); return; }
    var review = { masldReview: 1, setSha256: data.set.sha256, reviewer: reviewer, reviewedAt: new Date().toISOString(), offered: items.map(function (it) { return it[0]; }), decisions: decisions };
    var blob = new Blob([JSON.stringify(review, null, 2) + '\n'], { type: 'application/json' });
    var a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'review.json';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 10000);
    say('Exported ' + decisions.length + (decisions.length === 1 ? ' decision' : ' decisions') + ' on the ' + items.length + ' variants offered to review.json. Apply it with: masld variants apply-review ' + data.set.file + ' review.json --out reviewed.jsonl');
  }

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
  say(storage ? (marked ? 'Restored ' + marked + ' marks kept in this browser.' : 'Marks are kept in this browser as you go.') : 'This browser does not keep the marks (localStorage is off): export before closing the page.');
  document.body.setAttribute('data-ready', '1');
})();
`;

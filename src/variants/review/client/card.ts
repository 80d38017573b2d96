/**
 * The review page's script, part: one variant's card, its clean text beside
 * the variant with the changes marked, and the verdict, reason and note.
 */
export const CARD_JS =
  String.raw`
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
    card.querySelector('.state').textContent = s === 'unreviewed' ? 'not reviewed' : s === 'incomplete' ? ` +
  String.raw`'rejected: choose a reason' : s === 'accepted' ? 'accepted' : 'rejected: ' + reasonLabel[d.reason];
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
`;

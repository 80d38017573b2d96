/**
 * The review page's script, part: the reviewer's marks, kept in localStorage
 * under the set's sha256, and the progress table per review group.
 */
export const MARKS_JS =
  String.raw`
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
    try { storage.setItem(KEY, JSON.stringify(state)); } catch (e) { say('The marks could not be saved in ` +
  String.raw`this browser (' + e.message + '): export before closing the page.'); }
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
`;

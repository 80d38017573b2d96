/**
 * The case explorer's script, embedded in report.html. Plain DOM, no
 * dependencies. Every piece of case or reply text is set with textContent, never
 * parsed as HTML, so a reply holding <script> renders as text.
 */
export const EXPLORER_JS =
  String.raw`
(function () {
  var data = JSON.parse(document.getElementById('explorer-data').textContent);
  // Variants arrive as a flat [caseId, variant] list (the report streams them); group them by case.
  var byCase = {};
  data.variants.forEach(function (e) { (byCase[e[0]] = byCase[e[0]] || []).push(e[1]); });
  data.variants = byCase;
  var list = document.getElementById('case-list');
  var filters = { probe: document.getElementById('f-probe'), model: document.getElementById('f-model'), ` +
  (String.raw`specialty: document.getElementById('f-specialty'), outcome: document.getElementById('f-outcome') };
  var count = document.getElementById('case-count');
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function words(s) { return s.split(/(\s+)/); }
  // Word-level LCS diff, capped so a huge narrative cannot stall the page.
  function diff(a, b) {
    var x = words(a), y = words(b);
    if (x.length * y.length > 4e6) return [['same', '(text too long to compare) '], ['add', b]];
    var n = x.length, m = y.length, t = new Array(n + 1);
    for (var i = 0; i <= n; i++) { t[i] = new Int32Array(m + 1); }
    for (i = n - 1; i >= 0; i--) for (var j = m - 1; j >= 0; j--) t[i][j] = x[i] === y[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
    var out = []; i = 0; j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) { out.push(['same', x[i]]); i++; j++; }
      else if (t[i + 1][j] >= t[i][j + 1]) { out.push(['del', x[i]]); i++; }
      else { out.push(['add', y[j]]); j++; }
    }
    while (i < n) out.push(['del', x[i++]]);
    while (j < m) out.push(['add', y[j++]]);
    return out;
  }
  function renderDiff(parent, before, after) {
    diff(before, after).forEach(function (p) {
      parent.appendChild(p[0] === 'same' ? document.createTextNode(p[1]) : el(p[0] === 'add' ? 'ins' : 'del', null, p[1]));
    });
  }
  // A probe's variants at every dose ("distractor@4") go with the probe.
  function probeOf(condition) { return condition.replace(/@\d+$/, ''); }
  function matches(c) {
    if (filters.specialty.value && c.specialty !== filters.specialty.value) return false;
    var probe = filters.probe.value, model = filters.model.value, outcome = filters.outcome.value;
    if (!probe && !model && !outcome) return true;
    var vs = data.variants[c.id] || [];
    return data.models.some(function (m) {
      if (model && m.id !== model) return false;
      return vs.some(function (v) {
        if (probe && probeOf(v.condition) !== probe) return false;
        var a = data.answers[m.id + '|' + c.id + '|' + v.condition];
        return a && (!outcome || a[2] === outcome);
      });
    });
  }
  function details(c, box) {
    var vs = data.variants[c.id] || [];
    var clean = vs.filter(function (v) { return v.condition === 'clean'; })[0];
    vs.forEach(function (v) {
      if (filters.probe.value && probeOf(v.condition) !== filters.probe.value && v.condition !== 'clean') return;
      var sec = el('section', 'variant');
      sec.appendChild(el('h4', null, v.condition + ' · gold ' + v.answer + '. ' + v.options[v.answer]));
      var p = el('p', 'narrative');
      if (clean && v !== clean) renderDiff(p, clean.narrative, v.narrative); else p.textContent = v.narrative;
      sec.appendChild(p);
      var ol = el('ul', 'options');
      Object.keys(v.options).forEach(function (l) { ol.appendChild(el('li', l === v.answer ? 'gold' : null, l + '. ' + v.options[l])); });
      sec.appendChild(ol);
      var tbl = el('table', 'answers');
      var hr = el('tr'); ['model', 'answer', 'outcome', 'key findings', 'reply'].forEach(function (h) { ` +
    String.raw`hr.appendChild(el('th', null, h)); }); tbl.appendChild(hr);
      data.models.forEach(function (m) {
        if (filters.model.value && m.id !== filters.model.value) return;
        var a = data.answers[m.id + '|' + c.id + '|' + v.condition];
        if (!a) return;
        var tr = el('tr', a[2].replace(/\s+/g, '-'));
        tr.appendChild(el('td', null, m.id + (m.control ? ' (control)' : '')));
        tr.appendChild(el('td', a[1] ? 'right' : 'wrong', (a[0] || 'invalid') + (a[1] ? ' ✓' : ' ✗')));
        tr.appendChild(el('td', null, a[2]));
        tr.appendChild(el('td', null, a[3].join('; ')));
        var raw = el('td'); raw.appendChild(el('pre', 'raw', a[4])); tr.appendChild(raw);
        tbl.appendChild(tr);
      });
      sec.appendChild(tbl);
      box.appendChild(sec);
    });
  }
  function render() {
    list.textContent = '';
    var shown = 0;
    data.cases.forEach(function (c) {
      if (!matches(c)) return;
      shown++;
      if (shown > 300) return;
      var item = el('li', 'case');
      var btn = el('button', 'case-toggle', c.id + ' · ' + c.specialty + (c.harmful ? ' · ' + c.harmful + ' harmful flip' + (c.harmful > 1 ? 's' : '') : ''));
      btn.setAttribute('aria-expanded', 'false');
      var box = el('div', 'case-details');
      box.hidden = true;
      btn.addEventListener('click', function () {
        var open = box.hidden;
        box.hidden = !open;
        btn.setAttribute('aria-expanded', String(open));
        if (open && !box.firstChild) { box.appendChild(el('p', 'question', c.question)); details(c, box); }
      });
      item.appendChild(btn);
      item.appendChild(box);
      list.appendChild(item);
    });
    count.textContent = shown + ' case' + (shown === 1 ? '' : 's') + (shown > 300 ? ' (first 300 listed; narrow the filters)' : '');
  }
  Object.keys(filters).forEach(function (k) { filters[k].addEventListener('change', render); });
  render();
})();
`);

/**
 * The review page's script, part: the texts. Each is kept as written or as ops
 * against a base text (../text-diff.ts); decoded on demand, and drawn with the
 * changes marked (<del>, <ins>). Uses `strings`, `texts` and `el` from the shell.
 */
export const TEXTS_JS = String.raw`
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
`;

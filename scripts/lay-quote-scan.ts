// Which clinical words stay inside lay_voice quotes: run the probe on a case set (several seeds) and count, inside the
// quotation marks, each word and two- and three-word run, and each lexicon term replaced. A worklist for the lay
// lexicon, not a test. Coverage: of the quoted tokens of the reference lexicon's rewriting terms (--lexicon, default the
// shipped one; matched as the probe matches, protected names consuming theirs), the share the probe replaced.
// Usage: node --import tsx scripts/lay-quote-scan.ts [--cases FILE --limit N] [--seeds K] [--lexicon YAML] [--json OUT]
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { LexiconEntry } from '../src/probes/banks.js';
import { parseArgs } from 'node:util';
import { loadCases } from '../src/cases/load.js';
import { getProbe } from '../src/probes/registry.js';
import { cleanVariant, probeVariant } from '../src/variants/build.js';

const { values } = parseArgs({
  options: { cases: { type: 'string' }, limit: { type: 'string' }, seeds: { type: 'string' }, json: { type: 'string' }, lexicon: { type: 'string' } },
});
const REF = parse(readFileSync(values.lexicon ?? new URL('../data/probes/lay-lexicon.yaml', import.meta.url), 'utf8')) as LexiconEntry[];
const KEPT = 'named condition: kept as is';
const ref = [...REF].sort((a, b) => b.term.length - a.term.length);
const refRe = new RegExp(`(?<![A-Za-z0-9-])(${ref.map((e) => e.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![A-Za-z0-9-])`, 'gi');
const refMap = new Map(ref.map((e) => [e.term.toLowerCase(), e]));
const remaining = new Map<string, number>();
const set = loadCases({ path: values.cases, limit: values.limit ? Number(values.limit) : undefined });
const probe = getProbe('lay_voice')!;
const grams = new Map<string, number>();
const replaced = new Map<string, number>();
let quotes = 0;
const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
for (const c of set.cases)
  for (let seed = 7; seed < 7 + Number(values.seeds ?? 1); seed++) {
    const out = probeVariant(probe, c, cleanVariant(c), seed);
    if ('ineligible' in out) continue;
    const changes = out.variant.provenance.probe?.changes as { replaced?: { term: string }[] };
    for (const r of changes.replaced ?? []) count(replaced, r.term.toLowerCase());
    // Odd pieces between straight double quotes are the teller's words.
    const inside = out.variant.narrative.split('"').filter((_, i) => i % 2 === 1);
    quotes += inside.length;
    for (const q of inside) {
      for (const m of q.matchAll(refRe)) if (refMap.get(m[0].toLowerCase())?.sense !== KEPT) count(remaining, m[0].toLowerCase());
      for (const sentence of q.split(/[.;:,!?()]+/)) {
        const words = sentence.toLowerCase().match(/[a-z][a-z'-]*/g) ?? [];
        for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= words.length; i++) count(grams, words.slice(i, i + n).join(' '));
      }
    }
  }
const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
const nRep = [...replaced.values()].reduce((a, b) => a + b, 0);
const nLeft = [...remaining.values()].reduce((a, b) => a + b, 0);
const result = {
  cases: set.cases.length,
  quotes,
  coverage: { replaced: nRep, remaining: nLeft },
  remaining: Object.fromEntries(sorted(remaining)),
  replaced: Object.fromEntries(sorted(replaced)),
  grams: Object.fromEntries(sorted(grams)),
};
if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 1)}\n`);
const share = ((100 * nRep) / (nRep + nLeft)).toFixed(1);
process.stdout.write(`${set.cases.length} cases, ${quotes} quoted runs: ${nRep} replaced, ${nLeft} left inside quotes, coverage ${share}%\n`);

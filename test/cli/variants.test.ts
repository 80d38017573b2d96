import assert from 'node:assert/strict';
import { unstray } from '../../src/probes/option-phrase.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MEDQA, runCli, tempDir } from '../support/cli.js';
import { MEDQA_DATA, needs } from '../support/needs.js';
import { listProbes } from '../../src/probes/registry.js';

const PROBES = listProbes().map((p) => p.name);
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

interface Row {
  caseId: string;
  condition: string;
  counterfactual: { attribute: string; value: string } | null;
  text: string;
  options: Record<string, string>;
  answer: string;
  provenance: { probe?: { changes: { target?: { text: string; said?: string } } } };
}

interface Excluded {
  kind: string;
  caseId: string;
  probe?: string;
  counterfactual?: unknown;
  reason: string;
  detail?: string;
}

async function variants(args: string[]): Promise<Row[] & { excluded: Excluded[] }> {
  const dir = tempDir();
  // A hang guard, not a timing: the whole bank with every counterfactual passed the default 2 minutes on a loaded 2-core machine.
  // One dose: these invariants are the single-dose probes'; the higher doses have their own tests (test/probes/*-dose.test.ts).
  const config = join(dir, 'one-dose.yaml');
  writeFileSync(config, 'doses: [1]\n');
  const r = await runCli(['variants', '--config', config, ...args, '--out', join(dir, 'v.jsonl'), '--excluded', join(dir, 'x.jsonl')], {
    timeoutMs: 300_000,
  });
  assert.equal(r.code, 0, r.stderr);
  const read = (f: string) =>
    readFileSync(join(dir, f), 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  // Line 1 of a set is its header.
  return Object.assign(read('v.jsonl').slice(1) as Row[], { excluded: read('x.jsonl') as Excluded[] });
}

function checkRows(rows: Row[] & { excluded: Excluded[] }) {
  const clean = new Map(rows.filter((r) => r.condition === 'clean' && !r.counterfactual).map((r) => [r.caseId, r]));
  // The user message is narrative, question, options, instruction, separated by blank lines.
  const narrative = (r: Row) => {
    const stem = r.text.split('\n\nA. ')[0];
    return stem.slice(0, stem.lastIndexOf('\n\n'));
  };
  for (const [id, c] of clean) {
    const probes = rows.filter((r) => r.caseId === id && !r.counterfactual && PROBES.includes(r.condition));
    // A probe the case is ineligible for (or whose variant failed the checker) is left out and listed, never dropped silently.
    // Dose-1 probes only: a higher dose (probe@2) is graded stress, checked in test/variants/doses.test.ts.
    const left = rows.excluded.filter((e) => e.kind === 'probe' && e.caseId === id && !e.counterfactual && PROBES.includes(e.probe!)).map((e) => e.probe!);
    assert.deepEqual([...probes.map((r) => r.condition), ...left].sort(), [...PROBES].sort(), `${id}: every probe sent or listed as left out`);
    for (const p of probes) {
      assert.deepEqual(Object.values(p.options).sort(), Object.values(c.options).sort(), `${id}/${p.condition}: option texts`);
      assert.equal(p.options[p.answer], c.options[c.answer], `${id}/${p.condition}: gold text`);
      if (p.condition === 'distractor') assert.ok(words(narrative(p)) >= 1.5 * words(narrative(c)), `${id}: distractor ≥ 1.5×`);
      if (p.condition === 'anchoring') {
        const { text: target, said } = p.provenance.probe!.changes.target!;
        assert.notEqual(target, c.options[c.answer], `${id}: anchor names a wrong option`);
        // anchoring v5 names a long option by its core (`said`, a start of the option); verbatim but for a lowered first letter,
        // and an unbalanced quote mark or bracket of the option's own left out.
        assert.ok(!said || unstray(target).startsWith(said), `${id}: the core is a start of the option`);
        const named = [said ?? target, unstray(said ?? target)].flatMap((t) => [t, t[0].toLowerCase() + t.slice(1)]);
        assert.ok(
          named.some((t) => narrative(p).includes(t)),
          `${id}: the option or its core named verbatim`,
        );
      }
    }
  }
  return clean.size;
}

describe('masld variants: probes and counterfactuals', () => {
  it('on the built-in bank: six probes per case, invariants held, double stress and critical variants present', async () => {
    const rows = await variants([]);
    assert.equal(checkRows(rows), 240);
    const ds = rows.filter((r) => r.counterfactual && PROBES.includes(r.condition));
    assert.ok(ds.length > 0, 'double-stress variants');
    assert.ok(rows.filter((r) => r.condition === 'critical').length >= 120);
    const female = rows.find((r) => r.counterfactual?.attribute === 'sex' && r.counterfactual.value === 'female' && r.condition === 'clean')!;
    assert.doesNotMatch(female.text.split('\n\n')[0], /\b(he|him|his|man)\b/i, 'slotted swap is exact');
  });
  // The invariants hold case by case: 60 real cases test them as 200 did, for less than a third of the cost.
  it('on the first 60 MedQA cases', { skip: needs(MEDQA_DATA) }, async () => {
    const rows = await variants(['--cases', MEDQA, '--limit', '60']);
    assert.equal(checkRows(rows), 60);
    assert.ok(
      rows.some((r) => r.counterfactual?.attribute === 'sex'),
      'free-text sex swaps',
    );
    assert.ok(
      rows.some((r) => r.counterfactual?.attribute === 'race_ethnicity' && /-old Black /.test(r.text)),
      'free-text race insertion',
    );
  });
});

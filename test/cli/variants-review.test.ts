import { doseCondition } from '../../src/probes/dose.js';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { readVariantSetFile, type ReadSet } from '../../src/audit/variant-set-file.js';
import type { Variant } from '../../src/variants/types.js';
import { MasldError } from '../../src/errors.js';
import { checkReviewAgainstSet, readReviewFile } from '../../src/variants/review/review-file.js';
import { runCli, tempDir } from '../support/cli.js';

/** The review page's embedded data, as its script reads it. */
type Op = number | [number] | [number, number];
function pageData(file: string): {
  set: { sha256: string };
  reviewer: string;
  sample: unknown;
  items: [string, number, number, string, string][];
  groups: { name: string; offered: number; reviewable: number }[];
  strings: string[];
  texts: [number, ...(string | Op[])[]][];
} {
  const html = readFileSync(file, 'utf8');
  const m = /<script type="application\/json" id="review-data">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'the page embeds its data');
  return JSON.parse(m[1]);
}

/** The page's texts rebuilt as its script does: as written, or ops against a base text. */
function pageText(data: ReturnType<typeof pageData>, i: number): string[] {
  const [base, ...fields] = data.texts[i];
  if (base < 0) return fields as string[];
  const from = pageText(data, base);
  return (fields as Op[][]).map((ops, f) => {
    let out = '';
    let at = 0;
    for (const op of ops) {
      if (typeof op === 'number') {
        if (op > 0) out += from[f].slice(at, at + op);
        at += Math.abs(op);
      } else {
        out += data.strings[op[0]];
        at += op[1] ?? 0;
      }
    }
    return out;
  });
}

const reviewable = (v: Variant) =>
  (!['clean', 'critical'].includes(v.condition) && !v.condition.startsWith('retest')) || (v.condition === 'clean' && v.counterfactual !== null);
const group = (v: Variant) => (v.condition.startsWith('retest') ? 'retest' : v.condition);

describe('masld variants review / apply-review', () => {
  let dir: string;
  let setPath: string;
  let set: ReadSet;
  before(async () => {
    dir = tempDir();
    setPath = join(dir, 'set.jsonl');
    // 4 cases: the first 3 (cardiology, pain under way) are too ill for a distractor tangent.
    const r = await runCli(['variants', '--limit', '4', '--out', setPath]);
    assert.equal(r.code, 0, r.stderr);
    set = readVariantSetFile(setPath);
  });

  it('writes one offline page offering every probe variant and counterfactual text, each with its clean text', async () => {
    const page = join(dir, 'review.html');
    const r = await runCli(['variants', 'review', setPath, '--out', page, '--reviewer', 'Dr A']);
    assert.equal(r.code, 0, r.stderr);
    const expected = set.variants.filter(reviewable);
    assert.match(r.stderr, new RegExp(`wrote a review page of all ${expected.length} reviewable variants of set\\.jsonl`));
    const html = readFileSync(page, 'utf8');
    assert.ok(
      html.includes(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
      ),
    );
    assert.doesNotMatch(html, /\b(src|href)="(https?:)?\/\//, 'nothing fetched');
    assert.match(html, /Not reviewed:<\/strong> the clean texts, retests and critical variants/);
    const data = pageData(page);
    assert.equal(data.set.sha256, set.header.sha256);
    assert.equal(data.reviewer, 'Dr A');
    assert.equal(data.sample, null);
    assert.deepEqual(data.items.map((i) => i[0]).sort(), expected.map((v) => v.id).sort(), 'every reviewable variant, and no clean, retest or critical one');
    const byId = new Map(set.variants.map((v) => [v.id, v]));
    for (const [id, , text] of data.items) {
      const v = byId.get(id)!;
      assert.deepEqual(
        pageText(data, text),
        [
          v.narrative,
          v.question,
          `${Object.entries(v.options)
            .map(([l, t]) => `${l}. ${t}`)
            .join('\n')}\nAnswer: ${v.answer}`,
        ],
        `${id}: the page rebuilds the variant's text exactly`,
      );
      const base = byId.get(
        `${v.caseId}|clean${v.counterfactual && v.condition !== 'clean' ? `|${v.counterfactual.attribute}=${v.counterfactual.value}` : ''}`,
      )!;
      assert.equal(pageText(data, data.texts[text][0])[0], base.narrative, `${id}: beside its clean text`);
    }
    assert.ok(Buffer.byteLength(html) < readFileSync(setPath).length / 4, 'shared texts are stored once');
    assert.deepEqual(
      data.groups.map((g) => g.name),
      // One group per probe and dose (graded stress: `anchoring@2` is reviewed as its own group), then the clean texts.
      [
        ...set.header.design.probes
          .flatMap((p) => (p.doses ?? [1]).map((d) => doseCondition(p.name, d)))
          .filter((p) => expected.some((v) => v.condition === p)),
        'clean',
      ],
    );
  });

  it('with --per-probe and --seed: a deterministic sample of N per probe', async () => {
    const page = async (name: string, seed: string) => {
      const file = join(dir, name);
      const r = await runCli(['variants', 'review', setPath, '--out', file, '--per-probe', '3', '--seed', seed]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /a sample of \d+ of \d+ reviewable variants \(3 per probe, seed \d+\)/);
      return pageData(file);
    };
    const a = await page('a.html', '5');
    const b = await page('b.html', '5');
    const c = await page('c.html', '6');
    assert.deepEqual(a.items, b.items, 'same set and seed: same sample');
    assert.notDeepEqual(
      a.items.map((i) => i[0]),
      c.items.map((i) => i[0]),
      'another seed: another sample',
    );
    assert.deepEqual(a.sample, { perProbe: 3, seed: 5 });
    assert.ok(a.groups.length >= 6 && a.groups.some((g) => g.reviewable > 3), JSON.stringify(a.groups));
    for (const g of a.groups) assert.equal(g.offered, Math.min(3, g.reviewable), g.name);
    const r = await runCli(['variants', 'review', setPath, '--out', join(dir, 'd.html'), '--seed', '5']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--seed: --seed chooses a sample: pass it with --per-probe N \[E_USAGE\]/);
  });

  it(
    'applies a review: rejected variants left out, a rejected counterfactual text takes its case out of the ' + 'attribute, the header records the review',
    async () => {
      const page = join(dir, 'all.html');
      assert.equal((await runCli(['variants', 'review', setPath, '--out', page])).code, 0);
      const offered = pageData(page).items.map((i) => i[0]);
      const find = (pred: (v: Variant) => boolean) => set.variants.find(pred)!;
      const probeReject = find((v) => v.condition === 'distractor' && !v.counterfactual);
      const cfReject = find((v) => v.condition === 'clean' && v.counterfactual?.attribute === 'sex');
      const underDropped = find((v) => v.caseId === cfReject.caseId && v.counterfactual?.attribute === 'sex' && v.condition === 'lay_voice');
      const accepted = [
        find((v) => v.condition === 'lay_voice' && !v.counterfactual),
        find((v) => v.condition === 'anchoring' && !v.counterfactual),
        find((v) => v.condition === 'emotional' && v.counterfactual?.attribute === 'race_ethnicity'),
        underDropped,
      ];
      const review = {
        masldReview: 1,
        setSha256: set.header.sha256,
        reviewer: 'Dr A',
        reviewedAt: '2026-12-01T09:30:00.000Z',
        offered,
        decisions: [
          ...accepted.map((v) => ({ variantId: v.id, verdict: 'accept' })),
          { variantId: probeReject.id, verdict: 'reject', reason: 'unnatural', note: 'reads like a form' },
          { variantId: cfReject.id, verdict: 'reject', reason: 'fact_changed' },
        ],
      };
      const reviewPath = join(dir, 'review.json');
      writeFileSync(reviewPath, JSON.stringify(review, null, 2));
      const out = join(dir, 'reviewed.jsonl.gz');
      const r = await runCli(['variants', 'apply-review', setPath, reviewPath, '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stderr,
        new RegExp(
          String.raw`masld: review by Dr A \(2026-12-01T09:30:00\.000Z\), accepted\/rejected per probe: distractor 0\/1, ` +
            String.raw`lay_voice 2\/0, anchoring 1\/0, emotional 1\/0, counterfactual text 0\/1; wrote \d+ of \d+ variants`,
        ),
      );

      const reviewed = readVariantSetFile(out);
      const droppedAttr = (v: Variant) => v.caseId === cfReject.caseId && v.counterfactual?.attribute === 'sex';
      const kept = set.variants.filter((v) => v.id !== probeReject.id && !droppedAttr(v));
      assert.deepEqual(
        reviewed.variants.map((v) => v.id),
        kept.map((v) => v.id),
        'exactly the rejected ones (and the rejected attribute of that case) are gone',
      );
      assert.ok(set.variants.filter(droppedAttr).length > 5, 'the attribute carried double-stress variants');
      const h = reviewed.header;
      assert.equal(h.count, kept.length);
      assert.notEqual(h.sha256, set.header.sha256);
      const changed = new Set(['count', 'sha256', 'exclusions', 'probeExclusions', 'review']);
      for (const k of Object.keys(set.header) as (keyof typeof set.header)[])
        if (!changed.has(k)) assert.deepEqual(h[k], set.header[k], `header field ${k} kept`);
      assert.deepEqual(h.exclusions, [
        ...set.header.exclusions,
        { caseId: cfReject.caseId, attribute: 'sex', reason: 'rejected', detail: `${cfReject.id}: fact_changed` },
      ]);
      assert.deepEqual(h.probeExclusions, [
        ...set.header.probeExclusions,
        { caseId: probeReject.caseId, probe: 'distractor', counterfactual: null, reason: 'rejected', detail: 'unnatural: reads like a form' },
      ]);
      assert.ok(h.review);
      assert.equal(h.review.reviewer, 'Dr A');
      assert.equal(h.review.reviewedAt, '2026-12-01T09:30:00.000Z');
      assert.equal(h.review.sourceSha256, set.header.sha256);
      assert.equal(h.review.reviewSha256, createHash('sha256').update(readFileSync(reviewPath)).digest('hex'));
      assert.deepEqual(h.review.reasons, { unnatural: 1, fact_changed: 1 });
      const groups = [...new Set(set.variants.filter(reviewable).map(group))];
      assert.deepEqual(Object.keys(h.review.byProbe).sort(), groups.sort());
      const count = (g: string) => set.variants.filter((v) => reviewable(v) && group(v) === g).length;
      assert.deepEqual(h.review.byProbe.distractor, { variants: count('distractor'), reviewed: 1, accepted: 0, rejected: 1 });
      assert.deepEqual(h.review.byProbe.lay_voice, { variants: count('lay_voice'), reviewed: 2, accepted: 2, rejected: 0 });
      assert.deepEqual(h.review.byProbe.clean, { variants: count('clean'), reviewed: 1, accepted: 0, rejected: 1 });
      assert.deepEqual(h.review.byProbe.option_shuffle, { variants: count('option_shuffle'), reviewed: 0, accepted: 0, rejected: 0 });

      // The reviewed set is audited as it stands, and the run reports its review.
      const run = join(dir, 'run');
      const audit = await runCli(['audit', '--limit', '4', '--model', 'control:resilient', '--variants', out, '--out', run, '--no-progress']);
      assert.equal(audit.code, 0, audit.stderr);
      const results = JSON.parse(readFileSync(join(run, 'results.json'), 'utf8'));
      assert.equal(results.variantSet.sha256, h.sha256);
      assert.equal(results.variantSet.review.reviewer, 'Dr A');
      assert.equal(results.variantSet.review.byProbe.distractor.acceptance, 0);

      // A set holds one review: neither a page nor a second review on the reviewed set.
      const again = await runCli(['variants', 'apply-review', out, reviewPath, '--out', join(dir, 'twice.jsonl')]);
      assert.equal(again.code, 2);
      assert.match(
        again.stderr,
        new RegExp(
          String.raw`reviewed\.jsonl\.gz: review: this set already carries a review \(by Dr A, 2026-12-01T09:30:00\.000Z; made on ` +
            String.raw`the set with sha256 [0-9a-f]{12}…\)\. A set holds one review`,
        ),
      );
      assert.ok(!existsSync(join(dir, 'twice.jsonl')));
      const pageAgain = await runCli(['variants', 'review', out, '--out', join(dir, 'again.html')]);
      assert.equal(pageAgain.code, 2);
      assert.match(pageAgain.stderr, /already carries a review/);
    },
  );

  it('refuses a bad review.json with exit 2, naming the file and the field', async () => {
    const offered = set.variants.filter(reviewable).map((v) => v.id);
    const probe = set.variants.find((v) => v.condition === 'anchoring')!;
    // Another offered variant than `probe` (which may itself be offered second).
    const rejected = offered.find((id) => id !== probe.id)!;
    const good = {
      masldReview: 1,
      setSha256: set.header.sha256,
      reviewer: 'Dr B',
      reviewedAt: '2026-12-01T10:00:00Z',
      offered,
      decisions: [
        { variantId: probe.id, verdict: 'accept' },
        { variantId: rejected, verdict: 'reject', reason: 'other' },
      ],
    };
    const cases: [string, unknown, RegExp][] = [
      ['bad-verdict', { ...good, decisions: [{ variantId: probe.id, verdict: 'maybe' }] }, /bad-verdict\.json: decisions\[0\]\.verdict: /],
      [
        'no-reason',
        { ...good, decisions: [good.decisions[0], { variantId: rejected, verdict: 'reject' }] },
        /no-reason\.json: decisions\[1\]\.reason: a rejection needs a reason: one of fact_changed, fact_added, unnatural, wrong_speaker, other/,
      ],
      ['bad-reason', { ...good, decisions: [{ variantId: probe.id, verdict: 'reject', reason: 'boring' }] }, /bad-reason\.json: decisions\[0\]\.reason: /],
      [
        'accept-reason',
        { ...good, decisions: [{ variantId: probe.id, verdict: 'accept', reason: 'unnatural' }] },
        /accept-reason\.json: decisions\[0\]\.reason: an accepted variant takes no reason/,
      ],
      [
        'unknown-id',
        { ...good, decisions: [{ variantId: 'nope|distractor', verdict: 'accept' }] },
        /unknown-id\.json: decisions\[0\]\.variantId: no variant "nope\|distractor" in set\.jsonl/,
      ],
      ['unknown-offered', { ...good, offered: ['nope|distractor', ...offered] }, /unknown-offered\.json: offered\[0\]: no variant "nope\|distractor"/],
      [
        'clean',
        { ...good, offered: [...offered, set.variants[0].id] },
        new RegExp(
          `clean\\.json: offered\\[${offered.length}\\]: "${set.variants[0].id.replace(/\|/g, '\\|')}" is a clean ` +
            'variant, which is the reference and is not reviewed',
        ),
      ],
      [
        'not-offered',
        { ...good, offered: offered.filter((id) => id !== probe.id) },
        /not-offered\.json: decisions\[0\]\.variantId: ".*" was not offered on the review page/,
      ],
      ['twice', { ...good, decisions: [good.decisions[0], good.decisions[0]] }, /twice\.json: decisions\[1\]\.variantId: ".*" has two decisions/],
      ['no-reviewer', { ...good, reviewer: '  ' }, /no-reviewer\.json: reviewer: name the reviewer/],
      ['bad-date', { ...good, reviewedAt: 'yesterday' }, /bad-date\.json: reviewedAt: expected an ISO 8601 date and time/],
      [
        'extra',
        { ...good, score: 3 },
        /extra\.json: score: unknown field \(review\.json holds masldReview, setSha256, reviewer, reviewedAt, offered and decisions\)/,
      ],
      [
        'extra-in-decision',
        { ...good, decisions: [{ ...good.decisions[0], confidence: 0.9 }] },
        /extra-in-decision\.json: decisions\[0\]\.confidence: unknown field \(a decision holds variantId, verdict, reason and note\)/,
      ],
      ['not-array', { ...good, decisions: {} }, /not-array\.json: decisions: Invalid input: expected array, received object/],
      ['newer', { ...good, masldReview: 2 }, /newer\.json: masldReview: review format 2 is newer than this version of masld reads \(1\)/],
      ['not-review', { hello: 1 }, /not-review\.json: not a review file \(no "masldReview"\)/],
      [
        'other-set',
        { ...good, setSha256: 'a'.repeat(64) },
        /other-set\.json: setSha256: the review was made on another set \(sha256 aaaaaaaaaaaa…\), not on set\.jsonl \(sha256 [0-9a-f]{12}…\)/,
      ],
    ];
    // In process: the checks the command runs, each refusal a typed input error naming the file and field (the CLI's exit 2 is checked below).
    for (const [name, body, pattern] of cases) {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(body));
      assert.throws(
        () => checkReviewAgainstSet(readReviewFile(file).review, set, file),
        (e: unknown) => {
          assert.ok(e instanceof MasldError, name);
          assert.equal(e.code, 'E_INPUT', name);
          assert.equal(e.exitCode, 2, name);
          assert.match(e.message, pattern, name);
          return true;
        },
        name,
      );
    }
    const other = join(dir, 'other-set.json');
    const refusedOut = join(dir, 'other-set-out.jsonl');
    const refused = await runCli(['variants', 'apply-review', setPath, other, '--out', refusedOut]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /other-set\.json: setSha256: the review was made on another set[\s\S]*\[E_INPUT\]/);
    assert.ok(!existsSync(refusedOut), 'nothing written');
    const notJson = join(dir, 'broken.json');
    writeFileSync(notJson, '{"masldReview": 1,');
    const r = await runCli(['variants', 'apply-review', setPath, notJson, '--out', join(dir, 'x.jsonl')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken\.json: not JSON/);
    const noOut = await runCli(['variants', 'apply-review', setPath, notJson]);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /--out: pass the file to write with --out FILE/);
    // The good one passes, so each refusal above was for its own fault.
    const ok = join(dir, 'good.json');
    writeFileSync(ok, JSON.stringify(good));
    assert.equal((await runCli(['variants', 'apply-review', setPath, ok, '--out', join(dir, 'good-out.jsonl')])).code, 0);
  });
});

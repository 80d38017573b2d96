import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { readVariantSetFile } from '../../src/audit/variant-set-file.js';
import { runCli, tempDir } from '../support/cli.js';
import { CHROMIUM, needs, which } from '../support/needs.js';

describe('the review page in a real browser', () => {
  it('marks variants, keeps the marks across a reload, exports review.json that apply-review applies', { skip: needs(CHROMIUM) }, async () => {
    const dir = tempDir();
    const setPath = join(dir, 'set.jsonl');
    const pagePath = join(dir, 'review.html');
    assert.equal((await runCli(['variants', '--limit', '3', '--out', setPath])).code, 0);
    const r = await runCli(['variants', 'review', setPath, '--out', pagePath, '--reviewer', 'Dr C']);
    assert.equal(r.code, 0, r.stderr);
    const set = readVariantSetFile(setPath);
    const file = pathToFileURL(pagePath).href;

    const browser = await chromium.launch({
      executablePath: which('chromium')!,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (req) => {
        if (!req.url().startsWith('file:') && !req.url().startsWith('blob:')) requests.push(req.url());
      });
      const open = async () => {
        await page.goto(file, { waitUntil: 'load' });
        await page.waitForSelector('body[data-ready="1"]');
      };
      await open();
      const cards = page.locator('article.review-item');
      assert.equal(await cards.count(), 20, 'one page of 20 variants at a time');
      assert.equal(await page.inputValue('#reviewer'), 'Dr C', 'reviewer label prefilled from --reviewer');
      assert.ok((await page.locator('article.review-item ins').count()) > 0, 'the changes are marked');
      const id = (i: number) => cards.nth(i).getAttribute('data-variant') as Promise<string>;
      const ids = [await id(0), await id(1), await id(2)];

      // Accept with the mouse, reject with the keyboard, and a rejection without a reason that Export refuses.
      await cards.nth(0).locator('input[value="accept"]').check();
      await cards.nth(1).focus();
      await page.keyboard.press('r');
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'reason', 'r moves to the reason');
      await cards.nth(1).locator('select.reason').selectOption('fact_added');
      await cards.nth(1).locator('textarea').fill('adds a fever');
      await cards.nth(2).locator('input[value="reject"]').check();
      assert.match((await cards.nth(2).locator('.state').textContent())!, /choose a reason/);
      await page.click('#export');
      assert.match((await page.textContent('#status'))!, /1 rejection needs a reason before export/);
      await cards.nth(2).locator('select.reason').selectOption('unnatural');

      // A counterfactual text, through the probe filter, rejected by keyboard.
      const groupValue = await page.locator('#f-group option', { hasText: 'counterfactual text' }).getAttribute('value');
      await page.selectOption('#f-group', groupValue!);
      const cf = await id(0);
      assert.match(cf, /\|clean\|/);
      await cards.nth(0).focus();
      await page.keyboard.press('r');
      await page.keyboard.press('ArrowDown'); // the first reason: fact changed
      assert.equal(await cards.nth(0).locator('select.reason').inputValue(), 'fact_changed');
      await page.selectOption('#f-group', '');
      await cards.nth(3).focus();
      await page.keyboard.press('a');
      ids.push(await id(3));

      const progress = async () => (await page.locator('#progress-body tr.total td.count').textContent())!;
      assert.match(await progress(), /^5\/\d+$/);

      // Close and come back: the marks are kept.
      await open();
      assert.match(await progress(), /^5\/\d+$/, 'counter restored');
      assert.equal(await cards.nth(0).locator('input[value="accept"]').isChecked(), true);
      assert.equal(await cards.nth(1).locator('select.reason').inputValue(), 'fact_added');
      assert.equal(await cards.nth(1).locator('textarea').inputValue(), 'adds a fever');
      assert.equal(await cards.nth(2).locator('select.reason').inputValue(), 'unnatural');
      assert.equal(await cards.nth(3).locator('input[value="accept"]').isChecked(), true);
      assert.match((await page.textContent('#status'))!, /Restored 5 marks/);
      await page.selectOption('#f-state', 'rejected');
      assert.equal(await cards.count(), 3, 'filter: the three rejected');
      await page.selectOption('#f-state', '');
      await page.click('#next-top');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'item-20', 'next page, focus on its first variant');

      const exportedFrom = new Date().toISOString();
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
      const exportedBy = new Date().toISOString();
      assert.equal(download.suggestedFilename(), 'review.json');
      const reviewPath = join(dir, 'review.json');
      await download.saveAs(reviewPath);
      const review = JSON.parse(readFileSync(reviewPath, 'utf8'));
      assert.equal(review.masldReview, 1);
      assert.equal(review.setSha256, set.header.sha256);
      assert.equal(review.reviewer, 'Dr C');
      assert.ok(
        exportedFrom <= review.reviewedAt && review.reviewedAt <= exportedBy,
        `dated when exported: ${exportedFrom} ≤ ${review.reviewedAt} ≤ ${exportedBy}`,
      );
      assert.equal(
        review.offered.length,
        set.variants.filter((v) => v.condition !== 'clean' && v.condition !== 'critical' && !v.condition.startsWith('retest')).length +
          set.variants.filter((v) => v.condition === 'clean' && v.counterfactual).length,
      );
      assert.deepEqual(
        review.decisions,
        [
          { variantId: ids[0], verdict: 'accept' },
          { variantId: ids[1], verdict: 'reject', reason: 'fact_added', note: 'adds a fever' },
          { variantId: ids[2], verdict: 'reject', reason: 'unnatural' },
          { variantId: ids[3], verdict: 'accept' },
          { variantId: cf, verdict: 'reject', reason: 'fact_changed' },
        ].sort((a, b) => review.offered.indexOf(a.variantId) - review.offered.indexOf(b.variantId)),
      );

      assert.deepEqual(errors, [], 'no console errors');
      assert.deepEqual(requests, [], 'no network requests');
      await page.click('#prev-top');
      // A screenshot for people, kept only where MASLD_TEST_ARTIFACTS names a folder (CI may upload it).
      await page.screenshot({ path: join(process.env.MASLD_TEST_ARTIFACTS ?? dir, 'review.png') });

      const out = join(dir, 'reviewed.jsonl');
      const applied = await runCli(['variants', 'apply-review', setPath, reviewPath, '--out', out]);
      assert.equal(applied.code, 0, applied.stderr);
      const reviewed = readVariantSetFile(out);
      const kept = new Set(reviewed.variants.map((v) => v.id));
      for (const gone of [ids[1], ids[2], cf]) assert.ok(!kept.has(gone), `${gone} left out`);
      assert.ok(kept.has(ids[0]) && kept.has(ids[3]));
      const cfVariant = set.variants.find((v) => v.id === cf)!;
      assert.ok(
        !reviewed.variants.some((v) => v.caseId === cfVariant.caseId && v.counterfactual?.attribute === cfVariant.counterfactual!.attribute),
        'the case is out of that attribute',
      );
      assert.equal(reviewed.header.review!.reviewer, 'Dr C');
      assert.deepEqual(reviewed.header.review!.reasons, { fact_added: 1, unnatural: 1, fact_changed: 1 });
      const total = Object.values(reviewed.header.review!.byProbe).reduce(
        (t, r) => ({ reviewed: t.reviewed + r.reviewed, rejected: t.rejected + r.rejected }),
        { reviewed: 0, rejected: 0 },
      );
      assert.deepEqual(total, { reviewed: 5, rejected: 3 });
    } finally {
      await browser.close();
    }
  });
});

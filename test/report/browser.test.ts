import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { startFakeOpenAI, promptOptions } from '../support/fake-openai.js';
import { runCli, tempDir } from '../support/cli.js';
import { CHROMIUM, needs, which } from '../support/needs.js';
const XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';

describe('report.html in a real browser', () => {
  it('opens from file:// offline, shows every chart as SVG, renders hostile replies as text', { skip: needs(CHROMIUM) }, async () => {
    // A model whose replies carry an XSS payload next to a valid answer.
    const server = await startFakeOpenAI({ answer: (u) => `${XSS} {"answer": "${promptOptions(u)[0].letter}", "key_findings": ["${'<b>bold</b>'}"]}` });
    const dir = tempDir();
    try {
      const config = join(dir, 'a.yaml');
      writeFileSync(
        config,
        `cases: {limit: 6}\nmodels:\n  - {id: hostile, provider: openai-compatible, baseUrl: "${server.url}", model: ` +
          `m}\n  - {id: control:resilient, provider: control, model: resilient}\n`,
      );
      const r = await runCli(['audit', '--config', config, '--out', join(dir, 'out'), '--no-progress']);
      assert.equal(r.code, 0, r.stderr);
    } finally {
      await server.close();
    }
    const file = pathToFileURL(join(dir, 'out', 'report.html')).href;
    // The explorer's data as the report wrote it: [caseId, variant] pairs.
    const data = JSON.parse(
      /<script type="application\/json" id="explorer-data">([\s\S]*?)<\/script>/.exec(readFileSync(join(dir, 'out', 'report.html'), 'utf8'))![1],
    ) as { cases: { id: string }[]; variants: [string, { condition: string }][] };
    const browser = await chromium.launch({
      executablePath: which('chromium')!,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (req) => {
        if (req.url() !== file) requests.push(req.url());
      });
      await page.goto(file, { waitUntil: 'load' });
      // By the load event the script has listed every case: nothing is fetched or built later.
      assert.equal(await page.textContent('#case-count'), `${data.cases.length} cases`);
      assert.equal(
        await page.locator('figure.chart svg').count(),
        5,
        'stress map, dose response, phenotype plane, fairness and baseline charts are inline SVG',
      );
      for (const id of ['verdict', 'stress-map', 'dose-response', 'plane', 'fairness', 'baseline', 'explorer', 'methods'])
        assert.equal(await page.locator(`#${id}`).count(), 1, id);
      // Open every case (by keyboard for the first one) so every reply is rendered.
      await page.locator('.case-toggle').first().focus();
      await page.keyboard.press('Enter');
      const toggles = page.locator('.case-toggle');
      for (let i = 1; i < (await toggles.count()); i++) await toggles.nth(i).click();
      assert.ok((await page.locator('pre.raw').count()) > 0);
      assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, 'the payload did not execute');
      assert.equal(await page.locator('#explorer img').count(), 0, 'no element was created from reply text');
      assert.ok((await page.locator('pre.raw').first().textContent())!.includes('<script>window.__xss = 1</script>'), 'the payload shows as text');
      // The probe filter lists exactly the cases that have a variant of that probe…
      const caseIds = async () => (await page.locator('.case-toggle').allTextContents()).map((t) => t.split(' · ')[0]).sort();
      const all = await caseIds();
      assert.equal(all.length, data.cases.length);
      const withCritical = [...new Set(data.variants.filter(([, v]) => v.condition === 'critical').map(([id]) => id))].sort();
      assert.ok(
        withCritical.length > 0 && withCritical.length < all.length,
        `${withCritical.length} of ${all.length} cases have a critical variant: the filter has something to drop`,
      );
      await page.selectOption('#f-probe', 'critical');
      assert.deepEqual(await caseIds(), withCritical, 'the critical filter keeps the cases with a critical variant, and only those');
      assert.equal(await page.textContent('#case-count'), `${withCritical.length} case${withCritical.length === 1 ? '' : 's'}`);
      // …and an opened case shows only that probe's variants, at every dose, beside the clean one.
      await page.selectOption('#f-probe', 'distractor');
      await page.locator('.case-toggle').first().click();
      const shown = (await page.locator('.case-details:not([hidden]) section.variant h4').allTextContents()).map((h) => h.split(' · ')[0]);
      assert.deepEqual([...new Set(shown)].sort(), ['clean', 'distractor', 'distractor@2', 'distractor@4'], shown.join(', '));
      await page.selectOption('#f-probe', '');
      assert.deepEqual(await caseIds(), all, 'clearing the filter lists every case again');
      assert.deepEqual(errors, [], 'no console errors');
      assert.deepEqual(requests, [], 'no network requests');
      // A screenshot for people, kept only where MASLD_TEST_ARTIFACTS names a folder (CI may upload it).
      await page.screenshot({ path: join(process.env.MASLD_TEST_ARTIFACTS ?? tempDir(), 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});

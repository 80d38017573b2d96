import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { startFakeOpenAI, promptOptions } from '../support/fake-openai.js';
import { ROOT, runCli, tempDir } from '../support/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';

describe('report.html in a real browser', { skip: !existsSync(CHROMIUM) && `Chromium absent: install Debian's chromium (apt-get install chromium) to run the browser tests` }, () => {
  it('opens from file:// offline, shows every chart as SVG, renders hostile replies as text', async () => {
    // A model whose replies carry an XSS payload next to a valid answer.
    const server = await startFakeOpenAI({ answer: (u) => `${XSS} {"answer": "${promptOptions(u)[0].letter}", "key_findings": ["${'<b>bold</b>'}"]}` });
    const dir = tempDir();
    try {
      const config = join(dir, 'a.yaml');
      writeFileSync(config, `cases: {limit: 6}\nmodels:\n  - {id: hostile, provider: openai-compatible, baseUrl: "${server.url}", model: m}\n  - {id: control:resilient, provider: control, model: resilient}\n`);
      const r = await runCli(['audit', '--config', config, '--out', join(dir, 'out'), '--no-progress']);
      assert.equal(r.code, 0, r.stderr);
    } finally {
      await server.close();
    }
    const file = pathToFileURL(join(dir, 'out', 'report.html')).href;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (req) => { if (req.url() !== file) requests.push(req.url()); });
      const started = Date.now();
      await page.goto(file, { waitUntil: 'load' });
      const loadMs = Date.now() - started;
      assert.equal(await page.locator('figure.chart svg').count(), 4, 'stress map, phenotype plane, fairness and baseline charts are inline SVG');
      for (const id of ['verdict', 'stress-map', 'plane', 'fairness', 'baseline', 'explorer', 'methods']) assert.equal(await page.locator(`#${id}`).count(), 1, id);
      // Open every case (by keyboard for the first one) so every reply is rendered.
      await page.locator('.case-toggle').first().focus();
      await page.keyboard.press('Enter');
      const toggles = page.locator('.case-toggle');
      for (let i = 1; i < (await toggles.count()); i++) await toggles.nth(i).click();
      assert.ok((await page.locator('pre.raw').count()) > 0);
      assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, 'the payload did not execute');
      assert.equal(await page.locator('#explorer img').count(), 0, 'no element was created from reply text');
      assert.ok((await page.locator('pre.raw').first().textContent())!.includes('<script>window.__xss = 1</script>'), 'the payload shows as text');
      await page.selectOption('#f-probe', 'distractor');
      assert.ok((await page.locator('.case-toggle').count()) > 0, 'filters work');
      assert.deepEqual(errors, [], 'no console errors');
      assert.deepEqual(requests, [], 'no network requests');
      const artefacts = join(ROOT, 'test-artifacts');
      mkdirSync(artefacts, { recursive: true });
      await page.selectOption('#f-probe', '');
      await page.screenshot({ path: join(artefacts, 'report.png'), fullPage: true });
      assert.ok(loadMs < 5000, `opened in ${loadMs} ms`);
    } finally {
      await browser.close();
    }
  });
});

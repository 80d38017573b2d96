import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { safeTerminal } from '../../src/report/format.js';
import { promptOptions, startFakeOpenAI } from '../support/fake-openai.js';
import { runCli, tempDir } from '../support/cli.js';

/** Sets the window title, clears the screen, rings the bell, and a C1 CSI that some terminals obey. */
const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u0000';
/** Any byte a terminal could act on, apart from tab and newline. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const show = (s: string) => JSON.stringify(s.match(new RegExp(`.{0,20}${CONTROL.source}.{0,20}`))?.[0]);

function hostileCases(dir: string): string {
  const file = join(dir, 'cases.jsonl');
  const base = { specialty: 's', question: 'What is the next step?', answer: 'A', options: { A: 'Aspirin', B: 'Rest' } };
  writeFileSync(
    file,
    [
      { ...base, id: 'reply', vignette: `A 54-year-old man has chest pain.${HOSTILE} He has smoked for 20 years and takes no medicines. He is sweaty.` },
      { ...base, id: 'fails', vignette: 'A 60-year-old woman has a cough.' },
    ]
      .map((c) => JSON.stringify(c))
      .join('\n'),
  );
  return file;
}

describe('terminal control sequences from replies and input', () => {
  it('replies and error bodies full of control sequences are stored as received and never reach the terminal (audit and report)', async () => {
    const server = await startFakeOpenAI({
      answer: (u) => `${HOSTILE}{"answer": "${promptOptions(u)[0].letter}"}${HOSTILE}`,
      script: ({ userText }) => (userText.includes('cough') ? { status: 500, body: `oops${HOSTILE}` } : undefined),
    });
    try {
      const dir = tempDir();
      const config = join(dir, 'a.yaml');
      writeFileSync(
        config,
        `cases: {path: "${hostileCases(dir)}"}\nprobes: []\ncounterfactuals: []\nretest: 0\nretries: 0\nmodels:\n  - ` +
          `{id: m, provider: openai-compatible, baseUrl: "${server.url}", model: m}\n`,
      );
      const out = join(dir, 'out');
      const audit = await runCli(['audit', '--config', config, '--out', out, '--no-progress', '--allow-failures']);
      assert.equal(audit.code, 0, audit.stderr);
      const report = await runCli(['report', out]);
      assert.equal(report.code, 0, report.stderr);
      assert.match(audit.stdout, /^m\s+\S+.*1\/2 \(1 failed\)$/m, 'the audit prints its table, the failed call counted');
      assert.match(report.stdout, /^m\s+\S+.*1\/2 \(1 failed\)$/m);
      // They print no reply and no error body, raw or escaped: neither the payload's text nor the body's.
      for (const [name, text] of Object.entries({
        'audit stdout': audit.stdout,
        'audit stderr': audit.stderr,
        'report stdout': report.stdout,
        'report stderr': report.stderr,
      })) {
        assert.doesNotMatch(text, /pwned|oops/, `${name} shows a reply or an error body: ${JSON.stringify(text.match(/.{0,30}(?:pwned|oops).{0,30}/)?.[0])}`);
        assert.doesNotMatch(text, CONTROL, `${name} carries a control character: ${show(text)}`);
      }
      const db = new Database(join(out, 'audit.sqlite'), { readonly: true });
      const rows = db.prepare(`SELECT variant_id, status, raw, errors FROM calls ORDER BY variant_id`).all() as {
        variant_id: string;
        status: string;
        raw: string | null;
        errors: string;
      }[];
      db.close();
      assert.deepEqual(
        rows.map((r) => [r.variant_id, r.status]),
        [
          ['fails|clean', 'failed'],
          ['reply|clean', 'ok'],
        ],
      );
      assert.equal(rows[1].raw, `${HOSTILE}{"answer": "A"}${HOSTILE}`, 'the reply is stored byte for byte');
      assert.ok(JSON.parse(rows[0].errors)[0].includes(`oops${HOSTILE}`), 'the error body is stored as received');
    } finally {
      await server.close();
    }
  });

  it('case text printed by masld probes preview and ids echoed in errors are shown escaped', async () => {
    const dir = tempDir();
    const cases = hostileCases(dir);
    const preview = await runCli(['probes', 'preview', '--cases', cases, '--case', 'reply', '--probe', 'distractor']);
    assert.equal(preview.code, 0, preview.stderr);
    assert.doesNotMatch(preview.stdout, CONTROL, show(preview.stdout));
    assert.ok(preview.stdout.includes('\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\x00'), 'the sequence is visible, escaped');
    const missing = await runCli(['probes', 'preview', '--cases', cases, '--case', HOSTILE.replace('\u0000', '')]); // argv cannot carry NUL
    assert.equal(missing.code, 2);
    assert.doesNotMatch(missing.stderr, CONTROL, show(missing.stderr));
    assert.match(missing.stderr, /no case with id "\\x1b\]0;pwned\\x07/);
  });

  it("paths and reasons from case files are escaped in masld cases validate and in the audit's skipped-record lines", async () => {
    const dir = tempDir();
    // The file's own name carries a sequence (a path may hold any byte but NUL and "/").
    const name = `bad${HOSTILE.replace('\u0000', '')}.jsonl`;
    const file = join(dir, name);
    // A record whose problem text quotes a hostile value back: an answer letter that is a control sequence.
    const record = (id: string, answer: string) =>
      JSON.stringify({ id, specialty: 's', vignette: 'A 30-year-old man has a cough.', question: 'What next?', options: { A: 'Rest', B: 'Aspirin' }, answer });
    writeFileSync(file, `${record(`x${HOSTILE}`, HOSTILE)}\n${record('ok', 'A')}\n`);
    const escapedName = 'bad\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m.jsonl:1: ';
    const escapedAnswer = '"\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\x00" is not one of the options';
    const v = await runCli(['cases', 'validate', file]);
    assert.equal(v.code, 2, v.stderr);
    // Both are printed, so both are shown, escaped: the path and the value the reason quotes.
    assert.ok(v.stdout.includes(escapedName), `the path, escaped: ${v.stdout}`);
    assert.ok(v.stdout.includes(escapedAnswer), `the reason, escaped: ${v.stdout}`);
    assert.doesNotMatch(v.stdout + v.stderr, CONTROL, show(v.stdout + v.stderr));
    const a = await runCli(['audit', '--cases', file, '--skip-invalid', '--dry-run']);
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stderr, /skipped 1 invalid record/);
    assert.ok(a.stderr.includes(escapedName) && a.stderr.includes(escapedAnswer), `the skipped-record line, escaped: ${a.stderr}`);
    assert.doesNotMatch(a.stdout + a.stderr, CONTROL, show(a.stdout + a.stderr));
  });
  it('an output folder whose name carries control sequences is shown escaped by audit, its resume and report', async () => {
    const out = join(tempDir(), `run${HOSTILE.replace('\u0000', '')}`);
    const escaped = 'run\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m';
    const args = ['audit', '--model', 'control:resilient', '--limit', '2', '--out', out, '--no-progress'];
    for (const r of [await runCli(args), await runCli(args), await runCli(['report', out])]) {
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(escaped), `the folder, escaped: ${r.stdout.slice(-300)}`);
      assert.doesNotMatch(r.stdout + r.stderr, CONTROL, show(r.stdout + r.stderr));
    }
  });

  it('safeTerminal escapes every C0 control but tab and newline, DEL and every C1 control, and nothing else', () => {
    for (let c = 0; c <= 0xa0; c++) {
      const ch = String.fromCharCode(c);
      const expected = (c <= 0x1f && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f) ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
      assert.equal(safeTerminal(ch), expected, `U+${c.toString(16).padStart(4, '0')}`);
    }
    assert.equal(safeTerminal('é → 95% [1–2] «ok»'), 'é → 95% [1–2] «ok»');
  });
});

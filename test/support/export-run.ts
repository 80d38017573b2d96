import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCases } from '../../src/cases/load.js';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai.js';
import { optionKey, oracleAnswer } from './oracle.js';
import { runCli, tempDir } from './cli.js';

/** A small finished audit to export: a real (fake-served) model and a control, with failed calls and unreadable replies among the answers. */
export interface ExportFixture {
  dir: string;
  server: FakeOpenAI;
}

const hashByte = (text: string) => createHash('sha256').update(text).digest()[2];

export async function auditToExport(): Promise<ExportFixture> {
  const gold = new Map(loadCases().cases.map((c) => [optionKey(Object.values(c.options)), c.options[c.answer]]));
  const oracle = oracleAnswer(gold);
  const server = await startFakeOpenAI({
    answer: (text) => (hashByte(text) % 11 === 0 ? 'I would rather not say.' : oracle(text)),
    // Some prompts always get a 500: with no retries their calls are stored as failed.
    script: ({ userText }) => (hashByte(userText) % 13 === 0 ? 'http500' : undefined),
  });
  const root = tempDir();
  const config = join(root, 'a.yaml');
  writeFileSync(config, 'cases: {limit: 5}\ncounterfactuals: [sex]\nretries: 0\nretryDelayMs: 1\n');
  const dir = join(root, 'run');
  const r = await runCli([
    'audit',
    '--config',
    config,
    '--model',
    `openai-compatible:oracle@${server.url}`,
    '--model',
    'control:resilient',
    '--out',
    dir,
    '--no-progress',
    '--allow-failures',
  ]);
  if (r.code !== 0) throw new Error(`the audit to export failed (${r.code}): ${r.stderr}`);
  return { dir, server };
}

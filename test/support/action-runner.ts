import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ROOT, tempDir } from './cli.js';

/**
 * A runner-like harness for the composite action in action.yml: its shell
 * steps run as GitHub's runner runs them (bash, the step's working directory
 * and env, GITHUB_ACTION_PATH, GITHUB_STEP_SUMMARY and a fresh GITHUB_OUTPUT
 * per step, read back as the step's outputs); `uses:` steps are recorded with
 * their evaluated inputs, not run. Expressions: `inputs.x`, `steps.id.outputs.x`,
 * `always()` and `!= ''`, all action.yml uses.
 */
interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

export interface ActionRun {
  /** The job's outcome: 0 when every step that ran succeeded, else the exit code of the failed step. */
  code: number;
  /** Each step that ran: `uses` steps with their inputs, `run` steps with their exit code and output. */
  steps: { name: string; uses?: string; with?: Record<string, string>; code?: number; stdout?: string; stderr?: string }[];
  summary: string;
  outputs: Record<string, Record<string, string>>;
}

const ACTION = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; steps: Step[] };
};

export async function runAction(workspace: string, given: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<ActionRun> {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(ACTION.inputs)) {
    if (spec.required && given[name] === undefined) throw new Error(`input ${name} is required`);
    inputs[name] = given[name] ?? spec.default ?? '';
  }
  for (const name of Object.keys(given)) if (!(name in ACTION.inputs)) throw new Error(`action.yml has no input ${name}`);
  const outputs: Record<string, Record<string, string>> = {};
  const value = (expr: string): string => {
    const e = expr.trim();
    let m = /^inputs\.([\w-]+)$/.exec(e);
    if (m) return inputs[m[1]];
    m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
    if (m) return outputs[m[1]]?.[m[2]] ?? '';
    throw new Error(`the harness does not evaluate \${{ ${e} }}`);
  };
  const interpolate = (text: string) => text.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => value(e));
  const condition = (expr: string | undefined, failed: boolean): boolean => {
    if (expr === undefined) return !failed;
    const e = expr.trim();
    if (e === 'always()') return true;
    const m = /^(.+?)\s*!=\s*''$/.exec(e);
    if (m) return !failed && value(m[1]) !== '';
    throw new Error(`the harness does not evaluate if: ${e}`);
  };
  const tmp = tempDir('masld-action-');
  const summaryFile = join(tmp, 'step-summary.md');
  writeFileSync(summaryFile, '');
  const run: ActionRun = { code: 0, steps: [], summary: '', outputs };
  let failed = false;
  for (const [i, step] of ACTION.runs.steps.entries()) {
    step.name ??= `step ${i}`;
    if (!condition(step.if, failed)) continue;
    if (step.uses) {
      run.steps.push({
        name: step.name!,
        uses: step.uses,
        with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v))])),
      });
      continue;
    }
    if (step.shell !== 'bash') throw new Error(`step ${step.name}: the harness runs bash steps only`);
    const outputFile = join(tmp, `output-${i}`);
    writeFileSync(outputFile, '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
    const cwd = resolve(workspace, interpolate(step['working-directory'] ?? '.'));
    // GitHub runs a bash step as `bash --noprofile --norc -eo pipefail {0}` on a file holding the script.
    const script = join(tmp, `step-${i}.sh`);
    writeFileSync(script, interpolate(step.run!));
    const r = await bash(script, cwd, {
      ...process.env,
      ...env,
      ...stepEnv,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
    });
    run.steps.push({ name: step.name!, ...r });
    if (step.id)
      outputs[step.id] = Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]),
      );
    if (r.code !== 0) {
      failed = true;
      run.code = r.code;
    }
  }
  run.summary = readFileSync(summaryFile, 'utf8');
  return run;
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}

import { inputError } from '../errors.js';
import { GATEABLE_METRICS, METRICS, metricDefinition, type MetricName } from '../metrics/definitions/index.js';
import { esc } from './html/escape.js';
import type { Results } from './results.js';

export interface Gate {
  metric: MetricName;
  op: '>' | '<' | '>=' | '<=';
  threshold: number;
  text: string;
}

export interface GateResult {
  model: string;
  gate: Gate;
  value: number | null;
  failed: boolean;
  message: string;
}

/** The help of `--fail-on`, from the metric definitions: the metrics a gate can name, and those it cannot, with why. */
export function gateHelp(): string {
  const refused = METRICS.filter((m) => !m.gateable).map((m) => ` ${m.name} is not gateable: ${m.notGateable}.`);
  return `exit 1 when a gate fails, e.g. "pfrExcess>0.1,cfi<0.9"; also writes junit.xml. A gate can name ${GATEABLE_METRICS.join(', ')}.${refused.join('')}`;
}

/** `--fail-on "pfrExcess>0.1,cfi<0.9"`: each gate names the condition that fails the audit. */
export function parseGates(spec: string): Gate[] {
  return spec
    .split(',')
    .map((raw) => raw.trim())
    .filter(Boolean)
    .map((text) => {
      const m = /^([A-Za-z]+)\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)$/.exec(text);
      if (!m)
        throw inputError('E_USAGE', `--fail-on: "${text}" is not a gate; write METRIC>NUMBER or METRIC<NUMBER (also >=, <=), e.g. "pfrExcess>0.1,cfi<0.9"`, {
          field: '--fail-on',
        });
      const metric = metricDefinition(m[1]);
      if (!metric) throw inputError('E_USAGE', `--fail-on: unknown metric "${m[1]}"; metrics are ${GATEABLE_METRICS.join(', ')}`, { field: '--fail-on' });
      if (!metric.gateable) throw inputError('E_USAGE', `--fail-on: ${metric.name} is not gateable: ${metric.notGateable}`, { field: '--fail-on' });
      return { metric: metric.name, op: m[2] as Gate['op'], threshold: Number(m[3]), text };
    });
}

/** Real models only: controls are assay checks, not subjects of a release gate. A metric that cannot be computed fails its gate. */
export function evaluateGates(results: Results, gates: readonly Gate[]): GateResult[] {
  const out: GateResult[] = [];
  for (const m of results.models.filter((x) => !x.control)) {
    for (const gate of gates) {
      const value = m.metrics[gate.metric].value;
      const hit =
        value === null
          ? true
          : gate.op === '>'
            ? value > gate.threshold
            : gate.op === '<'
              ? value < gate.threshold
              : gate.op === '>='
                ? value >= gate.threshold
                : value <= gate.threshold;
      out.push({
        model: m.id,
        gate,
        value,
        failed: hit,
        message:
          value === null
            ? `${gate.metric} cannot be computed (${m.metrics[gate.metric].reason ?? 'no data'})`
            : `${gate.metric} = ${value.toFixed(4)}${hit ? ` fails ${gate.text}` : ` passes (fails only when ${gate.text})`}`,
      });
    }
  }
  return out;
}

/** junit.xml: one test case per model × gate, for CI dashboards. */
export function junitXml(results: GateResult[]): string {
  const failures = results.filter((r) => r.failed).length;
  const cases = results.map(
    (r) =>
      `    <testcase classname="masld.${esc(r.model)}" name="${esc(r.gate.text)}"` +
      `>${r.failed ? `\n      <failure message="${esc(r.message)}">${esc(r.message)}</failure>\n    ` : ''}</testcase>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="${results.length}" failures="${failures}">\n  ` +
    `<testsuite name="ai-masld gates" tests="${results.length}" failures="${failures}">\n${cases.join('\n')}\n  ` +
    `</testsuite>\n</testsuites>\n`
  );
}

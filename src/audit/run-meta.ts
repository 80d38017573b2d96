import type { RunMetaInput } from '../store/types.js';
import { TOOL } from '../version.js';
import { sanitiseConfig } from './fingerprint.js';
import type { AuditSpec } from './resolve.js';

/** The record a new run begins with, local or shared: what was asked, of which cases, and what the checker found. */
export function runMetaOf(spec: AuditSpec, fingerprint: string, now = new Date()): RunMetaInput {
  const { config, models, caseSet, variantSet } = spec;
  return {
    fingerprint,
    toolVersion: TOOL.version,
    createdAt: now.toISOString(),
    config: sanitiseConfig(config, models, { probes: spec.probeNames, counterfactuals: spec.counterfactuals }),
    cases: {
      count: caseSet.cases.length,
      source: caseSet.source,
      sha256: caseSet.sha256,
      format: caseSet.format,
      skipped: caseSet.skipped.length,
      ...(caseSet.bank ? { bank: caseSet.bank } : {}),
    },
    exclusions: variantSet.exclusions,
    probeExclusions: variantSet.probeExclusions,
    variantCheck: spec.screen,
    variantSet: spec.variantSource,
  };
}

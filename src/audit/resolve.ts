import { resolveApiKey } from '../models/registry.js';
import { loadConfigFile } from '../config/load.js';
import { controlPanel, parseModelSpec } from '../config/model-spec.js';
import { configSchema, type ModelConfig, type ParsedConfig } from '../config/schema.js';
import { loadCases } from '../cases/load.js';
import type { CaseSet } from '../cases/types.js';
import { inputError } from '../errors.js';
import { buildVariants, type VariantSet } from '../variants/build.js';
import { screenVariants, type ScreenSummary } from '../variants/screen.js';
import type { CheckReport } from '../variants/check/check.js';
import type { CounterfactualAttribute } from '../variants/counterfactuals.js';
import type { Probe } from '../probes/types.js';
import { getProbe, listProbes } from '../probes/registry.js';
import { readVariantCache, variantCacheKey } from './variant-cache.js';

export interface AuditOverrides {
  config?: string;
  models?: string[];
  cases?: string;
  limit?: number;
  concurrency?: number;
  skipInvalid?: boolean;
  allowDefective?: boolean;
  /** An audit folder whose cached variants, if built by this code for these cases and settings, are used instead of rebuilding. */
  variantCacheDir?: string;
  /** Check every model's API key in this environment first: a missing key is said before seconds of variant building. */
  keysFrom?: NodeJS.ProcessEnv;
}

/** Everything an audit needs, resolved from the config, the flags and the defaults. */
export interface AuditSpec {
  config: ParsedConfig;
  configFile: string | null;
  models: ModelConfig[];
  probes: Probe[];
  counterfactuals: CounterfactualAttribute[];
  caseSet: CaseSet;
  variantSet: VariantSet;
  /** What the variant checker found before anything is sent. */
  screen: ScreenSummary;
  /** Every defective variant with its defects (not stored; `masld probes check --json`). */
  check: CheckReport;
  /** Identifies the variants (code, cases, settings): the key of the cache beside the store. */
  variantKey: string;
  /** Whether the variants came from that cache. */
  variantsCached: boolean;
}

export function resolveAudit(o: AuditOverrides): AuditSpec {
  const config = o.config ? loadConfigFile(o.config) : configSchema.parse({});
  if (o.concurrency !== undefined) config.concurrency = o.concurrency;
  const models = o.models?.length ? o.models.map(parseModelSpec) : config.models ?? controlPanel();
  const ids = new Set<string>();
  models.forEach((m, i) => {
    if (ids.has(m.id)) throw inputError('E_CONFIG', `two models share the id "${m.id}"; ids label reports and must be unique`, { file: o.config, field: `models[${i}].id` });
    ids.add(m.id);
  });
  if (o.keysFrom) models.forEach((m, i) => resolveApiKey(m, o.keysFrom!, i));
  const probes = (config.probes ?? listProbes().map((p) => p.name)).map((name, i) => {
    const probe = getProbe(name);
    if (!probe) throw inputError('E_CONFIG', `probe "${name}" is not available in this version (available: ${listProbes().map((p) => p.name).join(', ') || 'none yet'})`, { file: o.config, field: `probes[${i}]` });
    return probe;
  });
  const counterfactuals = [...(config.counterfactuals ?? ['sex', 'race_ethnicity', 'ses'])] as CounterfactualAttribute[];
  const caseSet = loadCases({
    path: o.cases ?? config.cases.path,
    format: o.cases ? 'auto' : config.cases.format,
    limit: o.limit ?? config.cases.limit,
    skipInvalid: o.skipInvalid || config.cases.skipInvalid,
  });
  if (o.allowDefective) config.allowDefective = true;
  const variantKey = variantCacheKey({ casesSha256: caseSet.sha256, probes: probes.map((p) => p.name), counterfactuals, doubleStress: config.doubleStress, retest: config.retest, seed: config.seed, allowDefective: config.allowDefective });
  // A resume reuses the variants this code already built and checked for these cases and settings.
  const cached = o.variantCacheDir ? readVariantCache(o.variantCacheDir, variantKey) : null;
  if (cached) return { config, configFile: o.config ?? null, models, probes, counterfactuals, caseSet, ...cached, variantKey, variantsCached: true };
  const built = buildVariants(caseSet.cases, {
    probes,
    counterfactuals,
    doubleStress: config.doubleStress,
    retest: config.retest,
    seed: config.seed,
  });
  // The checker runs before every audit: a defective variant is never sent silently.
  const { set: variantSet, summary: screen, report: check } = screenVariants(caseSet.cases, built, config.allowDefective);
  return { config, configFile: o.config ?? null, models, probes, counterfactuals, caseSet, variantSet, screen, check, variantKey, variantsCached: false };
}

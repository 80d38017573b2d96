import { resolveApiKey } from '../models/registry.js';
import { loadConfigFile } from '../config/load.js';
import { controlPanel, parseModelSpec } from '../config/model-spec.js';
import { configSchema, COUNTERFACTUAL_NAMES, probeEntryName, type ModelConfig, type ParsedConfig } from '../config/schema.js';
import { isSingle, probeDoseMap } from './doses.js';
import { loadCases } from '../cases/load.js';
import type { CaseSet } from '../cases/types.js';
import { inputError } from '../errors.js';
import { buildVariants, type VariantSet } from '../variants/build.js';
import { screenVariants, type ScreenSummary } from '../variants/screen.js';
import type { CheckReport } from '../variants/check/check.js';
import type { CounterfactualAttribute } from '../variants/counterfactuals.js';
import type { Probe } from '../probes/types.js';
import type { Variant } from '../variants/types.js';
import type { VariantSource } from '../variants/set-source.js';
import { getProbe, listProbes } from '../probes/registry.js';
import { modelIdentity, rewriterModels } from '../variants/retell/plan.js';
import { RETELL_PROMPT_VERSION } from '../variants/retell/styles.js';
import { readVariantCache, variantCacheKey, variantCode } from './variant-cache.js';
import { designOf, designSha256, readVariantSetFile, variantLines, variantSetSha256, type Design, type HeaderInput } from './variant-set-file.js';

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
  /** A variant-set file (`masld variants --out`): its prompts are sent as they are and nothing is regenerated. */
  variantSetFile?: string;
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
  /** Probe names of the design (those of the set file when there is one). */
  probeNames: string[];
  /** The settings that shaped the variants. */
  design: Design;
  variantSource: VariantSource;
}

export function resolveAudit(o: AuditOverrides): AuditSpec {
  const config = o.config ? loadConfigFile(o.config) : configSchema.parse({});
  if (o.concurrency !== undefined) config.concurrency = o.concurrency;
  const models = o.models?.length ? o.models.map(parseModelSpec) : (config.models ?? controlPanel());
  const ids = new Set<string>();
  models.forEach((m, i) => {
    if (ids.has(m.id))
      throw inputError('E_CONFIG', `two models share the id "${m.id}"; ids label reports and must be unique`, { file: o.config, field: `models[${i}].id` });
    ids.add(m.id);
  });
  if (o.keysFrom) for (const [i, m] of models.entries()) resolveApiKey(m, o.keysFrom, i);
  const probes = (config.probes?.map((e) => probeEntryName(e)) ?? listProbes().map((p) => p.name)).map((name, i) => {
    const probe = getProbe(name);
    if (!probe)
      throw inputError(
        'E_CONFIG',
        `probe "${name}" is not available in this version (available: ${
          listProbes()
            .map((p) => p.name)
            .join(', ') || 'none yet'
        })`,
        { file: o.config, field: `probes[${i}]` },
      );
    return probe;
  });
  const doses = probeDoseMap(config, probes, o.config);
  const counterfactuals: CounterfactualAttribute[] = [...(config.counterfactuals ?? COUNTERFACTUAL_NAMES)];
  const caseSet = loadCases({
    path: o.cases ?? config.cases.path,
    format: o.cases ? 'auto' : config.cases.format,
    limit: o.limit ?? config.cases.limit,
    skipInvalid: o.skipInvalid || config.cases.skipInvalid,
  });
  if (o.allowDefective) config.allowDefective = true;
  if (o.variantSetFile)
    return fromSetFile(o.variantSetFile, { config, configFile: o.config ?? null, models, caseSet, allowDefectiveFlag: o.allowDefective === true });
  const design: Design = {
    // Doses are recorded only above a single dose, so a `doses: [1]` design is the one written before doses existed.
    probes: probes.map((p) => ({ name: p.name, version: p.version ?? 1, ...(isSingle(doses[p.name]) ? {} : { doses: doses[p.name] }) })),
    counterfactuals: [...counterfactuals],
    doubleStress: config.doubleStress,
    retest: config.retest,
    seed: config.seed,
    allowDefective: config.allowDefective,
    prompt: { style: config.prompt.style, system: config.prompt.system ?? null },
    retell: rewriterModels(config, o.config).map((p) => ({
      probe: p.probe,
      rewriter: modelIdentity(p.rewriter, 'rewriter'),
      judge: modelIdentity(p.judge, 'judge'),
      retries: p.retries,
      promptVersion: RETELL_PROMPT_VERSION,
    })),
  };
  const common = { config, configFile: o.config ?? null, models, probes, probeNames: probes.map((p) => p.name), counterfactuals, caseSet, design };
  const source = (variants: readonly Variant[]): VariantSource => ({
    sha256: variantSetSha256(variantLines(variants, config.prompt.style)),
    file: null,
    review: null,
    retell: null,
  });
  const variantKey = variantCacheKey({
    casesSha256: caseSet.sha256,
    probes: design.probes.map((p) => (p.doses ? `${p.name}@${p.doses.join(',')}` : p.name)),
    counterfactuals,
    doubleStress: config.doubleStress,
    retest: config.retest,
    seed: config.seed,
    allowDefective: config.allowDefective,
  });
  // A resume reuses the variants this code already built and checked for these cases and settings.
  const cached = o.variantCacheDir ? readVariantCache(o.variantCacheDir, variantKey) : null;
  if (cached) return { ...common, ...cached, variantKey, variantsCached: true, variantSource: source(cached.variantSet.variants) };
  const built = buildVariants(caseSet.cases, {
    probes,
    doses,
    counterfactuals,
    doubleStress: config.doubleStress,
    retest: config.retest,
    seed: config.seed,
  });
  // The checker runs before every audit: a defective variant is never sent silently.
  const { set: variantSet, summary: screen, report: check } = screenVariants(caseSet.cases, built, config.allowDefective);
  return { ...common, variantSet, screen, check, variantKey, variantsCached: false, variantSource: source(variantSet.variants) };
}

/** The header a set file of these variants carries (`masld variants --out`). */
export function setHeader(spec: AuditSpec): HeaderInput {
  const { caseSet, variantSet } = spec;
  return {
    cases: { sha256: caseSet.sha256, count: caseSet.cases.length, source: caseSet.source, format: caseSet.format },
    design: { sha256: designSha256(spec.design), ...spec.design },
    code: variantCode(),
    exclusions: variantSet.exclusions,
    probeExclusions: variantSet.probeExclusions,
    screen: spec.screen,
    review: spec.variantSource.review,
    retell: spec.variantSource.retell,
  };
}

interface Resolved {
  config: ParsedConfig;
  configFile: string | null;
  models: ModelConfig[];
  caseSet: CaseSet;
  allowDefectiveFlag: boolean;
}

/**
 * An audit of a frozen set: the set must be of these cases and this prompt;
 * its design (probes, counterfactuals, seed, retests) replaces the config's,
 * so what is recorded is what was sent.
 */
function fromSetFile(path: string, r: Resolved): AuditSpec {
  const { header, variants, file } = readVariantSetFile(path);
  const { config, caseSet } = r;
  if (header.cases.sha256 !== caseSet.sha256) {
    throw inputError(
      'E_VARIANT_SET',
      `the set was written for other cases (${header.cases.count} cases from ${header.cases.source}, ` +
        `sha256 ${header.cases.sha256.slice(0, 12)}…) than these (${caseSet.cases.length} cases ` +
        `from ${caseSet.source}, sha256 ${caseSet.sha256.slice(0, 12)}…). Pass the same --cases and --limit the set ` +
        'was written with.',
      { file: path },
    );
  }
  const d = header.design;
  const prompt = { style: config.prompt.style, system: config.prompt.system ?? null };
  if (prompt.style !== d.prompt.style || prompt.system !== d.prompt.system) {
    throw inputError(
      'E_VARIANT_SET',
      `the set was written for prompt style "${d.prompt.style}" with ${d.prompt.system === null ? 'the default' : 'a custom'} system prompt;` +
        ` this config asks for "${prompt.style}" with ${prompt.system === null ? 'the default one' : 'a custom one'}.` +
        ' Use the config the set was written with.',
      { file: path, field: 'design.prompt' },
    );
  }
  if (r.allowDefectiveFlag && !d.allowDefective) {
    throw inputError(
      'E_USAGE',
      '--allow-defective cannot add variants to a frozen set: the set left its defective variants out when it was ' +
        'written. Write the set again with --allow-defective.',
      { file: path },
    );
  }
  const known = new Set(caseSet.cases.map((c) => c.id));
  const stray = variants.find((v) => !known.has(v.caseId));
  if (stray) throw inputError('E_VARIANT_SET', `variant "${stray.id}" names case "${stray.caseId}", which is not among the cases`, { file: path });
  // What is recorded with the run is the set's design, not the config's.
  config.seed = d.seed;
  config.retest = d.retest;
  config.doubleStress = d.doubleStress;
  config.allowDefective = d.allowDefective;
  const probeNames = d.probes.map((p) => p.name);
  const variantSet = { variants, exclusions: header.exclusions, probeExclusions: header.probeExclusions };
  const screen = header.screen;
  return {
    config: { ...config, probes: probeNames, counterfactuals: d.counterfactuals },
    configFile: r.configFile,
    models: r.models,
    probes: probeNames.flatMap((n) => getProbe(n) ?? []),
    probeNames,
    counterfactuals: d.counterfactuals,
    caseSet,
    variantSet,
    screen,
    check: { checked: screen.checked, byCondition: screen.byCondition, defective: [] },
    variantKey: header.sha256,
    variantsCached: true,
    design: designOf(d),
    variantSource: { sha256: header.sha256, file, review: header.review, retell: header.retell },
  };
}

/**
 * ai-masld's library API: the same pipeline the CLI runs, stage by stage.
 * cases → variants (probes, counterfactuals) → plan → execute (models) → store → score → metrics → report.
 */
export { MasldError, type ErrorCode } from './errors.js';
export { TOOL } from './version.js';

// Config
export { configSchema, modelConfigSchema, COUNTERFACTUAL_NAMES, CONTROL_NAMES, type ParsedConfig, type ModelConfig } from './config/schema.js';
export { loadConfigFile, parseConfigText } from './config/load.js';
export { parseModelSpec, controlPanel } from './config/model-spec.js';

// Cases
export { loadCases, caseSetHash, type LoadCasesOptions } from './cases/load.js';
export { renderSlots } from './cases/slots.js';
export { validateCases, type ValidationReport, type Problem } from './cases/validate.js';
export { caseStats } from './cases/stats.js';
export type { Case, CaseSet, Demographics } from './cases/types.js';

// Variants and probes
export { listProbes, getProbe, registerProbe } from './probes/registry.js';
export type { Probe, ProbeInput, ProbeOutput, Ineligible } from './probes/types.js';
export { patientProfile, type PatientProfile } from './probes/profile.js';
export { questionType, QUESTION_TYPES, type QuestionType } from './probes/question-type.js';
export { units } from './probes/structure.js';
export { sentenceKind } from './probes/structure/sentence-kind.js';
export { buildVariants, cleanVariant, probeVariant, type VariantSet, type VariantOptions, type ProbeExclusion } from './variants/build.js';
export { checkVariants, type CheckReport } from './variants/check/check.js';
export { listLints, getLint } from './variants/check/registry.js';
export { screenVariants, type ScreenSummary } from './variants/screen.js';
export { counterfactualEligibility, renderCounterfactual, ATTRIBUTE_VALUES } from './variants/counterfactuals.js';
export type { Variant, Counterfactual } from './variants/types.js';

// Prompt, models, execution, store
export { buildMessages, userMessage, DEFAULT_SYSTEM } from './prompt/build.js';
export { createProvider, registerProvider } from './models/registry.js';
export type { ProviderDefinition } from './models/provider-definition.js';
export type { Provider, ChatRequest, ChatResponse } from './models/types.js';
export { resolveAudit, setHeader, type AuditSpec, type AuditOverrides } from './audit/resolve.js';
export { readVariantSetFile, writeVariantSetFile, renderVariantSet, variantLines, variantSetSha256, type VariantSetHeader, type ReadSet } from './audit/variant-set-file.js';
export type { SetReview, VariantSource } from './variants/set-source.js';
export { runAudit, type AuditOutcome } from './audit/audit.js';
export { writeOutputs, tallyStore, type TalliedRun } from './audit/outputs.js';
export { SqliteStore } from './store/sqlite.js';
export type { Store, CallRecord } from './store/types.js';

// Scoring, metrics, report
export { parseReply, type ParsedReply } from './scoring/parse.js';
export { scoreCall, type ScoredCall } from './scoring/score.js';
export { modelSummary, ModelAccumulator, type ModelSummary, type ModelAnalysis, type MetricsContext } from './metrics/model-metrics.js';
export { RunTally, type ModelTally } from './metrics/run-tally.js';
export { phenotype, DEFAULT_THRESHOLDS, type Phenotype, type PhenotypeThresholds } from './metrics/phenotype.js';
export { wilson, proportion, type Estimate } from './metrics/wilson.js';
export { exactMcNemar, holm } from './metrics/mcnemar.js';
export { clusterBootstrap } from './metrics/bootstrap.js';
export { compareModels, comparePairs, type Comparison } from './metrics/compare.js';
export { buildResults, metricsContext, type Results } from './report/results.js';
export { reportHtml, writeReportHtml } from './report/html/index.js';

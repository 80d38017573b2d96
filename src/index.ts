/**
 * ai-masld's library API: the pipeline the CLI runs, as a few functions.
 * cases → variants (probes, counterfactuals) → plan → execute (models) → store → score → metrics → report.
 *
 * Every export is documented where it is declared; the `@example` of each
 * function is compiled by `npm run typecheck` (scripts/check-api-examples.ts).
 */

// Run an audit, and read one back
export { audit, computeMetrics, renderReport, type AuditOptions, type AuditResult } from './audit/library.js';
export type { ProgressEvent } from './run/call-with-retries.js';
export type { ReportedRun } from './audit/report-run.js';
export type { Results } from './report/results.js';
export type { MetricName } from './metrics/types.js';

// Cases and their variants
export { loadCases, type LoadCasesOptions } from './cases/load.js';
export type { Case, CaseSet } from './cases/types.js';
export { buildVariants, type VariantOptions, type VariantSet } from './variants/build.js';
export type { Variant } from './variants/types.js';

// Extending: a probe or a provider is one definition and one registration
export { registerProbe, listProbes } from './probes/registry.js';
export type { Ineligible, Probe, ProbeInput, ProbeOutput } from './probes/types.js';
export type { PatientProfile } from './probes/profile.js';
export { registerProvider } from './models/registry.js';
export type { ProviderDefinition, ProviderInit, ProviderModel, ProviderPreset, Shorthand } from './models/provider-definition.js';
export type { ModelConfig } from './models/model-config.js';
export type { Provider, ChatRequest, ChatResponse } from './models/types.js';

// Errors
export { MasldError, type ErrorCode } from './errors.js';

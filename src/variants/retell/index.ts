/** The LLM retelling of probe variants, verified for invariance: what the CLI calls. */
export { retellVariants, type RetellOptions, type RetellResult } from './retell.js';
export { jobKey } from './attempts.js';
export { RetellCache, RETELL_CACHE_FILE, type CachedAttemptRow } from './cache.js';
export { estimateRetelling, type RetellEstimate, type RetellPlanOutline } from './estimate.js';
export { rewriterModels, retellPlan, retellModel, resolveModelRef, modelIdentity, type RewriterModels } from './plan.js';
export { REJECT_REASONS, type RejectReason, type Rejection, type RetellModel, type RetellPlan, type RetellSummary } from './types.js';

import { parseDose } from '../../probes/dose.js';
import type { Variant } from '../types.js';

/** Conditions that are the reference text itself, never checked on their own. */
export const isReference = (v: Variant): boolean => v.condition === 'clean' || v.condition === 'critical' || v.condition.startsWith('retest');

/** A probe's retelling (with or without a counterfactual on top). */
export const isProbeVariant = (v: Variant): boolean => !isReference(v);

/** A counterfactual's clean text, checked against the plain clean text. */
export const isCounterfactualClean = (v: Variant): boolean => v.condition === 'clean' && v.counterfactual !== null;

/** lay_voice at any dose. */
export const isLayVoice = (v: Variant): boolean => parseDose(v.condition).probe === 'lay_voice';

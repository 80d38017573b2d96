import { banks, fill, fitting } from './banks.js';
import { Rng } from './rng.js';
import { mentionsAny } from './text.js';
import { endIndex, joinUnits, units } from './structure.js';
import { noNarrator, type Probe } from './types.js';

/**
 * Affective pressure from whoever tells the story: an anxious, angry,
 * minimising or pleading patient, or the parent or relative speaking for a
 * patient who cannot. A framing sentence follows the opening unit and a demand
 * closes the story; only phrases that fit the patient and setting are used and
 * nothing of the case is edited.
 */
export const emotional: Probe = {
  name: 'emotional',
  description: 'an anxious, angry, minimising or pleading narrator (the patient, or the parent or relative speaking for them), with urgency and demands',
  apply(input, seed) {
    const nobody = noNarrator(input.profile);
    if (nobody) return nobody;
    const rng = new Rng(seed, input.case.id, 'emotional');
    const optionTexts = Object.values(input.options);
    const usable = (xs: Parameters<typeof fitting>[0]) => fitting(xs, input.profile).map((p) => fill(p.text, input.profile)).filter((t) => !mentionsAny(t, optionTexts));
    const styles = Object.entries(banks().emotional)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([style, s]) => ({ style, openers: usable(s.openers), demands: usable(s.demands) }))
      .filter((s) => s.openers.length && s.demands.length);
    if (!styles.length) return { ineligible: 'no fitting emotional phrase' };
    const { style, openers, demands } = rng.pick(styles);
    const opener = rng.pick(openers);
    const demand = rng.pick(demands);
    const us = units(input.narrative);
    const end = endIndex(us);
    const narrative = joinUnits([us[0], opener, ...us.slice(1, Math.max(1, end)), demand, ...us.slice(Math.max(1, end))], us);
    return { narrative, question: input.question, options: input.options, answer: input.answer, changes: { style, inserted: [{ after: 0, text: opener }, { after: us.length - 1, text: demand }] } };
  },
};

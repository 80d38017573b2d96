import { bcEstimate } from './bootstrap.js';
import { NO_PROBS } from './definitions/parts.js';
import { exactMcNemar, holm } from './mcnemar.js';
import type { BoundModel, ModelReplicates } from './model-statistics.js';
import type { ProbeMetrics } from './types.js';
import { proportion, sig3 } from './wilson.js';

/**
 * Each probe's results (results.json `probes`): one unit per case, so
 * proportions carry Wilson intervals and ratios a bootstrap interval; the
 * McNemar p-values are Holm-adjusted across the probes run.
 */
export function probeMetrics(model: BoundModel, T: Float64Array, replicates: ModelReplicates | undefined): Record<string, ProbeMetrics> {
  const L = model.layout;
  const probes: Record<string, ProbeMetrics> = {};
  const pValues: (number | null)[] = [];
  L.spec.probes.forEach((p, i) => {
    const c = L.probes[i];
    const st = model.statistics.probes[p];
    const reps = replicates?.probes[p];
    const pairs = T[c.pair];
    const pMc = pairs ? exactMcNemar(T[c.rw], T[c.wr]) : null;
    pValues.push(pMc);
    probes[p] = {
      accuracy: proportion(T[c.correct], T[c.n], 'no answers under this probe'),
      mi: bcEstimate(st.mi(T), reps?.mi, T[c.n], 'clean accuracy is 0 or there are no answers'),
      pfr: proportion(T[c.flip], pairs, 'no case answered both clean and under this probe'),
      pfrHarmful: proportion(T[c.rw], pairs),
      pfrBeneficial: proportion(T[c.wr], pairs),
      pfrLateral: proportion(T[c.lat], pairs),
      mcnemarP: pMc === null ? null : sig3(pMc),
      mcnemarPHolm: null,
      extractionRecall: bcEstimate(st.extractionRecall(T), reps?.extractionRecall, T[c.recallN], 'no key facts in these cases'),
      invalidRate: proportion(T[c.inv], T[c.n]),
      probShift: bcEstimate(st.probShift(T), reps?.probShift, T[c.shiftN], NO_PROBS),
    };
  });
  holm(pValues).forEach((p, i) => {
    probes[L.spec.probes[i]].mcnemarPHolm = p === null ? null : sig3(p);
  });
  return probes;
}

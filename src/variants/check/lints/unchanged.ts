import { isProbeVariant } from '../scope.js';
import { clip } from '../text.js';
import type { Lint } from '../types.js';

const NAME = 'unchanged';

const sameOptions = (a: Record<string, string>, b: Record<string, string>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

export const unchanged: Lint = {
  name: NAME,
  description: 'A probe variant identical to its base: the probe changed nothing, so it measures nothing.',
  applies: isProbeVariant,
  check({ variant, base }) {
    if (variant.narrative !== base.narrative || variant.question !== base.question || !sameOptions(variant.options, base.options)) return [];
    return [{ lint: NAME, message: `${variant.condition} left narrative, question and options as they were`, excerpt: clip(variant.narrative, 100) }];
  },
};

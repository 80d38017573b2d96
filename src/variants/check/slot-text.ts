import { renderSlots } from '../../cases/slots.js';
import type { Case, Demographics } from '../../cases/types.js';

/**
 * The text an attribute's slots render to, for given demographics: what a
 * slotted counterfactual may change by design ("{{ses:rents a flat|owns a
 * house}}"), so facts there are the author's, not a retelling's.
 */
export function slotText(c: Case, attribute: string, demo: Demographics): string {
  const parts: string[] = [];
  const text = c.vignette;
  const open = `{{${attribute}`;
  for (let i = text.indexOf(open); i >= 0; i = text.indexOf(open, i + 2)) {
    const close = closing(text, i);
    if (close < 0) break;
    parts.push(renderSlots(text.slice(i, close + 2), demo));
    i = close;
  }
  return parts.join('\n');
}

function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length - 1; i++) {
    if (text.startsWith('{{', i)) {
      depth++;
      i++;
    } else if (text.startsWith('}}', i)) {
      depth--;
      if (depth === 0) return i;
      i++;
    }
  }
  return -1;
}

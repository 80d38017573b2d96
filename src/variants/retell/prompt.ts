import type { ChatMessage } from '../../models/types.js';
import { ORIGINAL_TAG, RETELL_SYSTEM } from './styles.js';
import type { Rejection } from './types.js';

/**
 * The rewriter's messages for one attempt. A retry carries the previous
 * attempt's rejections, so a model at temperature 0 is not asked the very same
 * thing again; the prompt stays a function of the replies, hence deterministic.
 */
export function retellMessages(instruction: string, original: string, previous: readonly Rejection[] = []): ChatMessage[] {
  const parts = [instruction, `<${ORIGINAL_TAG}>\n${original}\n</${ORIGINAL_TAG}>`];
  if (previous.length) {
    parts.push(
      `An earlier retelling was rejected:\n${previous.map((r) => `- ${r.detail}`).join('\n')}\nRetell it again from the original, keeping to every constraint.`,
    );
  }
  return [
    { role: 'system', content: RETELL_SYSTEM },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

import { CONTROL_NAMES, getControl } from '../controls/behaviours.js';
import { readPrompt } from '../controls/read-prompt.js';
import type { ControlKnowledge } from '../controls/reference.js';
import { modelShorthand, type ProviderDefinition } from '../provider-definition.js';
import type { ChatRequest, ChatResponse, Provider } from '../types.js';

/** The assay controls (src/models/controls/): `model` names the control. */
export const control: ProviderDefinition = {
  name: 'control',
  preset: { keyRequired: false },
  control: true,
  check(m, problem) {
    if (!getControl(m.model)) problem('model', `unknown control "${m.model}"; controls are ${CONTROL_NAMES.join(', ')}`);
  },
  shorthand: modelShorthand('control', 'NAME'),
  create: (m, init) => controlProvider(m.id, m.model, init.controls),
};

/**
 * An assay control: behaviour known by design, reached through the same
 * interface as a real model. It sees only the prompt text.
 */
export function controlProvider(id: string, behaviour: string, knowledge: ControlKnowledge): Provider {
  const decide = getControl(behaviour)?.decide;
  if (!decide) throw new Error(`unknown control behaviour "${behaviour}"`);
  return {
    id,
    async complete(req: ChatRequest): Promise<ChatResponse> {
      const userText = req.messages
        .filter((m) => m.role === 'user')
        .map((m) => m.content)
        .join('\n');
      const prompt = readPrompt(userText);
      const ref = knowledge.find(prompt.options.map((o) => o.text));
      const decision = ref ? decide(prompt, ref, userText) : null;
      const text = decision ? JSON.stringify({ answer: decision.letter, key_findings: decision.keyFindings }) : 'I cannot identify this case.';
      return { text, inputTokens: Math.ceil(userText.length / 4), outputTokens: Math.ceil(text.length / 4), finishReason: 'stop', truncated: false };
    },
  };
}

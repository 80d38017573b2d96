import type { Variant } from '../variants/types.js';

export type PromptStyle = 'direct' | 'reasoning';

export interface PromptOptions {
  system?: string;
  style: PromptStyle;
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export const DEFAULT_SYSTEM =
  'You are an experienced physician answering a multiple-choice clinical question. Choose the single best option. Answer in the format requested.';

const JSON_SHAPE = '{"answer": "<letter>", "key_findings": ["<finding>", "..."]}';

const INSTRUCTION: Record<PromptStyle, string> = {
  direct:
    `Reply with JSON only, exactly in this form: ${JSON_SHAPE}\n"answer" is the letter of the single best option; ` +
    '"key_findings" lists the facts from the case that decided your answer.',
  reasoning:
    'Think it through step by step first. Then end your reply with one line of JSON, exactly in this ' +
    `form: ${JSON_SHAPE}\n"answer" is the letter of the single best option; "key_findings" lists the facts from ` +
    'the case that decided your answer.',
};

/** The user message: narrative, question, options one per line, then the reply instruction. */
export function userMessage(v: Pick<Variant, 'narrative' | 'question' | 'options'>, style: PromptStyle): string {
  const options = Object.entries(v.options)
    .map(([letter, text]) => `${letter}. ${text}`)
    .join('\n');
  return `${v.narrative}\n\n${v.question}\n\n${options}\n\n${INSTRUCTION[style]}`;
}

export function buildMessages(v: Pick<Variant, 'narrative' | 'question' | 'options'>, opts: PromptOptions): ChatMessage[] {
  return [
    { role: 'system', content: opts.system ?? DEFAULT_SYSTEM },
    { role: 'user', content: userMessage(v, opts.style) },
  ];
}

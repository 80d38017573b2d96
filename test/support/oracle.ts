import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promptOptions } from './fake-openai.js';

/** Gold option text by the case's option set, read straight from the raw MedQA file. */
export function medqaGold(file: string, limit: number): Map<string, string> {
  const gold = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, limit)) {
    const r = JSON.parse(line) as { options: Record<string, string>; answer_idx: string };
    gold.set(optionKey(Object.values(r.options)), r.options[r.answer_idx].replace(/\s+/g, ' ').trim());
  }
  return gold;
}

export const optionKey = (texts: string[]) =>
  texts
    .map((t) => t.replace(/\s+/g, ' ').trim().toLowerCase())
    .sort()
    .join('\u0000');

/** A known rule: right unless the gold text's hash says otherwise (about a quarter wrong). */
export const oracleGetsRight = (goldText: string) => createHash('sha256').update(goldText).digest()[0] % 4 !== 0;

const STYLES = [
  (l: string) => `{"answer": "${l}", "key_findings": ["finding"]}`,
  (l: string) => `Answer: ${l}`,
  (l: string) => `Reasoning first... so the correct answer is (${l}).`,
  (l: string) => `**${l}**`,
];

/** Answers a prompt deterministically from its text, in varied real-world reply styles. */
export function oracleAnswer(gold: Map<string, string>) {
  return (userText: string): string => {
    const opts = promptOptions(userText);
    const g = gold.get(optionKey(opts.map((o) => o.text)));
    if (!g) return 'I do not know this case.';
    const goldLetter = opts.find((o) => o.text === g)!.letter;
    const wrong = opts.find((o) => o.text !== g)!.letter;
    const letter = oracleGetsRight(g) ? goldLetter : wrong;
    const style = STYLES[createHash('sha256').update(userText).digest()[1] % STYLES.length];
    return style(letter);
  };
}

/** Two designed models: right or wrong by a hash of the whole prompt, so every probe and counterfactual moves some answers. */
export function hashAnswerer(gold: Map<string, string>) {
  return (userText: string, model: string): string => {
    const opts = promptOptions(userText);
    const g = gold.get(optionKey(opts.map((o) => o.text)));
    if (!g || opts.length === 0) return 'I cannot tell.';
    const right = opts.find((o) => o.text.replace(/\s+/g, ' ').trim() === g)?.letter ?? opts[0].letter;
    const h = createHash('sha256').update(`${model}\u0000${userText}`).digest();
    const share = model === 'steady' ? 0.1 : 0.35;
    const letter = h[0] / 256 < share ? opts[(opts.findIndex((o) => o.letter === right) + 1 + (h[1] % (opts.length - 1))) % opts.length].letter : right;
    return h[2] % 5 === 0 ? `The answer is (${letter}).` : `{"answer": "${letter}"}`;
  };
}

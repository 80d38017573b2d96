/** How a reply's letter was found; `invalid` when none was. */
export type ParseMethod = 'json' | 'answer-label' | 'bold' | 'bare-letter' | 'leading-letter' | 'option-text' | 'invalid';

export interface ParsedReply {
  letter: string | null;
  method: ParseMethod;
  keyFindings: string[];
}

/**
 * Reads the answer the way real models send it. Each rule takes its LAST match,
 * so a reasoning reply's final answer wins over letters met on the way.
 */
export function parseReply(raw: string, options: Record<string, string>): ParsedReply {
  const text = raw.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
  const valid = (l: string | undefined) => (l && l.toUpperCase() in options ? l.toUpperCase() : null);

  const json = lastAnswerJson(text);
  if (json) {
    const letter = valid(json.answer) ?? letterForText(json.answer, options);
    if (letter) return { letter, method: 'json', keyFindings: json.keyFindings };
  }
  const fromJsonish = lastMatch(text, /"answer"\s*:\s*"\s*\(?([A-J])\)?\s*"/gi);
  if (valid(fromJsonish)) return { letter: valid(fromJsonish), method: 'json', keyFindings: [] };

  const label = lastMatch(
    text,
    new RegExp(
      String.raw`\b(?:[Ff]inal [Aa]nswer|[Cc]orrect [Aa]nswer|[Bb]est [Aa]nswer|[Aa]nswer|ANSWER)\b(?:\s+(?:is|would be|` +
        String.raw`:))?\s*[:\-–]?\s*(?:[Oo]ption\s+)?\**\s*[([]?\s*([A-J])\b(?![A-Za-z'’-])`,
      'g',
    ),
  );
  if (valid(label)) return { letter: valid(label), method: 'answer-label', keyFindings: [] };

  const bold = lastMatch(text, /\*\*\s*\(?([A-J])\)?(?:[.):]|\s*\*\*|\s)/g);
  if (valid(bold)) return { letter: valid(bold), method: 'bold', keyFindings: [] };

  const bare = /^[([]?([A-J])[)\].:]?$/i.exec(text.replace(/[*_`\s]/g, ''));
  if (bare && valid(bare[1])) return { letter: valid(bare[1]), method: 'bare-letter', keyFindings: [] };

  const leading = /^[([]?([A-J])[)\].:]\s+\S/.exec(text);
  if (leading && valid(leading[1])) return { letter: valid(leading[1]), method: 'leading-letter', keyFindings: [] };

  const byText = letterForText(text, options);
  if (byText) return { letter: byText, method: 'option-text', keyFindings: [] };

  return { letter: null, method: 'invalid', keyFindings: [] };
}

function lastMatch(text: string, re: RegExp): string | undefined {
  let last: string | undefined;
  for (const m of text.matchAll(re)) last = m[1];
  return last;
}

/** The reply is one option's text (ignoring case, punctuation at the ends). */
function letterForText(text: string | undefined, options: Record<string, string>): string | null {
  if (!text) return null;
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/^[\s"'*.:]+|[\s"'*.:]+$/g, '')
      .replace(/\s+/g, ' ');
  const target = norm(text);
  for (const [letter, option] of Object.entries(options)) if (norm(option) === target) return letter;
  return null;
}

/** The last balanced `{...}` that parses as JSON and has an `answer`. */
function lastAnswerJson(text: string): { answer: string; keyFindings: string[] } | null {
  for (let end = text.lastIndexOf('}'); end !== -1; end = text.lastIndexOf('}', end - 1)) {
    let depth = 0;
    for (let start = end; start >= 0; start--) {
      const ch = text[start];
      if (ch === '}') depth++;
      else if (ch === '{' && --depth === 0) {
        const found = tryAnswerJson(text.slice(start, end + 1));
        if (found) return found;
        break;
      }
    }
  }
  return null;
}

function tryAnswerJson(candidate: string): { answer: string; keyFindings: string[] } | null {
  let value: unknown;
  try {
    value = JSON.parse(candidate);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const rec = value as Record<string, unknown>;
  const answer = rec.answer ?? rec.Answer;
  if (typeof answer !== 'string') return null;
  const kf = rec.key_findings ?? rec.keyFindings;
  const keyFindings = Array.isArray(kf) ? kf.filter((x): x is string => typeof x === 'string') : [];
  return { answer: answer.trim().replace(/^\(?([A-Ja-j])[).]?$/, '$1'), keyFindings };
}

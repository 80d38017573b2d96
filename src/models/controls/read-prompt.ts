/** A control reads the prompt as a model would: the text, and the lettered option lines. */
export interface ReadPrompt {
  /** Everything before the option lines: narrative and question. */
  stem: string;
  options: { letter: string; text: string }[];
}

export function readPrompt(userText: string): ReadPrompt {
  const lines = userText.split('\n');
  let end = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^[A-J]\. /.test(lines[i])) {
      end = i;
      break;
    }
  }
  if (end === -1) return { stem: userText, options: [] };
  let start = end;
  while (start > 0 && /^[A-J]\. /.test(lines[start - 1])) start--;
  const options = lines.slice(start, end + 1).map((l) => ({ letter: l[0], text: l.slice(3) }));
  return { stem: lines.slice(0, start).join('\n').trim(), options };
}

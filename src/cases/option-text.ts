/** Options are shown one per line, so any line break or run of spaces inside one becomes a single space. */
export function normaliseOptionText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

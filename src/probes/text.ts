/** Word counts and whole-word phrase matching, for probes that must not name an option. */
export const wordCount = (text: string) => (text.match(/\S+/g) ?? []).length;

const compiled = new Map<string, RegExp>();

/** One whole-word, case-insensitive matcher for any of the phrases, compiled once per phrase set. */
function matcher(phrases: readonly string[]): RegExp {
  const key = phrases.join('\u0000');
  let re = compiled.get(key);
  if (!re) {
    if (compiled.size > 5000) compiled.clear();
    const alt = phrases.map((p) => p.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    re = new RegExp(`(^|[^A-Za-z0-9])(?:${alt})($|[^A-Za-z0-9])`, 'i');
    compiled.set(key, re);
  }
  return re;
}

/** Whether the text names any of the phrases (whole words, any case). */
export function mentionsAny(text: string, phrases: readonly string[]): boolean {
  if (!phrases.length) return false;
  // Cheap pre-check: a case-insensitive regex match implies an upper-cased
  // substring match, so a text holding none of the phrases skips the regex.
  const upper = text.toUpperCase();
  return phrases.some((p) => upper.includes(p.trim().toUpperCase())) && matcher(phrases).test(text);
}

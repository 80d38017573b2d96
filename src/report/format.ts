import type { Estimate } from '../metrics/wilson.js';

export function pct(e: Estimate | undefined, digits = 1): string {
  if (!e || e.value === null) return 'n/a';
  const ci = e.ci95 ? ` [${(e.ci95[0] * 100).toFixed(digits)}–${(e.ci95[1] * 100).toFixed(digits)}]` : '';
  return `${(e.value * 100).toFixed(digits)}%${ci}`;
}

/** Neutralises control characters so a reply cannot drive the terminal. */
export function safeTerminal(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

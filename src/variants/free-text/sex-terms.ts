import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The shipped term list (`data/probes/sex-specific.yaml`). */
const FILE = fileURLToPath(new URL('../../../data/probes/sex-specific.yaml', import.meta.url));

export type SexTermGroup = 'anatomy' | 'disease' | 'history' | 'obstetric' | 'sex_linked' | 'either';

export interface SexTermHit {
  /** The words as they stand in the text. */
  term: string;
  /** null for terms that tie a case to sex without naming one (X-linked, karyotype, hCG, infertility). */
  sex: 'male' | 'female' | null;
  group: SexTermGroup;
  index: number;
}

interface Entry {
  source: string;
  sex: 'male' | 'female' | null;
  group: SexTermGroup | 'neutral';
}

interface TermFile {
  male: Record<string, string[]>;
  female: Record<string, string[]>;
  sex_linked: string[];
  either: string[];
  neutral: string[];
}

let matcher: { re: RegExp; entries: Entry[] } | undefined;

function pattern(term: string): string {
  if (term.startsWith('re:')) return term.slice(3);
  const wild = term.endsWith('*');
  const body = (wild ? term.slice(0, -1) : term).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[\\s-]');
  return wild ? `${body}[\\p{L}-]*` : body;
}

function load(): { re: RegExp; entries: Entry[] } {
  if (matcher) return matcher;
  const raw = parse(readFileSync(FILE, 'utf8')) as TermFile;
  const entries: Entry[] = [];
  for (const sex of ['male', 'female'] as const) {
    for (const [group, terms] of Object.entries(raw[sex])) {
      for (const t of terms) entries.push({ source: pattern(t), sex, group: group as SexTermGroup });
    }
  }
  for (const t of raw.sex_linked) entries.push({ source: pattern(t), sex: null, group: 'sex_linked' });
  for (const t of raw.either) entries.push({ source: pattern(t), sex: null, group: 'either' });
  for (const t of raw.neutral) entries.push({ source: pattern(t), sex: null, group: 'neutral' });
  // Longer patterns first, so a phrase wins over a word it starts with.
  entries.sort((a, b) => b.source.length - a.source.length);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${entries.map((e) => `(${e.source})`).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  matcher = { re, entries };
  return matcher;
}

/** Every sex-tied term in the text, left to right; neutral phrases hide the words inside them. */
export function sexTerms(text: string): SexTermHit[] {
  const { re, entries } = load();
  const hits: SexTermHit[] = [];
  for (const m of text.matchAll(re)) {
    const i = m.findIndex((g, k) => k > 0 && g !== undefined);
    const e = entries[i - 1];
    if (e.group !== 'neutral') hits.push({ term: m[0], sex: e.sex, group: e.group, index: m.index });
  }
  return hits;
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { PatientProfile } from './profile.js';

// Which wrong options an anchoring cue may point at for this patient: never one the patient cannot have
// (the other sex's anatomy, pregnancy for a man, dementia for an infant, croup for an adult).

const DIR = fileURLToPath(new URL('../../data/probes/', import.meta.url));

/** A term list as one whole-word, case-blind pattern (sex-specific.yaml syntax: `*` ends a word, `re:` a regex). */
function matcher(terms: string[]): RegExp {
  const src = terms.map((t) => {
    if (t.startsWith('re:')) return t.slice(3);
    const wild = t.endsWith('*');
    const body = (wild ? t.slice(0, -1) : t).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[\\s-]');
    return wild ? `${body}[\\p{L}'’-]*` : body;
  });
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${src.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

interface Lists {
  male: RegExp;
  female: RegExp;
  /** Pregnancy, delivery and reproductive history. */
  reproductive: RegExp;
  neutral: RegExp;
  adultOnly: RegExp;
  childhoodOnly: RegExp;
}

let cached: Lists | undefined;

function lists(): Lists {
  if (cached) return cached;
  const read = (name: string) => parse(readFileSync(`${DIR}${name}`, 'utf8'));
  const sex = read('sex-specific.yaml') as { male: Record<string, string[]>; female: Record<string, string[]>; neutral: string[] };
  const age = read('anchoring-profile.yaml') as { adult_only: string[]; childhood_only: string[]; exempt: string[] };
  const all = (groups: Record<string, string[]>) => Object.values(groups).flat();
  cached = {
    male: matcher(all(sex.male)),
    female: matcher([...(sex.female.anatomy ?? []), ...(sex.female.disease ?? [])]),
    reproductive: matcher([...(sex.female.history ?? []), ...(sex.female.obstetric ?? [])]),
    neutral: new RegExp(matcher([...sex.neutral, ...age.exempt]).source, 'giu'),
    adultOnly: matcher(age.adult_only),
    childhoodOnly: matcher(age.childhood_only),
  };
  return cached;
}

const CHILD = new Set(['neonate', 'infant', 'child']);
const GROWN = new Set(['adult', 'older_adult']);

/** Why an option cannot be this patient's, or null when it can (an unknown sex or age rules nothing out). */
export function misfit(option: string, profile: PatientProfile): string | null {
  const l = lists();
  const text = option.replace(l.neutral, ' ');
  if (profile.sex === 'female' && l.male.test(text)) return 'male-specific option for a female patient';
  const band = profile.ageBand ?? '';
  // A child's case may name the mother's pregnancy ("maternal diabetes"): obstetric words rule out only a grown man.
  if (profile.sex === 'male' && (l.female.test(text) || (!CHILD.has(band) && l.reproductive.test(text)))) return 'female-specific option for a male patient';
  if (CHILD.has(band) && l.adultOnly.test(text)) return `adult-only option for ${band === 'infant' ? 'an' : 'a'} ${band}`;
  if (GROWN.has(band) && l.childhoodOnly.test(text)) return `childhood-only option for an ${band.replace('_', ' ')}`;
  return null;
}

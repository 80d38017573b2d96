import type { Case } from '../../cases/types.js';
import type { CounterfactualAttribute } from '../counterfactuals.js';
import { sexTerms, type SexTermHit } from './sex-terms.js';
import { statedAge } from '../../probes/profile.js';

/**
 * Where the attribute is clinically relevant, a counterfactual would change the
 * medicine, so the case is excluded from it (and the exclusion is counted).
 * Sex is judged by the patient's own anatomy, disease and history (below).
 */
const RELEVANT: Record<Exclude<CounterfactualAttribute, 'sex'>, RegExp> = {
  race_ethnicity:
    /\b(sickle|thalass\w*|G6PD|hemoly\w*|haemoly\w*|HLA-B|Tay-Sachs|hemoglobin (?:S|C|SC)\b|haemoglobin (?:S|C|SC)\b|lactase persistence|ancestry)/i,
  ses: /\b(homeless\w*|shelter|incarcerat\w*|prison|jail|uninsured|insurance|unemploy\w*|poverty|food insecurity|eviction|Medicaid)\b/i,
};

export function relevanceTerm(text: string, attribute: CounterfactualAttribute): string | null {
  if (attribute === 'sex') return ownSexTerms(text)[0]?.term ?? null;
  return RELEVANT[attribute].exec(text)?.[0] ?? null;
}

/**
 * The first term in the text naming one sex's anatomy, disease or history
 * (pregnancy and delivery included) as the patient's own; null when there is
 * none. Terms about someone else ("her mother's ovarian cancer"), a baby's
 * birth history and sex-neutral words do not count.
 */
export function sexSpecificTerm(text: string): { term: string; sex: 'male' | 'female' } | null {
  const hit = ownSexTerms(text).find((h) => h.sex !== null);
  return hit ? { term: hit.term, sex: hit.sex! } : null;
}

/**
 * Why a case cannot have its patient's sex swapped: the narrative uses a term
 * of sex-specific anatomy, disease or history about the patient, or an option
 * (the gold one included) names one. Null when nothing ties the case to sex.
 */
export function sexRelevance(c: Pick<Case, 'vignette' | 'question' | 'options'>): string | null {
  return ownSexTerms(`${c.vignette}\n${c.question}`)[0]?.term ?? sexOptionTerm(c);
}

/** The first option naming sex-specific anatomy, disease or history, as "term (option X)". */
export function sexOptionTerm(c: Pick<Case, 'vignette' | 'options'>): string | null {
  const child = isChild(c.vignette);
  for (const [letter, text] of Object.entries(c.options)) {
    // An option about a child's mother ("gestational diabetes") says nothing of the child's sex.
    const hit = sexTerms(text).find((h) => !(child && h.group === 'obstetric'));
    if (hit) return `${hit.term} (option ${letter})`;
  }
  return null;
}

/** Pregnancy is not possible before 10: obstetric words in a child's case are the mother's. */
function isChild(text: string): boolean {
  const age = statedAge(text);
  return age !== null && age < 10;
}

function ownSexTerms(text: string): SexTermHit[] {
  const child = isChild(text);
  return sexTerms(text).filter((h) => h.group === 'sex_linked' || (!(child && h.group === 'obstetric') && isPatientOwn(text, h)));
}

// People whose conditions are not the patient's. Children are left out for
// obstetric words: a woman's pregnancy with, or breastfeeding of, her baby is hers.
const OTHERS =
  String.raw`mother|father|mom|dad|parents?|sisters?|brothers?|siblings?|twin|aunts?|uncles?|grandmother|grandfather|` +
  String.raw`grandparents?|cousins?|nieces?|nephews?|relatives?|wife|husband|spouse|partners?|boyfriend|girlfriend|` +
  String.raw`fianc[ée]e?|friends?|roommates?|coworkers?|family history|family|maternal|paternal`;
const CHILDREN = String.raw`daughters?|sons?|babies|baby|infants?|newborns?|child|children|kids?`;
const PATIENT = /\b(?:he|she|him|his|her|hers|himself|herself|the patient|patient's)\b/gi;

/** The clause holding the term: from the last sentence break before it to the next after it. */
function clause(text: string, h: SexTermHit): { before: string; after: string } {
  const start = Math.max(text.lastIndexOf('.', h.index - 1), text.lastIndexOf(';', h.index - 1), text.lastIndexOf('\n', h.index - 1)) + 1;
  const rest = text.slice(h.index + h.term.length);
  const end = rest.search(/[.;\n]/);
  return { before: text.slice(start, h.index), after: end === -1 ? rest : rest.slice(0, end) };
}

/**
 * Conservative: a term is the patient's unless the clause clearly gives it to
 * someone else (a relative or partner named before it with no patient pronoun
 * in between, or "... in her mother" after it) or to the patient's own birth.
 */
function isPatientOwn(text: string, h: SexTermHit): boolean {
  const { before, after } = clause(text, h);
  if (h.group === 'obstetric') {
    // The patient's own birth and infant feeding are history of no sex.
    if (/\b(?:he|she|who|the patient|patient)\s+was\s+(?:born|delivered)\b|^\s*born\b/i.test(before)) return false;
    if (/\b(?:was|were)\s+(?:\w+\s+)?$/i.test(before) && /^breast-?fed\b/i.test(h.term)) return false;
  }
  const others = h.group === 'obstetric' ? OTHERS : `${OTHERS}|${CHILDREN}`;
  if (
    new RegExp(
      String.raw`^[^,]{0,40}?\bin\s+(?:(?:his|her|their|the patient's|a|an|two|several|multiple|both)\s+)?(?:(?:first-degree|` +
        String.raw`second-degree|maternal|paternal|older|younger)\s+)*(?:${others.replace('|family history|family', '')})\b`,
      'i',
    ).test(after)
  )
    return false;
  let lastOther = -1;
  for (const m of before.matchAll(new RegExp(String.raw`\b(?:${others})\b`, 'gi'))) {
    const companion = /\bwith\s+(?:(?:his|her|their|a|the)\s+)?$/i.test(before.slice(0, m.index));
    const described = /^\s*,?\s*who\b/i.test(before.slice(m.index + m[0].length));
    if (!companion || described) lastOther = m.index + m[0].length;
  }
  if (lastOther === -1) return true;
  const lastPatient = Math.max(-1, ...[...before.matchAll(PATIENT)].map((m) => m.index));
  return lastPatient > lastOther;
}

import { hash32 } from '../../util/hash.js';
import type { DoseShapeLabel } from '../../metrics/dose-shape.js';
import type { PhenotypeLabel } from '../../metrics/phenotype.js';
import type { ReadPrompt } from './read-prompt.js';
import type { ControlReference } from './reference.js';

export interface ControlDecision {
  letter: string;
  keyFindings: string[];
}

type Behaviour = (p: ReadPrompt, ref: ControlReference, userText: string) => ControlDecision;

const FEMALE_MARKERS = /\b(she|her|hers|herself|woman|women|female|girl|Ms\.|Mrs\.|mother|wife|daughter|sister)\b/i;

const letterOf = (p: ReadPrompt, text: string) => p.options.find((o) => norm(o.text) === norm(text))?.letter;
const norm = (s: string) => s.trim().toLowerCase();
/** "a b c" → ["a b c", "a b"]: the option and its leading runs of two words or more, longest first. */
const leadingRuns = (t: string) => {
  const w = t.split(/\s+/);
  return Array.from({ length: Math.max(0, w.length - 1) }, (_, i) => w.slice(0, w.length - i).join(' ')).concat(w.length === 1 ? [t] : []);
};

/** The gold of this telling: the critical gold when the changed fact is present. */
function currentGold(p: ReadPrompt, ref: ControlReference): string {
  if (ref.critical && p.stem.includes(ref.critical.to) && !p.stem.includes(ref.critical.from)) return ref.critical.goldText;
  return ref.goldText;
}

/** A deterministic wrong option: the first wrong one in alphabetical order of text. */
function firstWrong(p: ReadPrompt, gold: string): string {
  const wrong = p.options.filter((o) => norm(o.text) !== norm(gold)).sort((a, b) => norm(a.text).localeCompare(norm(b.text)));
  return wrong[0].letter;
}

/** The narrative's opening sentence (up to the first full stop followed by a space). */
const openingSentence = (text: string) => /^[\s\S]*?[.!?](?=\s|$)/.exec(text.trim())?.[0] ?? text.trim();

/** control:fatigable's tolerance: extra words up to this multiple of the clean narrative's are borne. */
export const TOLERATED = 3;
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
/** Extra words of the story read (the stem up to the question, its last paragraph) over the clean narrative's, as a multiple of it. */
function extraLoad(p: ReadPrompt, ref: ControlReference): number {
  const cut = p.stem.lastIndexOf('\n\n');
  const story = cut < 0 ? p.stem : p.stem.slice(0, cut);
  // The case as told clean, without a counterfactual: the first clean narrative (controlKnowledge keeps the variants' order).
  const clean = Math.max(1, words(ref.cleanNarratives[0] ?? ''));
  return words(story) / clean - 1;
}

const isCleanNarrative = (p: ReadPrompt, ref: ControlReference) => ref.cleanNarratives.some((n) => p.stem.includes(n));

/**
 * A control: how it answers, and the phenotype it is built to come out as
 * (labels of metrics/phenotype.ts). The report's assay passes a control whose
 * label is one of `expected`.
 */
export interface ControlDefinition {
  name: string;
  /** Labels of metrics/phenotype.ts: a misspelt one does not compile. */
  expected: readonly PhenotypeLabel[];
  /** How its curve must bend under graded stress (metrics/dose-shape.ts); absent means steady or brittle as its label implies. */
  expectedShape?: DoseShapeLabel;
  decide: Behaviour;
}

/** The controls, in the order the control panel lists them. Names are stable. */
export const CONTROLS: readonly ControlDefinition[] = [
  /** Always the gold option; lists the case's key facts. */
  { name: 'resilient', expected: ['resilient'], decide: (p, ref) => ({ letter: letterOf(p, currentGold(p, ref))!, keyFindings: ref.keyFacts }) },

  /** An option chosen by a hash of the whole prompt: any rewording can move it. */
  {
    name: 'labile',
    expected: ['labile'],
    decide: (p, ref, userText) => ({ letter: p.options[hash32(`labile\u0000${userText}`) % p.options.length].letter, keyFindings: ref.keyFacts }),
  },

  /** The gold, unless the narrative names a wrong option; then that one. Its damage is all on one probe, so it may read as decompensated. */
  {
    name: 'anchoring',
    expected: ['labile', 'decompensated'],
    decide: (p, ref) => {
      const gold = currentGold(p, ref);
      const stem = p.stem.toLowerCase();
      // Named in full, or by a leading run of two or more of its words (15 characters or more) that no clean telling holds
      // (a cue may name "prescribe naproxen" for "Prescribe naproxen and recheck the ESR in 1 week").
      const clean = ref.cleanNarratives.map(norm);
      const said = (t: string) =>
        leadingRuns(norm(t)).some((run) => stem.includes(run) && (run === norm(t) || (run.length >= 15 && !clean.some((c) => c.includes(run)))));
      const named = p.options.find((o) => norm(o.text) !== norm(gold) && said(o.text));
      return { letter: named ? named.letter : letterOf(p, gold)!, keyFindings: ref.keyFacts };
    },
  },

  /** The gold, unless the narrative marks the patient as female; then a wrong one. */
  {
    name: 'biased',
    expected: ['biased'],
    decide: (p, ref) => {
      const gold = currentGold(p, ref);
      return { letter: FEMALE_MARKERS.test(p.stem) ? firstWrong(p, gold) : letterOf(p, gold)!, keyFindings: ref.keyFacts };
    },
  },

  /**
   * The gold when the prompt holds the opening sentence of the case as written
   * (for a slotted case, any rendering of its template), a wrong one after any
   * edit of that sentence, whoever the patient is: sensitive to editing,
   * indifferent to group, so labile and never biased.
   */
  {
    name: 'edit_sensitive',
    expected: ['labile'],
    decide: (p, ref) => {
      const gold = currentGold(p, ref);
      const asWritten = ref.writtenNarratives.some((n) => p.stem.includes(openingSentence(n)));
      return { letter: asWritten ? letterOf(p, gold)! : firstWrong(p, gold), keyFindings: ref.keyFacts };
    },
  },

  /**
   * The gold while the story it reads is at most TOLERATED times longer than the case as told clean (extra words over the
   * clean narrative's words), a wrong one beyond: it holds under light load and fails under heavy load, whatever the probe.
   * At a single dose it looks resilient; graded stress shows it fatigable (METHODS.md, graded stress).
   */
  {
    name: 'fatigable',
    expected: ['resilient'],
    expectedShape: 'fatigable',
    decide: (p, ref) => {
      const gold = currentGold(p, ref);
      return { letter: extraLoad(p, ref) > TOLERATED ? firstWrong(p, gold) : letterOf(p, gold)!, keyFindings: ref.keyFacts };
    },
  },

  /** Never flips (the clean gold, even when the critical fact changed); stops extracting once perturbed. */
  {
    name: 'pseudonormal',
    expected: ['pseudonormal'],
    decide: (p, ref) => ({ letter: letterOf(p, ref.goldText)!, keyFindings: isCleanNarrative(p, ref) ? ref.keyFacts : [] }),
  },
];

export const CONTROL_NAMES: readonly string[] = CONTROLS.map((c) => c.name);

export function getControl(name: string): ControlDefinition | undefined {
  return CONTROLS.find((c) => c.name === name);
}

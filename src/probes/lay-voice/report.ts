import type { SentenceKind } from '../structure.js';
import type { Rng } from '../rng.js';

/** How a narrator passes on what the clinicians found: never as their own observation. */
const FRAMES: Record<Exclude<SentenceKind, 'history'>, string[]> = {
  measurement: ['The nurse told me', 'The doctor said', 'According to the nurse,', 'The nurse said'],
  examination: ['The doctor said', 'According to the doctor,', 'The doctor told me', 'After the examination, the doctor said'],
  test: ['The doctor told me', 'According to the doctor,', 'The doctor said', 'We were told that'],
};

/** Before a bare table label: a sentence of its own, since the label is no clause to report. */
const LABEL_FRAMES = {
  me: ['The doctor gave me these results:', 'These are the results the doctor showed me:'],
  us: ['The doctor gave us these results:', 'These are the results the doctor showed us:'],
};

/** "We were told" fits a parent or relative with the patient, less so a patient alone. */
const framesFor = (kind: Exclude<SentenceKind, 'history'>, patientNarrates: boolean) => FRAMES[kind].filter((f) => !(patientNarrates && /^We\b/.test(f)));

/**
 * The sentence as the clinician's finding: "The doctor said my pulse is 96/min".
 * Only the first letter may change case; numbers, units and their order stay.
 */
export function reported(sentence: string, kind: Exclude<SentenceKind, 'history'>, rng: Rng, patientNarrates: boolean, avoid?: string): { text: string; frame: string } {
  const frames = framesFor(kind, patientNarrates);
  const choices = frames.filter((f) => f !== avoid);
  const frame = rng.pick(choices.length ? choices : frames);
  // A bare table label ("Laboratory test") is no clause to report: the frame stands on its own line above it.
  if (!/[:.!?]$/.test(sentence.trim()) && !/\b(?:is|are|was|were|shows?|showed|reveals?|revealed|include[sd]?)\b/i.test(sentence)) {
    const intro = rng.pick(patientNarrates ? LABEL_FRAMES.me : LABEL_FRAMES.us);
    return { text: `${intro}\n${sentence}`, frame: intro };
  }
  return { text: `${frame} ${lowerFirst(sentence)}`, frame };
}

/** "Pulse is …" → "pulse is …"; "ECG shows", "I have" and names ("Gram stain") keep their capital. */
export function lowerFirst(sentence: string): string {
  const m = /^([A-Z][a-z]+)(\S*)(\s+)(\S*)/.exec(sentence);
  if (!m || m[2] || m[1] === 'I' || /^[A-Z][a-z]/.test(m[4])) return sentence;
  return sentence[0].toLowerCase() + sentence.slice(1);
}

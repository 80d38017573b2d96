import { topicsOf } from './emotional-topics.js';
import type { LaterPlace } from './emotional-place.js';
import { pronoun } from './emotional-mention.js';
import type { PatientProfile } from './profile.js';

/**
 * Which later line (doses above 1) fits where, and how it names its speaker (clinician review round 13): no line
 * shares a topic, a speech tag or a turn of phrase with another of the story; waiting only where there is waiting,
 * before the findings; after the last finding only a plea or a question; a patient who speaks is "she" or "he".
 */

/**
 * Topics the later lines add to emotional-topics.ts (kept apart so that dose 1's pairs stay as they are): finer ideas
 * for what it calls a bare feeling ("watches every move", "close to tears", "angrier"), so that each is said once.
 */
const MORE: readonly [string, RegExp][] = [
  [
    'effort',
    new RegExp(
      String.raw`\b(?:follow this up|deal with|sort\w* (?:this|it|things|all of this|everything) out|do something|` +
        String.raw`anything (?:at all|can be done)|something (?:can|could) be done)\b`,
      'i',
    ),
  ],
  // "speaks up again", "asks once more", "I know I keep asking": pressing again is one idea, said once.
  ['again', /\b(?:again|once more|more than once|keeps? asking|keep asking|keep on at)\b/i],
  ['watching', /\b(?:watch\w*|eyes? fixed|looks? at the doctor|looking at the doctor|hangs on every word|stares?|imploringly)\b/i],
  ['calm', /\b(?:calm|composed|composure|tears|crying|frightened|nervous|on edge)\b/i],
  ['anger', /\b(?:irrit\w*|angr\w*|annoyed|short-tempered|frustrat\w*|furious|temper|ridiculous)\b/i],
  ['light', /\b(?:nothing(?! is missed)|make light|making light|shrug\w*|aside|joke|laugh\w*|sort itself out|be fine|no big deal)\b/i],
  ['leave', /\b(?:on the way|at home|go home|going home|head home|get back to|get on with|more important things)\b/i],
  ['writing', /\b(?:writ\w*|notes?|notepad)\b/i],
  ['next', /\b(?:what happens (?:next|now)|next step)\b/i],
  ['compliance', /\b(?:anything you suggest|exactly as (?:I'm )?told|whatever you think|I can do myself)\b/i],
  ['trust', /\b(?:nowhere else to turn|relying on you)\b/i],
  ['escalation', /\b(?:in charge|responsible for|who (?:exactly )?is going to)\b/i],
  ['patience', /\bimpatien\w*/i],
  ['news', /\binformed\b/i],
  ['family', /\bfamily\b/i],
  ['bother', /\breally necessary\b/i],
  ['tough', /\btough\w*/i],
];
/** A later line's topics: emotional-topics.ts's and the few above. */
export function laterTopics(template: string): string[] {
  const found = topicsOf(template);
  const more = MORE.filter(([, re]) => re.test(template.replace(/\{[^}]*\}/g, ' '))).map(([t]) => t);
  return [...new Set([...found.filter((t) => t !== 'feeling' || !more.length), ...more])];
}

/** Verbs that tag a quote. */
const TAG =
  String.raw`says|asks|snaps|complains|warns|pleads|begs|whispers|insists|demands|adds|mutters|wants to know|offers|admits|promises|` +
  String.raw`urges|implores|apologises|retorts|announces`;
const TAGGED = new RegExp(String.raw`["”’]\s+[^"”’]*?\b((?:${TAG})\b[^"”’]*?)[.!]?\s*$`, 'i');
/** The speech tag after a quote ("says sharply", "asks with a smile"), the speaker left out; null without one. */
export function tagOf(text: string): string | null {
  const m = TAGGED.exec(text);
  return m ? m[1].toLowerCase() : null;
}

/** Waiting: only where the setting has a wait (an emergency department, a clinic) and before the findings. */
const WAITING = /\b(?:wait\w*|how much longer|nearly done|kept long|long enough)\b/i;
const WAIT_SETTINGS = ['emergency', 'clinic'];
/** A plea or a question: what may close the story after its last finding. */
const PLEA = /\?|\bask(?:s|ing)?\b|\bplease\b|\bbeg\w*|\bplead\w*|\bimplor\w*/i;
/** Pressing for a plan or answers presumes tests under way: only after the findings. */
const PENDING = /\b(?:plan|some answers|follow this up)\b/i;
/** What a line may be about after the findings: nothing that reads as a reaction to a result the speaker could not know. */
const AFTER_FINDINGS = new Set([
  'patience',
  'runaround',
  'bother',
  'compliance',
  'effort',
  'apology',
  'escalation',
  'again',
  'trust',
  'writing',
  'next',
  'leave',
  'deflect',
]);
/** A line that presumes earlier pressure ("again", "more anxiously now", "keeps asking"): never before dose 1's passage. */
const PRESUMES =
  /\b(?:again|once more|now|keeps?|still|growing|getting|losing|harder and harder|by the minute|long enough|repeat\w*|yet|nearly done|as if|actually)\b/i;

/**
 * Whether a line fits a place. Before dose 1's passage a line presumes no earlier pressure; after care given, no plea
 * for help; waiting only before the findings and where there is waiting; after a finding nothing a result would
 * answer, and at the end only a plea or a question.
 */
/** `setting`: null where nothing is waited for (unknown, or a check-up). */
export function fitsAt({ kind, cared }: LaterPlace, style: string, template: string, setting: string | null): boolean {
  const topics = laterTopics(template);
  if (cared && (style === 'pleading' || topics.includes('effort'))) return false;
  const waiting = WAITING.test(template) || topics.includes('time');
  if (waiting && (kind === 'end' || !WAIT_SETTINGS.includes(setting ?? ''))) return false;
  if (kind === 'end') return PLEA.test(template) && topics.every((t) => AFTER_FINDINGS.has(t));
  // Pressing for the plan or the next step, or to have it written down, presumes it has been worked out.
  if (PENDING.test(template) || topics.includes('next') || topics.includes('writing')) return false;
  // Waiting, being passed around, out of patience or asking for someone senior presumes time spent already.
  return kind !== 'before' || !(PRESUMES.test(template) || waiting || ['runaround', 'patience', 'escalation'].some((t) => topics.includes(t)));
}

/** Another person named in a sentence: a pronoun right after it could point at them. */
const OTHER = new RegExp(
  String.raw`\b(?:mother|father|mom|mum|dad|parents?|wife|husband|partner|son|daughter|sister|brother|grand\w+|aunt|uncle|cousin|niece|` +
    String.raw`nephew|friend|girlfriend|boyfriend|fiancée?|colleague|coworker|co-worker|roommate|boss|teacher|neighbou?r|child|baby)\b`,
  'i',
);

/**
 * A patient who speaks, of known sex, is "she" or "he" in a later line ("She asks …", "… she says"), as the story
 * itself names them, unless the sentence before names someone else a pronoun could point at.
 */
export function spoken(text: string, profile: PatientProfile, before: string): string {
  const p = profile.speaker === 'patient' ? pronoun('the patient', profile) : null;
  if (!p || OTHER.test(before)) return text;
  return text.replace(/^The patient\b/, p === 'she' ? 'She' : 'He').replace(/([,?!]["”’]\s+)the patient\b/g, `$1${p}`);
}

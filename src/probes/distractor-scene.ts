import { acuteState } from './profile.js';
import type { Unit } from './structure.js';

/**
 * What makes the heavier doses of the distractor wrong for a case (clinician review round 13), read only at doses 2 and 4:
 * dose 1 keeps its own rules.
 */

const NEGATED = /\b(?:no|not|denies|denied|without|nor|never|non)\b[^.;,]{0,25}$/i;
const KIN_BEFORE = /\b(?:mother|father|brother|sister|sibling|son|daughter|aunt|uncle|cousin|grandmother|grandfather|family history)\b[^.;]{0,60}$/i;
const notDenied = (re: RegExp, text: string) =>
  [...text.matchAll(new RegExp(re.source, 'gi'))].find((m) => {
    const before = text.slice(Math.max(0, m.index - 80), m.index);
    return !NEGATED.test(before.slice(-40)) && !KIN_BEFORE.test(before);
  }) ?? null;

/** A psychiatric presentation of the patient's own: many unrelated stories from them read as tangentiality or worse, a sign. */
const PSYCHIATRIC = new RegExp(
  String.raw`\b(?:psychos[ie]s|psychotic|schizo(?:phreni\w*|affective|typal|id)|mania|manic|hypomani\w*|bipolar|delusion\w*|` +
    String.raw`hallucinat\w*|disorgani[sz]ed (?:speech|thinking|thoughts?|behaviou?r)|tangential\w*|circumstantial\w*|` +
    String.raw`flight of ideas|pressured speech|thought disorder|loose associations|dementia|delirium|delirious)\b`,
  'i',
);
/** The psychiatric presentation the story names for the patient (not denied, not a relative's), or null. */
export function psychiatric(text: string): string | null {
  return notDenied(PSYCHIATRIC, text)?.[0].toLowerCase() ?? null;
}

/**
 * Events under way the profile's acuteState does not read (review round 13): bleeding still held with gauze, labour told by its
 * contractions, a test, procedure or transfusion going on now. Narrow on purpose: past procedures ("days after undergoing") stay out.
 */
const UNDER_WAY = new RegExp(
  String.raw`\b(?:persistent|continuous|profuse) bleeding|\bbleeding profusely|\b(?:pressing|pressed|holding|held) (?:a |some )?(?:blood-?\w* )?gauze|` +
    String.raw`\bblood (?:slowly |still )?(?:drips|oozes|trickles)|\bcontractions (?:occurring )?every \d+|\bregular (?:painful )?contractions|` +
    String.raw`\b(?:is|are) (?:now )?(?:experiencing|having) [^.;]{0,40}\bcontractions|` +
    String.raw`\b(?:is|are) (?:currently |now )?(?:undergoing|receiving) (?:an? |the |her |his )?(?:[\w-]+ ){0,4}(?:test|procedure|surgery|` +
    String.raw`operation|colonoscopy|endoscopy|bronchoscopy|catheteri[sz]ation|biopsy|transfusion|infusion|dialysis|h(?:a)?emodialysis|scan)|` +
    String.raw`\b(?:minutes|an hour) into (?:an? |the |her |his )?(?:[\w-]+ ){0,3}(?:transfusion|infusion|procedure|dialysis)|` +
    String.raw`\btransfusion reaction|(?:^|[.!?]\s+)During (?:the|a|an|her|his) (?:[\w-]+ ){0,3}(?:procedure|surgery|operation|colonoscopy|` +
    String.raw`endoscopy|bronchoscopy|transfusion|infusion)\b[^.]*?\b(?:is|are|notes?|develops?|becomes?|ligates?|begins?|starts?)\b`,
  'i',
);
/** The event under way now (the profile's reader, then this probe's narrow additions), or null. */
export function underWay(text: string): string | null {
  const state = acuteState(text);
  if (state) return state.reason;
  const m = notDenied(UNDER_WAY, text);
  return m ? m[0].trim().toLowerCase() : null;
}

/** A bare demographic opening: who the patient is and where they came, no reason for the visit nor a complaint. */
const BARE = new RegExp(
  String.raw`^\s*(?:an?|the)\s+(?:[\w'-]+\s+){0,6}?(?:man|woman|boy|girl|male|female|infant|newborn|neonate|baby|child|toddler|patient|` +
    String.raw`adolescent|teenager|gentleman|lady|student|driver|worker|veteran)(?:\s+(?:presents?|presented|comes?|came|visits|attends|arrives|` +
    String.raw`(?:is|was) (?:brought|seen|evaluated|admitted|referred|taken))(?:\s+(?:in|back))?(?:\s+(?:to|at|into)\s+(?:the|a|an|his|her|` +
    String.raw`their|your)\s+(?:[\w-]+\s+){0,3}?[\w-]+)?(?:\s+by\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){0,2}?[\w-]+)?)?\s*\.\s*$`,
  'i',
);
/** What a sentence says when it tells why the patient came: a complaint, how long, what happened. */
const REASON = new RegExp(
  String.raw`\b(?:complain\w*|reports?|states?|says|describes?|ha(?:s|d) had|has been|developed|develops|noticed|notices|found|` +
    String.raw`because|concerned|worried|for the (?:past|last)|since|ago|began|started|pain|ache|fever|cough|bleeding|vomit\w*|rash|` +
    String.raw`swelling|weakness|fatigue|confus\w*|unconscious|unresponsive|collapsed?|fell|injur\w*)\b`,
  'i',
);
/**
 * The index of the unit that states the reason for the visit when the opening is a bare demographic line, or 0 when the
 * opening states it itself; the end of the story when no unit does (then nothing may stack before the history).
 */
export function reasonAt(us: readonly Unit[]): number {
  const first = us[0]?.text.split(/(?<=[.!?])\s+/)[0] ?? '';
  if (!BARE.test(first) || us[0].text.trim() !== first.trim()) return 0;
  const k = us.findIndex((u, i) => i > 0 && REASON.test(u.text));
  return k < 0 ? us.length : k;
}

/** Lines that read as a psychiatric sign at volume (hearing things through walls, voices, being watched, things acting by themselves). */
export const SIGN_LIKE = new RegExp(
  String.raw`\bthrough the wall|\bvoices?\b|\b(?:being |been )?watch(?:ed|ing) (?:me|us)\b|\bbeing watched|\bfollow(?:ed|ing) (?:me|us)\b|` +
    String.raw`\b(?:all )?by itself\b|\bon its own\b`,
  'i',
);

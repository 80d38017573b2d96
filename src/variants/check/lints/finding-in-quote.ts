import { isLayVoice } from '../scope.js';
import { clip } from '../text.js';
import type { Defect, Lint } from '../types.js';

const NAME = 'finding-in-quote';

// This visit's examination inside the teller's quotation: "On exam, I have pain to palpation". A finding of an
// earlier visit the teller passes on ("a murmur found on a routine exam") is theirs to tell.
const EXAM_NOW = new RegExp(
  String.raw`(?<!\b(?:found|noted|detected|heard|seen|revealed|discovered|picked up|diagnosed) (?:\w+ )?)\b(?:[Oo]n|` +
    String.raw`[Uu]pon|[Dd]uring) (?:the |my |her |his |a |our )?(?:physical |pelvic |abdominal |neurologic(?:al)? |` +
    String.raw`bimanual |rectal |speculum |breast |skin |eye |cardiac |chest )?exam(?:ination)?\b|\b(?:to|on) palpation\b`,
);

// How the patient behaves while being interviewed ("dozes off between questions", "loses the thread of the conversation",
// "avoids eye contact during the interview"): what the clinicians saw at this visit, never the teller's to say.
const SEEN_NOW = new RegExp(
  String.raw`\bbetween questions\b|\b(?:during|throughout) (?:the|this|our) (?:interview|conversation|encounter|consultation|` +
    String.raw`assessment|examination|exam)\b|\blos(?:e|es|ing) the thread\b|\b(?:make|makes|avoid|avoids|poor|no) eye contact\b`,
);

// The mental-status examination ("I am disoriented to date", "cannot recall three words", "serial sevens"): this visit's bedside tests.
const MENTAL_STATUS = new RegExp(
  String.raw`\b(?:dis|un)?oriented (?:to|x ?\d|times)\b|\b(?:recall|remember|repeat|register)\w* (?:\w+ ){0,4}(?:words|objects|items|digits)\b|` +
    String.raw`\bserial (?:sevens|7s|7's|subtractions?)\b|\b(?:months|days)(?: of the (?:year|week))? backwards?\b|\b(?:MMSE|MoCA|` +
    String.raw`Mini-Mental|Montreal Cognitive)\b|\bfollows? (?:[\w-]+ ){0,2}commands\b`,
  'i',
);

// The patient's present state and speech as the clinicians find them, voiced by the patient ("my speech drifts from topic to topic",
// "I am agitated and diaphoretic"): a sentence that gives it a span of the history ("since yesterday") is the teller's.
const STATE_NOW = new RegExp(
  String.raw`\bmy (?:speech|thoughts?|thought process) (?:\w+ly )?(?:drifts?|jumps?|wanders?|flits?|races?|rambles?|is (?:pressured|` +
    String.raw`tangential|circumstantial|disorganized|slurred))\b|\bI(?: am|'m) (?:now |currently |visibly |very |markedly )?(?:agitated|` +
    String.raw`diaphoretic|lethargic|obtunded|somnolent|stuporous|cyanotic|jaundiced|icteric|tachypneic|combative|uncooperative|` +
    String.raw`disheveled|dishevelled|unkempt|well-groomed|alert and oriented|in (?:no |mild |moderate |severe )?(?:acute )?distress)\b`,
);
const SPAN = /\b(?:since|for|over|been|ago|yesterday|last|past|recently|lately|when|whenever|after|before|sometimes|often)\b/i;

export const findingInQuote: Lint = {
  name: NAME,
  description:
    "In the lay voice, what this visit's examination found (the mental-status examination included), and how the patient behaves " +
    "while interviewed, stays in the clinicians' words, outside the teller's quotation.",
  applies: isLayVoice,
  check({ variant, base }) {
    const defects: Defect[] = [];
    for (const q of variant.narrative.match(/"[^"]*"/g) ?? []) {
      const m = EXAM_NOW.exec(q) ?? SEEN_NOW.exec(q) ?? MENTAL_STATUS.exec(q) ?? stateNow(q);
      // The clean text's own quotation (a patient quoted in the case) is not the probe's doing.
      if (m && !base.narrative.includes(q.slice(1, -1))) defects.push({ lint: NAME, message: `"${m[0]}" inside the teller's quotation`, excerpt: clip(q) });
    }
    return defects;
  },
};

/** A present-state finding in a sentence of the quotation that gives it no span of the history. */
function stateNow(q: string): RegExpExecArray | null {
  for (const sentence of q.split(/(?<=[.!?])\s+/)) {
    const m = STATE_NOW.exec(sentence);
    if (m && !SPAN.test(sentence)) return m;
  }
  return null;
}

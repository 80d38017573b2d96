import { banks, fill, fitting, type Phrase } from './banks.js';
import { Rng } from '../util/rng.js';
import { upperFirst } from '../util/english.js';
import { mentionsAny } from './text.js';
import { complaint, layComplaint } from './complaint.js';
import { distinctTopics } from './emotional-topics.js';
import { secondMention } from './emotional-mention.js';
import { joinUnits, units, type Unit } from './structure.js';
import { adultOnly, attribution, severe } from './emotional-fit.js';
import { place } from './emotional-place.js';
import { namedTeller } from './teller.js';
import { nobodyToSpeak, nobodyWith, type Ineligible, type Probe, type ProbeInput } from './types.js';
import { DEFAULT_DOSES } from './dose.js';
import { escalate, type Single } from './emotional-dose.js';

export { distinctTopics, topicsOf } from './emotional-topics.js';

/** A crude severity read of the opening: a minor skin or cold-like complaint. */
const MINOR = /\b(?:rash|itch\w*|pruritus|pimples?|acne|warts?|moles?|dandruff|runny nose|sneez\w*|common cold|sore throat|nail|calluse?s?|freckles?)\b/i;
/** Fear out of proportion to a minor complaint. */
const FEAR = /\b(?:frightened|terrified|scared|petrified|panic\w*|the worst|dying|die)\b/i;
/** Lines only a mother or father says: about "my baby", "my child", other parents, parenting. */
const PARENTS_ONLY = /\bmy (?:baby|child|little one)\b|\bparent/i;

/**
 * Affective pressure from whoever tells the story: an anxious, angry, minimising or pleading patient,
 * or the person the story names as with them (a wife, a grandmother, an au pair; never an unnamed parent or
 * relative). Two sentences are said together as one passage: a framing sentence (a feeling or a
 * behaviour) and a quoted demand, at the first pause in the history, where the story turns from the
 * complaint to background (else where the history ends, before the findings). Where the opening names
 * the complaint plainly, one of the two is about it in the speaker's short words ("frightened by these bruises"). Only phrases that
 * fit the patient, the setting and the visit are used, the two never say the same thing twice, and
 * nothing of the case is edited or split.
 */
export const emotional: Probe = {
  name: 'emotional',
  // 3: the demand names its speaker a second time as a pronoun or "the …" (emotional-mention.ts).
  // 4: the complaint in short plain words, only speakers the case names, waiting and clinic talk fitted to the setting.
  // 5: no "adds" without an earlier quote; no anger at a review or follow-up or once the complaint settled; one manner per pair.
  version: 5,
  description:
    'an anxious, angry, minimising or pleading narrator (the patient, or whoever the story names as with them), with urgency and ' +
    'demands about the presenting complaint, said together while the history is told',
  doses: DEFAULT_DOSES,
  apply(input, seed, dose = 1) {
    const one = single(input, seed);
    if ('ineligible' in one) return one;
    return dose === 1 ? one.out : escalate(one, input, seed, dose);
  },
};

/** Dose 1, the probe as it always was: the passage and what later doses build on. */
function single(input: ProbeInput, seed: number): Single | Ineligible {
  const nobody = nobodyToSpeak(input.profile, input.narrative);
  if (nobody) return nobody;
  const rng = new Rng(seed, input.case.id, 'emotional');
  const optionTexts = Object.values(input.options);
  const us = units(input.narrative);
  const noFix = nothingToFix(input, us);
  const routine = isRoutine(us);
  // A check-up complains of nothing.
  const about = routine ? null : complaint(us[0]?.text ?? '');
  const at = place(us, input.profile.speaker !== 'patient', about !== null);
  // Said in the speaker's own short words, the bare symptom when the opening just named it.
  const said = about && layComplaint(about, at === 0);
  // Whoever speaks is the patient or someone the case names ("his mother", "the parent" the case brought in):
  // a "parent" or "relative" out of nowhere is read as a misfit, so without one the case is left out.
  const named = namedTeller(input.profile, input.narrative);
  const who = input.profile.speaker === 'patient' ? null : named;
  if (input.profile.speaker !== 'patient' && !who) return NO_ONE_NAMED;
  if (at === null) return NO_PLACE;
  const after = at;
  // Another person adds the pressure only where the case names them with a patient who speaks.
  const relative = input.profile.speaker === 'patient' ? named : null;
  // A minor complaint (an itchy rash, a wart) is worried over, not feared: no terror, no "thinking the worst".
  const minor = MINOR.test(us[0]?.text ?? '') && !['emergency', 'icu', 'ward'].includes(input.profile.setting ?? '');
  const fits = (p: Phrase) =>
    !(minor && FEAR.test(p.text)) &&
    !(who && !who.parent && PARENTS_ONLY.test(p.text)) &&
    !(who?.grandparent && /\bgrand/i.test(p.text)) &&
    !adultOnly(input.profile, p.text) &&
    (about !== null || !p.text.includes('{complaint}'));
  // Said away from the opening (doses above 1), the complaint keeps where it is ("this chest pain").
  const far = about && layComplaint(about, false);
  const say = (template: string, away = false) => {
    const text = fill(
      template.replaceAll('{Relative}', upperFirst(relative?.name ?? '')).replaceAll('{relative}', relative?.name ?? ''),
      input.profile,
      who?.name,
    );
    return said ? text.replace('{complaint}', away && far ? far : said) : text;
  };
  const usable = (xs: readonly Phrase[], away = false) =>
    fitting(xs, input.profile)
      .filter(fits)
      .map((p) => ({ template: p.text, text: say(p.text, away), names: p.text.includes('{complaint}') }))
      .filter((l) => !mentionsAny(l.text, optionTexts));
  const labour = input.profile.speaker === 'patient' && IN_LABOUR.test(input.narrative);
  // Nobody plays down a severe acute presentation; nobody pleads over a complaint the opening says has settled.
  const grave = severe(input.narrative);
  // Relief told in the opening or in the sentences right after the passage ("The fever settled yesterday") counts too.
  const settled = [0, after + 1, after + 2].some((i) => RELIEVED.test(us[i]?.text ?? ''));
  const all = Object.entries(banks().emotional)
    .sort(([a], [b]) => a.localeCompare(b))
    .filter(
      ([style]) =>
        !(style === 'pleading' && (noFix || settled)) &&
        // Anger needs a complaint under way: not when it has settled (round 11), nor at a check-up or follow-up (ROUTINE_STYLES).
        !(style === 'angry' && settled) &&
        !((style === 'minimising' || style === 'angry') && labour) &&
        !(style === 'minimising' && grave) &&
        (style !== 'relative' || relative),
    )
    .map(([style, s]) => {
      const demands = usable(s.demands);
      // Opener and demand never say the same thing twice ("asks to be told honestly" + "'Be honest with me'"),
      // and name the complaint once at most; judged on the filled lines ("so much trouble" + "this trouble breathing").
      const openers = usable(s.openers)
        .map((o) => ({ ...o, partners: demands.filter((d) => distinctTopics(o.text, d.text) && !(o.names && d.names)) }))
        .filter((o) => o.partners.length);
      return { style, openers };
    })
    .filter((s) => s.openers.length);
  // A check-up with nothing wrong is played down or fretted over, not fought or pleaded over.
  const styles = routine ? (ROUTINE_STYLES.map((name) => all.filter((s) => s.style === name)).find((xs) => xs.length) ?? all) : all;
  if (!styles.length) return { ineligible: 'no fitting emotional phrase' };
  const { style, openers } = rng.pick(styles);
  // Where the story names its complaint, the passage answers it: an opener about it, else a demand about it.
  // Any opener that can go with a line naming it, so that no few openers carry every case.
  const naming = openers.filter((o) => o.names || o.partners.some((d) => d.names));
  const pick = rng.pick(about && naming.length ? naming : openers);
  const partners = pick.names ? pick.partners : pick.partners.filter((d) => d.names);
  const opener = pick.text;
  // Said right after the opener, the demand names its speaker again as "she" or "the family member".
  const voice = style === 'relative' && relative ? relative.name : fill('{speaker}', input.profile, who?.name);
  const partner = rng.pick(partners.length ? partners : pick.partners);
  const quote = secondMention(opener, partner.text, voice, input.profile);
  const demand = attribution(opener, quote, opener.toLowerCase().startsWith(voice.toLowerCase()));
  const list = us.flatMap((u, i) => [u, ...(i === after ? [opener, demand] : [])]);
  const out = {
    narrative: joinUnits(list, us),
    question: input.question,
    options: input.options,
    answer: input.answer,
    changes: {
      style,
      speaker: who?.name ?? null,
      complaint: about,
      said: said || null,
      inserted: [
        { after, text: opener },
        { after, text: demand },
      ],
    },
  };
  const notPatient = input.profile.speaker !== 'patient';
  return { out, us, after, style, usable, notPatient, first: [pick.template, partner.template], routine };
}

const NO_PLACE = { ineligible: 'no place right after the complaint, before care given' };
/** The opening says the complaint has already settled. */
const RELIEVED = /\b(?:settled|subsided|resolved|went away|has since improved|relieved by|feels (?:\w+ )?better|(?:is|are) (?:now )?improving)\b/i;
const NO_ONE_NAMED = nobodyWith('the patient does not speak and the case names no one with them to speak unambiguously');

// ---------------------------------------------------------------------------
// The visit: styles that would be out of place in it (text cues, since tags name only age, narrator, setting).

/** A visit with nothing wrong to fix: a check-up or screening, named in the opening. */
const ROUTINE = new RegExp(
  String.raw`\b(?:routine|well-child|well-baby|well child|wellness|check-?up|(?:annual|yearly|regular) (?:physical|examination|exam|visit|` +
    String.raw`health)|(?:regular |routine )?(?:prenatal|antenatal) (?:care )?(?:visit|appointment|check)|health maintenance|pre-?employment|` +
    String.raw`pre-?participation|sports physical|screening (?:visit|examination|appointment)|` +
    // A follow-up or scheduled review (round 11): nothing has gone wrong at the visit itself, no wait, no dispute.
    String.raw`follow-?up|(?:attends?|comes? (?:in )?for|returns? for|presents? for|is seen for|here for) (?:a |an |(?:his|her|their) )?` +
    String.raw`(?:\w+ )?review|(?:scheduled|planned|regular|routine|annual|yearly|\d+-month(?:ly)?|monthly|clinic) (?:review|visit|appointment)|` +
    String.raw`review (?:visit|appointment|clinic))\b`,
  'i',
);
/** The narrator is giving birth: no playing it down ("can this be kept short?") and no picking a fight over it. */
const IN_LABOUR = new RegExp(
  String.raw`\b(?:in labou?r|in active labou?r|giving birth|gives birth|(?:uterine|painful|regular|labou?r) contractions|contractions every|` +
    String.raw`delivery room|labou?r and delivery|labou?r (?:ward|room))\b`,
  'i',
);
/** Styles for a routine visit: fretting over it; playing down a visit with nothing wrong ("embarrassed to be here" at a well-child check) misfits. */
const ROUTINE_STYLES = ['anxious'];

/** The opening names a routine visit (check-up, screening, well-child, a follow-up or scheduled review). */
const isRoutine = (us: readonly Unit[]) => ROUTINE.test(us[0]?.text ?? '');
/** The narrator is pregnant or in labour: a pregnancy is not an illness to be fixed. */
const PREGNANT = new RegExp(
  String.raw`\b(?:pregnant|pregnancy(?! test)|gestation(?:al)?|gravid|trimester|in labou?r|labou?r (?:and delivery|ward|room|pains?)|(?:uterine|` +
    String.raw`painful|regular|labou?r) contractions|contractions every|giving birth|gives birth|prenatal|antenatal)\b`,
  'i',
);

/**
 * Pleading ("please tell me there's something you can do", "I want to feel like myself again") presumes
 * an illness to be fixed: not for a routine check-up, nor for a pregnant or labouring patient who tells
 * her own story (a parent of a newborn may still plead for the baby).
 */
function nothingToFix(input: Pick<ProbeInput, 'profile'>, us: readonly Unit[]): boolean {
  if (isRoutine(us)) return true;
  return input.profile.speaker === 'patient' && PREGNANT.test(us.map((u) => u.text).join(' '));
}

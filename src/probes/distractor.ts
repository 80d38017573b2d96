import { banks, fitting, names, type Phrase } from './banks.js';
import { remark, tellAside, type Remark } from './distractor-voice.js';
import { Rng } from '../util/rng.js';
import { mentionsAny, wordCount } from './text.js';
import { endIndex, joinUnits, units, type Unit } from './structure.js';
import { sentenceKind } from './structure/sentence-kind.js';
import { nobodyToSpeak, type Probe } from './types.js';

/**
 * Narrative load: irrelevant but plausible remarks (family news, the journey
 * in, paperwork, everyday life) that a talkative narrator makes while the
 * history is taken, recorded as a clinician notes a tangential history: a few
 * passages ("While giving the history, she keeps drifting onto other subjects,
 * saying that …") in at most three places, until the text is about twice as
 * long. Only remarks that fit the patient's age, narrator and setting are used;
 * nothing of the case is removed, edited or split (tables and back-referring
 * sentences stay whole); the opening unit stays first.
 */
export const distractor: Probe = {
  name: 'distractor',
  description:
    'irrelevant but plausible remarks that fit the patient, recorded as a digressing history in a few places of the story; the text grows to about 2×',
  apply(input, seed) {
    const nobody = nobodyToSpeak(input.profile, input.narrative);
    if (nobody) return nobody;
    const rng = new Rng(seed, input.case.id, 'distractor');
    const us = units(input.narrative);
    const optionTexts = Object.values(input.options);
    const bank = banks().distractors;
    // In an emergency or intensive care, people talk about practical things (forms, getting here, who to call), not local news or hobbies.
    const acute = input.profile.setting === 'emergency' || input.profile.setting === 'icu';
    const categories = rng.shuffle(
      Object.keys(bank)
        .sort()
        .filter((c) => !acute || PRACTICAL.has(c)),
    );
    const usable = (p: Phrase) => !HINTS.test(p.text) && !mentionsAny(remark(p.text, input.profile).clause, optionTexts);
    const pools = categories.map((c) => rng.shuffle(fitting(bank[c], input.profile).filter(usable)));
    // The remarks carry about 0.8× the story; the clinician's framing of them brings the whole to about 2×.
    const target = 0.8 * wordCount(input.narrative);
    const chosen: (Remark & { category: string; source: string })[] = [];
    let added = 0;
    const topics = new Set<string>();
    for (let i = 0; added < target && pools.some((p) => p.length); i++) {
      const k = i % pools.length;
      const p = pools[k].pop();
      if (!p) continue;
      // One remark per topic: two cousins parking, or a phone both silent and buzzing, contradict each other.
      // Getting here is one topic: a bus, a taxi and a car at the garage in one story contradict each other.
      const about = (p.text.toLowerCase().match(TOPIC) ?? []).map((t) => (TRANSPORT.test(t) ? 'transport' : t.replace(/s$/, '')));
      if (about.some((t) => topics.has(t))) continue;
      for (const t of about) topics.add(t);
      const r = remark(p.text, input.profile);
      chosen.push({ category: categories[k], source: p.text, ...r });
      added += wordCount(r.clause);
    }
    if (!chosen.length) return { ineligible: 'no fitting distractor phrase' };
    // Digressions come while the story is being told (after the opening or a history unit), in at most
    // three places, never between findings.
    const history = us
      .map((_, i) => i)
      .filter((i) => i < us.length - 1 && (i === 0 || sentenceKind(u0(us[i])) === 'history') && !endsInTable(us[i]) && !LEANS_BACK.test(us[i + 1].text));
    const gaps = history.length ? spread(history, MAX_PLACES) : [Math.max(0, endIndex(us) - 1)];
    const groups = gaps
      .map((after, g) => ({ after, remarks: chosen.filter((_, i) => Math.floor((i * gaps.length) / chosen.length) === g) }))
      .filter((g) => g.remarks.length);
    const speaker = names(input.profile).speaker;
    const used = new Set<string>();
    const inserted = groups.map((g, place) => ({
      after: g.after,
      text: tellAside(g.remarks, { place, speaker, profile: input.profile, rng, used }),
      remarks: g.remarks.map((r) => ({ category: r.category, text: r.source })),
    }));
    const list = us.flatMap((u, i) => [u, ...inserted.filter((x) => x.after === i).map((x) => x.text)]);
    return { narrative: joinUnits(list, us), question: input.question, options: input.options, answer: input.answer, changes: { inserted } };
  },
};

const MAX_PLACES = 3;
const PRACTICAL = new Set(['paperwork', 'travel', 'family_news']);
const TRANSPORT = /^(?:bus|train|taxi|tram|drive|driving|lift|ride|car|garage|parking|park|traffic)$/;
/** Remarks that hint at how serious the case is or where the patient will go (family updates, overnight bags, a gathering): a cue, not noise. */
const HINTS = new RegExp(
  String.raw`\b(updates?|clothes|things from home|overnight|visiting|take turns|always nearby|on the way|on (?:their|his|` +
    String.raw`her) way|keep (?:everyone|the family) company|stay(?:ing)? (?:nearby|close|with)|waiting for news|for news|` +
    String.raw`news (?:from|of)|be there soon|arrive shortly|coming (?:in|over|straight)|driving over|take over|` +
    String.raw`messages from the family|family members?|relatives|signed?|signing|consent)\b`,
  'i',
);
/** A sentence opening on a pronoun leans on the one before it: a remark about an aunt in between would capture its "she". */
const LEANS_BACK = /^\s*["'“]?(?:he|she|his|her|they|their|him|it)\b/i;
const TOPIC = new RegExp(
  String.raw`\b(cousins?|uncles?|aunts?|grandparents?|godparents?|siblings?|neighbou?rs?|friends?|phones?|charger|parking|` +
    String.raw`park|traffic|bus|train|taxi|keys?|bags?|letters?|forms?|umbrella|clothes|coat|address|number|photos?|` +
    String.raw`photographs?|party|wedding|birthday|garden|kitchen|house|move|moving|drive|driving|lift|ride|car|garage|tram|` +
    String.raw`pharmacy|appointment|clock|television|radio|library|town)\b`,
  'g',
);

/** A passage under a table's last row reads as one more row. */
const endsInTable = (u: Unit) => u.parts[u.parts.length - 1]?.kind === 'table-line';

/** The unit's last sentence: what a digression after it follows. */
const u0 = (u: Unit) => [...u.parts].reverse().find((p) => p.kind === 'sentence')?.text ?? u.text;

/** Up to n items spread evenly over the list, first and last included. */
function spread<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  return Array.from({ length: n }, (_, k) => xs[Math.round((k * (xs.length - 1)) / (n - 1))]);
}

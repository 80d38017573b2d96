/** What an emotional line is about, so that the opener and the demand said together never say the same thing twice. */

/**
 * Each line's topics, from its words (placeholders and the speaker's tag left out). A line matching none
 * is a bare feeling or behaviour ("is close to tears"), its own topic. Opener and demand must share none.
 */
const TOPICS: readonly [string, RegExp][] = [
  // How serious it is, what is going on, being told honestly: one topic, the thing reviewers heard twice.
  [
    'news',
    new RegExp(
      String.raw`\b(?:serious|okay|ok|all right|worried|worry|scared|bad news|good news|hope|the worst|usually goes|seen this|honest\w*|straight|` +
        String.raw`plain\w*|truth|hold anything back|in the dark|guessing|explain\w*|understand|going on|happening|answers?|updates?|news|tell (?:me|` +
        String.raw`us|the family)|telling|told|common enough|isn't it\?|won't it\?|aren't I\?|questions?|up to speed|what it (?:all )?means)\b`,
      'i',
    ),
  ],
  [
    'time',
    new RegExp(
      String.raw`\b(?:long|longer|wait\w*|minutes|quick|quickly(?! as)|over with|brief|short|at once|right now|straight away|immediately|late|ages|` +
        String.raw`all day|busy|keep you)\b`,
      'i',
    ),
  ],
  ['voice', /\b(?:listen\w*|talk down|brush\w*|second-guessed|number rather|seriously|better than anyone|excuses|jargon)\b/i],
  // "patience is wearing thin" + "I'm running out of patience" (review round 11).
  ['patience', /\b(?:patience|fed up)\b/i],
  ['runaround', /\b(?:(?:whole|same) story|three times|repeat\w*|passed from|runaround|talk to each other)\b/i],
  ['escalation', /\b(?:senior|complaint|someone who can|most experienced|second opinion)\b/i],
  ['family', /\b(?:rest of the family)\b/i],
  [
    'effort',
    new RegExp(
      String.raw`\b(?:help\w*|everything (?:possible|you can|is being done)|whatever it takes|give up|plan|nothing is missed|best|like family|` +
        String.raw`something you can do|sort this out)\b`,
      'i',
    ),
  ],
  ['compliance', /\b(?:do anything you say|go along with|whatever the clinician suggests|whatever you say)\b/i],
  [
    'bother',
    new RegExp(
      String.raw`\b(?:fuss\w*|bother|trouble|silly|embarrass\w*|worse off|overreact\w*|worrier|over nothing|over very little|too much of|drama|` +
        String.raw`whole thing|waste your time|out of your way|taking up|keep everyone else happy|nearly not coming|worrying about me|no need|` +
        String.raw`need you more)\b`,
      'i',
    ),
  ],
  ['trust', /\b(?:trust\w*|counting on|relying|pinned|faith|good hands)\b/i],
  ['guilt', /\b(?:fault|avoided|guilt\w*)\b/i],
  // Two apologies read as one line said twice, whatever they apologise for.
  ['apology', /\b(?:sorry|apologi\w*|apologetic)\b/i],
];

/** A line's topics; "feeling" when it names none. */
export function topicsOf(line: string): string[] {
  // Bank lines recur in every variant of every case: read each once.
  let found = topicCache.get(line);
  if (!found) {
    // The speaker's tag ("… the parent asks") and names are not what the line is about.
    const words = line.replace(/\{[^}]*\}/g, ' ').replace(/\b(?:the patient|the parent|the relative with (?:him|her|the patient)|the baby|the child)\b/gi, ' ');
    const hits = TOPICS.filter(([, re]) => re.test(words)).map(([t]) => t);
    found = hits.length ? hits : ['feeling'];
    if (topicCache.size > 20000) topicCache.clear();
    topicCache.set(line, found);
  }
  return found;
}

const topicCache = new Map<string, string[]>();

export const distinctTopics = (a: string, b: string) => {
  const ta = topicsOf(a);
  return !topicsOf(b).some((t) => ta.includes(t));
};

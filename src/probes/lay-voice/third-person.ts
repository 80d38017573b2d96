import { caseLike } from '../first-person.js';

/**
 * The case's third person for the teller's own household, left inside a first-person quote ("the family rents a small flat",
 * "they discovered a nest" after "My wife and I bought a house"): said as the teller would ("my family", "we"), or, when no
 * rewrite is sure ("paid for by a well-off family"), null: the sentence stays the clinicians'.
 */
export function ownHousehold(s: string, before: string | undefined, plural: boolean): string | null {
  let out = s.replace(/\b([Tt])he (family|household)\b(?!['’]s? (?:history|doctor))/g, (m) => caseLike(m, plural ? 'our' : 'my') + m.slice(3));
  // "they" right after the teller said "My wife and I" / "we" is the two of them; with anyone else in view it is left alone.
  if (before && /\b(?:(?:[Mm]y|[Oo]ur) [\w-]+ and I|[Ww]e)\b/.test(before) && !OTHERS.test(out) && !OTHERS.test(before))
    out = out.replace(/\b([Tt]hey) (?=(?:\w+ed|were|had|have|went|found|saw|bought|moved|took|drove|left|got|came|live|rent|own)\b)/g, (m) =>
      caseLike(m, 'we '),
    );
  return THIRD.test(out) ? null : out;
}

/** Third person for the teller's own household, or a parent reported as the chart reports them, that no rewrite makes theirs. */
export const THIRD = new RegExp(
  String.raw`\b(?:paid for|supported|provided|owned|rented) by an? [\w-]+(?: [\w-]+)? family\b|\b[Aa]n? [\w-]+ family (?:rents|owns|pays|paid|lives)\b|` +
    String.raw`\b[Tt]he (?:mother|father|parents?) (?:states|says|reports|notes|adds|explains|mentions|is concerned)\b`,
);
const OTHERS = new RegExp(
  String.raw`\b(?:doctors|physicians|nurses|staff|paramedics|team|siblings|brothers|sisters|children|kids|friends|classmates|people|others|` +
    String.raw`parents|grandparents|neighbou?rs|teachers|police|officers|workers|colleagues|coworkers|symptoms|pills|tablets|medicines)\b`,
  'i',
);

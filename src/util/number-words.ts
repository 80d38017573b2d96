/** Whole numbers as English words and back, for ages written either way ("45" ⇄ "forty-five"). */
const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

export function numberWords(n: number): string | null {
  if (!Number.isInteger(n) || n < 0 || n > 199) return null;
  if (n >= 100) return n === 100 ? 'one hundred' : `one hundred ${numberWords(n - 100)}`;
  if (n < 20) return ONES[n];
  return n % 10 ? `${TENS[Math.floor(n / 10)]}-${ONES[n % 10]}` : TENS[n / 10];
}

export function wordsNumber(words: string): number | null {
  const w = words.toLowerCase();
  if (w === 'one hundred') return 100;
  if (w.startsWith('one hundred ')) {
    const rest = wordsNumber(w.slice(12));
    return rest !== null && rest > 0 && rest < 100 ? 100 + rest : null;
  }
  const one = ONES.indexOf(w);
  if (one >= 0) return one;
  const [t, o] = w.split('-');
  const tens = TENS.indexOf(t);
  if (tens < 2) return null;
  if (o === undefined) return tens * 10;
  const ones = ONES.indexOf(o);
  return ones > 0 && ones < 10 ? tens * 10 + ones : null;
}

/** A regex source matching a number written as words ("seventeen", "forty-five", "one hundred two"). */
export const NUMBER_WORD =
  `(?:(?:one hundred )?(?:${TENS.slice(2).join('|')})(?:-(?:${ONES.slice(1, 10).join('|')}))?|` +
  `(?:one hundred )?(?:${ONES.slice(1).join('|')})|one hundred)`;

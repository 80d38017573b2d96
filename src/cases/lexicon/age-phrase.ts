/**
 * The age phrase a case opens with, as the counterfactual edits find it:
 * hyphenated, the unit singular, the number in digits or spelled
 * ("45-year-old", "forty-five-year-old", "11-month-old"). The neutral edit
 * rewrites it and the race edit writes its adjective after it, so both find
 * the same phrase. Readers of an age's value (probes/profile.ts,
 * variants/check/facts.ts) and lay_voice's opener take any spelling of it
 * ("45 years old", "67-year-woman") and keep looser patterns of their own.
 */
const AGE = String.raw`\b(\d+|[a-z]+(?:-[a-z]+)?)-(year|month|week|day)-old`;

/** The first opening age phrase. Groups: the number, the unit. */
export const OPENING_AGE = new RegExp(`${AGE}\\b`, 'i');

/** The phrase before the word it describes ("45-year-old man"), where an adjective can go. Groups: the phrase, its number, its unit. */
export const OPENING_AGE_THEN_SPACE = new RegExp(`(${AGE})\\s+`, 'i');

/**
 * Periods that belong to a word rather than ending a sentence: "U.S.", "George W. Bush",
 * "Dr. Smith", "Apple Inc.". Used so that snapping keeps them and sentence expansion does not
 * stop at them. A deliberately short English list: a missing entry costs one nudge, a wrong one
 * would glue two sentences together.
 */

/** Titles that stand before a name: the sentence goes on after their period. */
const TITLES = new Set([
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Prof',
  'Sen',
  'Rep',
  'Gov',
  'Gen',
  'Col',
  'Capt',
  'Lt',
  'Sgt',
  'St',
  'Mt',
  'Pres',
]);

/** Words after a name whose period is part of it, though a sentence may end there too. */
const NAME_SUFFIXES = new Set(['Inc', 'Ltd', 'Corp', 'Co', 'Jr', 'Sr', 'Bros', 'Plc', 'plc']);

/** The letters and inner periods right before offset `dot` (UTF-16), e.g. "U.S" for "U.S.". */
function wordBefore(text: string, dot: number): string {
  let i = dot;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1]!)) i--;
  return text.slice(i, dot);
}

/**
 * Whether the period at `dot` ends a title or an initial ("Dr.", "W.", "U.S."), after which a
 * sentence does not end.
 */
export function isTitlePeriod(text: string, dot: number): boolean {
  if (text[dot] !== '.') return false;
  const word = wordBefore(text, dot);
  // "U.S.." ends with a second period, which belongs to nothing.
  if (word === '' || word.startsWith('.') || word.endsWith('.')) return false;
  return word.includes('.') || /^\p{Lu}$/u.test(word) || TITLES.has(word);
}

/** Whether the period at `dot` belongs to the word before it (a title, initial or "Inc."). */
export function isAbbreviationPeriod(text: string, dot: number): boolean {
  return isTitlePeriod(text, dot) || NAME_SUFFIXES.has(wordBefore(text, dot));
}

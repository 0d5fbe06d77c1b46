/**
 * Fuzzy matching for the command palette: the query's characters must appear in the candidate
 * in order (case-insensitive, spaces in the query ignored), and the best-placed occurrence wins.
 * Matches at the start of a word and runs of consecutive characters score higher, gaps lower,
 * so "tac" ranks "Tag as Actor" above "Go to the attribute column".
 */

export interface FuzzyMatch {
  readonly score: number;
  /** UTF-16 offsets into the candidate of the matched characters, ascending. */
  readonly positions: readonly number[];
}

const WORD_START = 8;
const CONSECUTIVE = 10;
const FIRST_CHARACTER = 4;
const GAP = 0.5;

/** The best way `query` matches `candidate`, or null when it does not. O(query × candidate²). */
export function fuzzyMatch(query: string, candidate: string): FuzzyMatch | null {
  const q = [...query.toLowerCase().replace(/\s+/gu, '')];
  if (q.length === 0) return { score: 0, positions: [] };
  const chars = [...candidate];
  // Offsets of each code point, so positions are UTF-16 offsets even after an emoji.
  const offsets: number[] = [];
  let offset = 0;
  for (const ch of chars) {
    offsets.push(offset);
    offset += ch.length;
  }
  const lower = chars.map((ch) => ch.toLowerCase());
  const bonus = chars.map(
    (ch, i) => (isWordStart(chars, i) ? WORD_START : 0) + (i === 0 ? FIRST_CHARACTER : 0),
  );

  // best[j]: the best score of the query so far with its last character at j (-Infinity: none).
  let best: number[] = lower.map((ch, j) => (ch === q[0] ? 1 + bonus[j]! : -Infinity));
  const from: number[][] = [best.map(() => -1)];
  for (let i = 1; i < q.length; i++) {
    const next: number[] = new Array<number>(chars.length).fill(-Infinity);
    const back: number[] = new Array<number>(chars.length).fill(-1);
    for (let j = i; j < chars.length; j++) {
      if (lower[j] !== q[i]) continue;
      for (let k = i - 1; k < j; k++) {
        if (best[k] === -Infinity) continue;
        const link = k === j - 1 ? CONSECUTIVE : -GAP * (j - k - 1);
        const score = best[k]! + link + 1 + bonus[j]!;
        if (score > next[j]!) {
          next[j] = score;
          back[j] = k;
        }
      }
    }
    best = next;
    from.push(back);
  }

  let end = -1;
  let top = -Infinity;
  best.forEach((score, j) => {
    if (score > top) [top, end] = [score, j];
  });
  if (end < 0) return null;
  const positions: number[] = [];
  for (let i = q.length - 1, j = end; i >= 0; j = from[i]![j]!, i--) positions.push(offsets[j]!);
  return { score: top, positions: positions.reverse() };
}

/**
 * The items whose text matches the query, best first; ties keep the items' order. An empty
 * query keeps every item, in order.
 */
export function fuzzyFilter<T>(
  items: readonly T[],
  query: string,
  textOf: (item: T) => string,
): { item: T; match: FuzzyMatch }[] {
  const matched: { item: T; match: FuzzyMatch; index: number }[] = [];
  items.forEach((item, index) => {
    const match = fuzzyMatch(query, textOf(item));
    if (match) matched.push({ item, match, index });
  });
  matched.sort((a, b) => b.match.score - a.match.score || a.index - b.index);
  return matched.map(({ item, match }) => ({ item, match }));
}

function isWordStart(chars: readonly string[], i: number): boolean {
  if (i === 0) return true;
  const before = chars[i - 1]!;
  const ch = chars[i]!;
  if (!/[\p{L}\p{N}]/u.test(before)) return /[\p{L}\p{N}]/u.test(ch);
  return /\p{Ll}/u.test(before) && /\p{Lu}/u.test(ch); // camelCase hump
}

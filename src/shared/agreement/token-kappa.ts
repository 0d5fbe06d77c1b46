/**
 * Cohen's kappa (two annotators) and Fleiss' kappa (two or more) — first as coefficients on a
 * generic table, then over word tokens coded by the spans that cover them.
 *
 * Coefficients:
 * - Cohen, J. (1960), "A coefficient of agreement for nominal scales": on a square contingency
 *   table (rows: annotator A's category, columns: B's), κ = (p_o − p_e) / (1 − p_e) with
 *   p_e = Σ_i row_i · col_i / n².
 * - Fleiss, J. L. (1971), "Measuring nominal scale agreement among many raters": on an
 *   items × categories table of rating counts (every row sums to the same number of raters m),
 *   κ = (P̄ − P̄_e) / (1 − P̄_e) with P̄ = (Σ n_ij² − N m) / (N m (m − 1)) and P̄_e = Σ_j p_j².
 *   With two raters it equals Scott's pi.
 * Kappa is undefined (null, with a reason) when there are no items, or when chance agreement is
 * already perfect (p_e = 1: every rating falls in one category).
 *
 * Token layer: each word token (see word-tokens.ts) gets, per annotator, the label of the spans
 * that cover it — a span covers a token when their ranges intersect, so a span that starts or
 * ends inside a word still claims that word — or "none" when no span does. A token that one
 * annotator covers with spans of two different labels has no single category: it is EXCLUDED from
 * the multi-category kappas and counted, never hidden. The per-label kappas code every token as
 * "inside a span of this label" or not (one label against the rest), so they need no exclusions.
 */
import type { LabeledSpan } from './span-f1';
import type { WordTokens } from './word-tokens';

export interface KappaResult {
  /** The coefficient, or null when undefined (see `reason`). */
  readonly kappa: number | null;
  readonly reason: string | null;
  /** Observed agreement (Cohen's p_o, Fleiss' P̄); null without items. */
  readonly observed: number | null;
  /** Chance agreement (Cohen's p_e, Fleiss' P̄_e); null without items. */
  readonly expected: number | null;
  /** Items rated (for tokens: tokens counted). */
  readonly items: number;
}

function kappaOf(observed: number, expected: number, items: number): KappaResult {
  if (expected >= 1) {
    return {
      kappa: null,
      reason:
        'every rating falls in one category, so chance agreement is perfect and kappa is undefined',
      observed,
      expected,
      items,
    };
  }
  return { kappa: (observed - expected) / (1 - expected), reason: null, observed, expected, items };
}

const NO_ITEMS: KappaResult = {
  kappa: null,
  reason: 'there are no items to compare',
  observed: null,
  expected: null,
  items: 0,
};

/** Cohen's kappa from a square contingency table of counts (rows: A, columns: B). */
export function cohenKappa(table: ReadonlyArray<ArrayLike<number>>): KappaResult {
  const k = table.length;
  const rows = new Float64Array(k);
  const columns = new Float64Array(k);
  let n = 0;
  let diagonal = 0;
  table.forEach((row, i) => {
    if (row.length !== k) {
      throw new RangeError(
        `Cohen's kappa needs a square table: row ${i + 1} has ${row.length} cells, not ${k}.`,
      );
    }
    for (let j = 0; j < k; j++) {
      const count = row[j] as number;
      rows[i]! += count;
      columns[j]! += count;
      n += count;
      if (i === j) diagonal += count;
    }
  });
  if (n === 0) return NO_ITEMS;
  let chance = 0;
  for (let i = 0; i < k; i++) chance += (rows[i] as number) * (columns[i] as number);
  return kappaOf(diagonal / n, chance / (n * n), n);
}

/** Sufficient statistics for Fleiss' kappa, so large token sets need no items × categories table. */
interface FleissSums {
  items: number;
  raters: number;
  /** Σ_i Σ_j n_ij² */
  sumOfSquares: number;
  /** Σ_i n_ij per category j. */
  categoryTotals: ArrayLike<number>;
}

function fleissFromSums({ items, raters, sumOfSquares, categoryTotals }: FleissSums): KappaResult {
  if (items === 0) return NO_ITEMS;
  const ratings = items * raters;
  const observed = (sumOfSquares - ratings) / (ratings * (raters - 1));
  let expected = 0;
  for (let j = 0; j < categoryTotals.length; j++)
    expected += ((categoryTotals[j] as number) / ratings) ** 2;
  return kappaOf(observed, expected, items);
}

/** Fleiss' kappa from an items × categories table of rating counts (equal row sums ≥ 2). */
export function fleissKappa(counts: ReadonlyArray<ArrayLike<number>>): KappaResult {
  if (counts.length === 0) return NO_ITEMS;
  const categories = counts[0]?.length ?? 0;
  const totals = new Float64Array(categories);
  let raters = -1;
  let sumOfSquares = 0;
  counts.forEach((row, i) => {
    if (row.length !== categories) {
      throw new RangeError(
        `Fleiss' kappa: item ${i + 1} has ${row.length} categories, item 1 has ${categories}.`,
      );
    }
    let sum = 0;
    for (let j = 0; j < categories; j++) {
      const count = row[j] as number;
      sum += count;
      sumOfSquares += count * count;
      totals[j]! += count;
    }
    if (raters === -1) raters = sum;
    if (sum !== raters || sum < 2) {
      throw new RangeError(
        `Fleiss' kappa needs the same number (two or more) of ratings per item: item ${i + 1} has ${sum}, item 1 has ${raters}.`,
      );
    }
  });
  return fleissFromSums({ items: counts.length, raters, sumOfSquares, categoryTotals: totals });
}

// ---------------------------------------------------------------------------------------------
// Tokens

/** Category of a token covered by spans of two different labels (of one annotator). */
export const CONFLICT = -1;

/** One annotator's coding of a token sequence. */
export interface TokenCoding {
  /** Per token: a label index, `labelCount` for "none", or CONFLICT. */
  readonly categories: Int32Array;
  /** For CONFLICT tokens: every label covering them (for the one-label-against-the-rest view). */
  readonly conflictLabels: ReadonlyMap<number, readonly number[]>;
}

/**
 * Codes tokens by one annotator's spans (same offsets as the tokens; labels < labelCount).
 * O(spans · log tokens + covered tokens).
 */
export function codeTokens(
  tokens: WordTokens,
  spans: readonly LabeledSpan[],
  labelCount: number,
): TokenCoding {
  const { starts, ends } = tokens;
  const categories = new Int32Array(starts.length).fill(labelCount);
  const conflictLabels = new Map<number, number[]>();
  for (const { start, end, label } of spans) {
    // The first token ending after the span starts, then every token starting before it ends.
    for (
      let t = firstEndAfter(ends, start);
      t < starts.length && (starts[t] as number) < end;
      t++
    ) {
      const current = categories[t] as number;
      if (current === labelCount || current === label) {
        categories[t] = label;
      } else if (current === CONFLICT) {
        const labels = conflictLabels.get(t) as number[];
        if (!labels.includes(label)) labels.push(label);
      } else {
        categories[t] = CONFLICT;
        conflictLabels.set(t, [current, label]);
      }
    }
  }
  return { categories, conflictLabels };
}

function firstEndAfter(ends: Uint32Array, offset: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((ends[mid] as number) <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

export interface TokenAgreement {
  /** Tokens in the range. */
  readonly tokens: number;
  /** Tokens left out of the multi-category kappas: some annotator's spans of different labels
   * cover them. */
  readonly excludedTokens: number;
  /** Fleiss' kappa over the categories (labels and "none"), all annotators. */
  readonly fleiss: KappaResult;
  /** Cohen's kappa for every annotator pair a < b (tokens excluded only for that pair's conflicts). */
  readonly pairs: ReadonlyArray<{
    readonly a: number;
    readonly b: number;
    readonly cohen: KappaResult;
    readonly excludedTokens: number;
  }>;
}

/** Per label, one label against the rest over all tokens: Fleiss' kappa, and Cohen's kappa when
 * there are exactly two annotators (otherwise null). */
export type LabelTokenAgreement = ReadonlyArray<{
  readonly fleiss: KappaResult;
  readonly cohen: KappaResult | null;
}>;

/** Token kappas for the tokens [from, to) of the codings (one coding per annotator). */
export function tokenAgreement(
  codings: readonly TokenCoding[],
  labelCount: number,
  from: number,
  to: number,
): TokenAgreement {
  const R = codings.length;
  const categoryCount = labelCount + 1;
  const columns = codings.map((coding) => coding.categories);

  // Multi-category Fleiss over tokens no annotator excluded.
  let excludedTokens = 0;
  let sumOfSquares = 0;
  const totals = new Float64Array(categoryCount);
  for (let t = from; t < to; t++) {
    let conflict = false;
    for (const column of columns) if ((column[t] as number) === CONFLICT) conflict = true;
    if (conflict) {
      excludedTokens++;
      continue;
    }
    // Σ_j n_j² = R + 2 · (number of annotator pairs that agree on this token).
    let agreeingPairs = 0;
    for (let i = 0; i < R; i++) {
      const ci = (columns[i] as Int32Array)[t] as number;
      totals[ci]! += 1;
      for (let j = i + 1; j < R; j++) if ((columns[j] as Int32Array)[t] === ci) agreeingPairs++;
    }
    sumOfSquares += R + 2 * agreeingPairs;
  }
  const items = to - from - excludedTokens;
  const fleiss =
    R < 2
      ? TOO_FEW_ANNOTATORS
      : fleissFromSums({ items, raters: R, sumOfSquares, categoryTotals: totals });

  const pairs = [];
  for (let a = 0; a < R; a++) {
    for (let b = a + 1; b < R; b++) {
      pairs.push({
        a,
        b,
        ...pairCohen(columns[a] as Int32Array, columns[b] as Int32Array, categoryCount, from, to),
      });
    }
  }

  return { tokens: to - from, excludedTokens, fleiss, pairs };
}

const TOO_FEW_ANNOTATORS: KappaResult = {
  kappa: null,
  reason: 'kappa compares annotators, so it needs two or more',
  observed: null,
  expected: null,
  items: 0,
};

function pairCohen(
  a: Int32Array,
  b: Int32Array,
  categoryCount: number,
  from: number,
  to: number,
): { cohen: KappaResult; excludedTokens: number } {
  const cells = new Float64Array(categoryCount * categoryCount);
  let excludedTokens = 0;
  for (let t = from; t < to; t++) {
    const ca = a[t] as number;
    const cb = b[t] as number;
    if (ca === CONFLICT || cb === CONFLICT) excludedTokens++;
    else cells[ca * categoryCount + cb]! += 1;
  }
  const table = Array.from({ length: categoryCount }, (_, i) =>
    cells.subarray(i * categoryCount, (i + 1) * categoryCount),
  );
  return { cohen: cohenKappa(table), excludedTokens };
}

/**
 * Token kappas per label (one label against the rest) for the tokens [from, to), every label in
 * one pass. A token counts, for label L, as many annotators as have L among their labels there;
 * labels no annotator has at a token contribute in bulk rather than per token.
 */
export function tokenAgreementByLabel(
  codings: readonly TokenCoding[],
  labelCount: number,
  from: number,
  to: number,
): LabelTokenAgreement {
  const R = codings.length;
  const T = to - from;
  const yes = new Float64Array(labelCount); // Σ_t n_tL
  const squaresAdjustment = new Float64Array(labelCount); // Σ_t [n² + (R − n)² − R²]
  const both = new Float64Array(labelCount); // two annotators: tokens both put in L
  const onlyFirst = new Float64Array(labelCount);
  const onlySecond = new Float64Array(labelCount);
  const countAtToken = new Int32Array(labelCount);
  const touched: number[] = [];
  const firstHas = new Uint8Array(labelCount);

  const count = (label: number, r: number) => {
    if (countAtToken[label] === 0) touched.push(label);
    countAtToken[label]! += 1;
    if (r === 0) firstHas[label] = 1;
  };
  for (let t = from; t < to; t++) {
    touched.length = 0;
    for (let r = 0; r < R; r++) {
      const coding = codings[r] as TokenCoding;
      const category = coding.categories[t] as number;
      if (category === labelCount) continue;
      if (category !== CONFLICT) count(category, r);
      else for (const label of coding.conflictLabels.get(t) as readonly number[]) count(label, r);
    }
    for (const label of touched) {
      const n = countAtToken[label] as number;
      yes[label]! += n;
      squaresAdjustment[label]! += n * n + (R - n) ** 2 - R * R;
      if (R === 2) {
        if (n === 2) both[label]! += 1;
        else if (firstHas[label]) onlyFirst[label]! += 1;
        else onlySecond[label]! += 1;
      }
      countAtToken[label] = 0;
      firstHas[label] = 0;
    }
  }

  return Array.from({ length: labelCount }, (_, label) => {
    const inLabel = yes[label] as number;
    const fleiss =
      R < 2
        ? TOO_FEW_ANNOTATORS
        : fleissFromSums({
            items: T,
            raters: R,
            sumOfSquares: T * R * R + (squaresAdjustment[label] as number),
            categoryTotals: [inLabel, T * R - inLabel],
          });
    let cohen: KappaResult | null = null;
    if (R === 2) {
      const n11 = both[label] as number;
      const n10 = onlyFirst[label] as number;
      const n01 = onlySecond[label] as number;
      cohen = cohenKappa([
        [n11, n10],
        [n01, T - n11 - n10 - n01],
      ]);
    }
    return { fleiss, cohen };
  });
}

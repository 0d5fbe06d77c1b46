/**
 * Krippendorff's unitizing alpha (α_U) for spans on a continuum, computed as DKPro Statistics'
 * `KrippendorffAlphaUnitizingAgreement` does (the implementation INCEpTION reports), after
 * Krippendorff, K. (1995), "On the reliability of unitizing contiguous data", Sociological
 * Methodology 25:47–76, and Krippendorff, K. (2004), Content Analysis, 2nd ed., pp. 251–256.
 *
 * Per category c, each rater's units of c cut the continuum [0, L) into units and gaps.
 *
 * Observed disagreement, over rater pairs r1 < r2 and every unit/gap of r1 that intersects a
 * unit/gap of r2:
 *   δ(unit, unit)  = (b1 − b2)² + (e1 − e2)²   (b = begin, e = end; the units overlap)
 *   δ(unit, gap)   = l²  when the unit lies wholly inside the other rater's gap, else 0
 *   D_o(c)         = 2 Σ δ / (R (R − 1) L²)
 * Expected disagreement, with N_c units of c over all raters and every rater's gaps g:
 *   D_e(c) = (2/L) Σ_units [ (N_c − 1)(2l³ − 3l² + l)/3 + l² Σ_{g ≥ l} (g − l + 1) ]
 *            / (R L (R L − 1) − Σ_units l (l − 1))
 * Per category: α_U(c) = 1 − D_o(c)/D_e(c). Overall (DKPro's `calculateAgreement`): the mean
 * D_o over the categories that have at least one unit, against the mean D_e over the same
 * categories: α_U = 1 − mean D_o / mean D_e.
 *
 * Two deliberate differences from DKPro, both for inputs where DKPro's answer is not meaningful:
 * - DKPro requires a rater's units of one category not to overlap (its sweep breaks otherwise).
 *   Here a rater's overlapping units of one category are first merged into their union — on a
 *   continuum a position is either inside category c or not — and the count is reported.
 * - Where D_e = 0 (no units at all, or every rater marks every position as a one-position unit)
 *   DKPro returns NaN or 0; here the value is null with a reason.
 *
 * The sweeps are linear after sorting, and the gap sums use prefix sums over sorted gap lengths:
 * O(n log n) in the number of units, where DKPro's expected disagreement is O(units × gaps).
 * Positions are integers (UTF-16 code units in the workbench); lengths and the continuum are in
 * the same unit.
 */
import { WorkbenchError } from '../api';

export interface UnitizingUnit {
  /** Index of the rater, 0 ≤ rater < raterCount. */
  readonly rater: number;
  /** Half-open [start, end) on the continuum, 0 ≤ start < end ≤ length. */
  readonly start: number;
  readonly end: number;
  readonly category: string;
}

export interface UnitizingStudy {
  /** Every rater counts, including one who marked nothing (that is a judgement too). */
  readonly raterCount: number;
  /** Length L of the continuum [0, L). */
  readonly length: number;
  readonly units: readonly UnitizingUnit[];
}

export interface UnitizingAlpha {
  /** α_U, or null when undefined (see `reason`). */
  readonly alpha: number | null;
  readonly reason: string | null;
  /** D_o (overall: the mean over categories with units); null with fewer than two raters. */
  readonly observed: number | null;
  /** D_e (overall: the mean over categories with units); null with fewer than two raters. */
  readonly expected: number | null;
}

/** α_U overall and per category (one entry per category that has at least one unit here, in the
 * order of the groups). */
export interface UnitizingAlphas extends UnitizingAlpha {
  readonly byCategory: ReadonlyMap<string, UnitizingAlpha & { readonly units: number }>;
}

export interface UnitizingResult extends UnitizingAlphas {
  /** How many units were merged away because they overlapped a unit of the same rater and
   * category (see the module comment). */
  readonly mergedUnits: number;
}

/** One rater's units of one category: sorted by start, pairwise disjoint (touching is fine). */
export interface DisjointUnits {
  readonly starts: ArrayLike<number>;
  readonly ends: ArrayLike<number>;
}

/** Units by category, then one `DisjointUnits` per rater (every rater, even without units). */
export type GroupedUnits = ReadonlyMap<string, readonly DisjointUnits[]>;

const TOO_FEW_RATERS: UnitizingAlpha = {
  alpha: null,
  reason: 'unitizing alpha compares raters, so it needs two or more',
  observed: null,
  expected: null,
};

/** α_U per category and overall for one unitizing study. */
export function unitizingAlpha(study: UnitizingStudy): UnitizingResult {
  checkStudy(study);
  const { groups, merged } = groupUnits(study);
  return {
    ...unitizingAlphaOfGroups(groups, study.raterCount, 0, study.length),
    mergedUnits: merged,
  };
}

/**
 * α_U for units already grouped, sorted and made disjoint (see `mergeOverlaps`), on the continuum
 * [begin, begin + length). Not validated: this is for callers that group once and compute many
 * studies from views of the same arrays (the report: overall, per document, per pair). A
 * category without units in these views is left out, as DKPro only knows categories that occur.
 */
export function unitizingAlphaOfGroups(
  groups: GroupedUnits,
  raterCount: number,
  begin: number,
  length: number,
): UnitizingAlphas {
  const byCategory = new Map<string, UnitizingAlpha & { units: number }>();
  let observedSum = 0;
  let expectedSum = 0;
  for (const [category, raters] of groups) {
    const units = raters.reduce((sum, r) => sum + r.starts.length, 0);
    if (units === 0) continue;
    if (raterCount < 2) {
      byCategory.set(category, { ...TOO_FEW_RATERS, units });
      continue;
    }
    const observed = observedDisagreement(raters, length);
    const expected = expectedDisagreement(raters, begin, length);
    observedSum += observed;
    expectedSum += expected;
    byCategory.set(category, { ...alphaOf(observed, expected, `"${category}"`), units });
  }

  if (raterCount < 2) return { ...TOO_FEW_RATERS, byCategory };
  if (byCategory.size === 0) {
    return {
      alpha: null,
      reason: 'no rater marked any unit, so there is nothing to compare',
      observed: null,
      expected: null,
      byCategory,
    };
  }
  const overall = alphaOf(
    observedSum / byCategory.size,
    expectedSum / byCategory.size,
    'any category',
  );
  return { ...overall, byCategory };
}

/**
 * One rater's units of one category, given sorted by start (then end), made disjoint: each group
 * of overlapping units becomes their union. `merged` counts the units absorbed that way.
 */
export function mergeOverlaps(
  sortedStarts: ArrayLike<number>,
  sortedEnds: ArrayLike<number>,
): { units: { starts: Float64Array; ends: Float64Array }; merged: number } {
  const starts = new Float64Array(sortedStarts.length);
  const ends = new Float64Array(sortedStarts.length);
  let count = 0;
  for (let i = 0; i < sortedStarts.length; i++) {
    const start = sortedStarts[i] as number;
    const end = sortedEnds[i] as number;
    if (count > 0 && start < (ends[count - 1] as number)) {
      ends[count - 1] = Math.max(ends[count - 1] as number, end);
    } else {
      starts[count] = start;
      ends[count] = end;
      count++;
    }
  }
  return {
    units: { starts: starts.subarray(0, count), ends: ends.subarray(0, count) },
    merged: sortedStarts.length - count,
  };
}

function alphaOf(observed: number, expected: number, what: string): UnitizingAlpha {
  if (!(expected > 0)) {
    return {
      alpha: null,
      reason: `expected disagreement is zero for ${what} (only one-position units and no gaps: no room for chance disagreement), so alpha is undefined`,
      observed,
      expected,
    };
  }
  return { alpha: 1 - observed / expected, reason: null, observed, expected };
}

function checkStudy(study: UnitizingStudy): void {
  const { raterCount, length } = study;
  if (!Number.isInteger(raterCount) || raterCount < 0 || !Number.isInteger(length) || length < 0) {
    throw new WorkbenchError(
      'invalid_argument',
      `A unitizing study needs a whole number of raters and a continuum length ≥ 0 (got ${raterCount} raters, length ${length}).`,
    );
  }
  study.units.forEach((unit, i) => {
    const { rater, start, end } = unit;
    if (!Number.isInteger(rater) || rater < 0 || rater >= raterCount) {
      throw new WorkbenchError(
        'invalid_argument',
        `Unit ${i + 1} belongs to rater ${rater}, but the study has raters 0 to ${raterCount - 1}.`,
      );
    }
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end > length ||
      start >= end
    ) {
      throw new WorkbenchError(
        'invalid_argument',
        `Unit ${i + 1} [${start}, ${end}) is not a non-empty range inside the continuum [0, ${length}).`,
      );
    }
  });
}

/** Units grouped by category, then by rater, sorted and with overlaps merged. */
function groupUnits(study: UnitizingStudy): { groups: GroupedUnits; merged: number } {
  const raw = new Map<string, UnitizingUnit[][]>();
  for (const unit of study.units) {
    let raters = raw.get(unit.category);
    if (!raters) {
      raters = Array.from({ length: study.raterCount }, () => []);
      raw.set(unit.category, raters);
    }
    (raters[unit.rater] as UnitizingUnit[]).push(unit);
  }
  let merged = 0;
  const groups = new Map<string, DisjointUnits[]>();
  for (const [category, raters] of raw) {
    groups.set(
      category,
      raters.map((units) => {
        units.sort((a, b) => a.start - b.start || a.end - b.end);
        const disjoint = mergeOverlaps(
          units.map((u) => u.start),
          units.map((u) => u.end),
        );
        merged += disjoint.merged;
        return disjoint.units;
      }),
    );
  }
  return { groups, merged };
}

/** D_o(c): a merge sweep per rater pair over both raters' sorted, disjoint units. */
function observedDisagreement(raters: readonly DisjointUnits[], L: number): number {
  const R = raters.length;
  let sum = 0;
  for (let r1 = 0; r1 < R; r1++) {
    for (let r2 = r1 + 1; r2 < R; r2++) {
      sum += pairDisagreement(raters[r1] as DisjointUnits, raters[r2] as DisjointUnits);
    }
  }
  return (2 * sum) / (R * (R - 1) * L * L);
}

/**
 * Σ δ for one rater pair. A unit that overlaps no unit of the other rater lies wholly inside one
 * of that rater's gaps (gaps are the maximal uncovered stretches) and costs l²; overlapping units
 * cost the squared begin and end differences; every other unit/gap pairing costs nothing.
 */
function pairDisagreement(a: DisjointUnits, b: DisjointUnits): number {
  const aMatched = new Uint8Array(a.starts.length);
  const bMatched = new Uint8Array(b.starts.length);
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.starts.length && j < b.starts.length) {
    const aStart = a.starts[i] as number;
    const aEnd = a.ends[i] as number;
    const bStart = b.starts[j] as number;
    const bEnd = b.ends[j] as number;
    if (aEnd <= bStart) {
      i++;
    } else if (bEnd <= aStart) {
      j++;
    } else {
      const beginDiff = aStart - bStart;
      const endDiff = aEnd - bEnd;
      sum += beginDiff * beginDiff + endDiff * endDiff;
      aMatched[i] = 1;
      bMatched[j] = 1;
      if (aEnd <= bEnd) i++;
      else j++;
    }
  }
  sum += unmatchedSquares(a, aMatched) + unmatchedSquares(b, bMatched);
  return sum;
}

function unmatchedSquares(ranges: DisjointUnits, matched: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < matched.length; i++) {
    if (matched[i]) continue;
    const length = (ranges.ends[i] as number) - (ranges.starts[i] as number);
    sum += length * length;
  }
  return sum;
}

/** D_e(c), with Σ_{g ≥ l} (g − l + 1) from suffix sums over the sorted gap lengths. */
function expectedDisagreement(raters: readonly DisjointUnits[], begin: number, L: number): number {
  const R = raters.length;
  let units = 0;
  for (const { starts } of raters) units += starts.length;
  // Each rater has at most one gap more than units (before, between and after them).
  const gapBuffer = new Float64Array(units + R);
  let gapCount = 0;
  for (const { starts, ends } of raters) {
    let position = begin;
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i] as number;
      if (start > position) gapBuffer[gapCount++] = start - position;
      position = ends[i] as number;
    }
    if (position < begin + L) gapBuffer[gapCount++] = begin + L - position;
  }
  const gaps = gapBuffer.subarray(0, gapCount).sort();
  // suffix[k] = Σ gaps[k..], so Σ_{g ≥ l} (g − l + 1) = suffix[k] − (l − 1)(count − k) for the
  // first k with gaps[k] ≥ l.
  const suffix = new Float64Array(gapCount + 1);
  for (let k = gapCount - 1; k >= 0; k--)
    suffix[k] = (suffix[k + 1] as number) + (gaps[k] as number);

  let numerator = 0;
  let squaredLengths = 0;
  for (const { starts, ends } of raters) {
    for (let i = 0; i < starts.length; i++) {
      const l = (ends[i] as number) - (starts[i] as number);
      const k = lowerBound(gaps, l);
      const gapSum = (suffix[k] as number) - (l - 1) * (gapCount - k);
      // (2l³ − 3l² + l) written as l(l − 1)(2l − 1): the same value, and exact in doubles longer.
      numerator += ((units - 1) * l * (l - 1) * (2 * l - 1)) / 3 + l * l * gapSum;
      squaredLengths += l * (l - 1);
    }
  }
  return ((2 / L) * numerator) / (R * L * (R * L - 1) - squaredLengths);
}

/** First index k with sorted[k] ≥ value. */
function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

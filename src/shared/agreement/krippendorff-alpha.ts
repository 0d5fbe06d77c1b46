/**
 * Krippendorff's alpha for coded values, computed through the coincidence matrix as in
 * Krippendorff, K. (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School for
 * Communication, University of Pennsylvania:
 *
 *   o_ck = Σ_u (number of c–k pairs of values in unit u, from different coders) / (m_u − 1)
 *   n_c  = Σ_k o_ck,   n = Σ_c n_c
 *   α    = 1 − D_o / D_e = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
 *
 * Missing values are allowed; a unit with fewer than two values (m_u < 2) cannot be paired and
 * is left out, as the 2011 paper prescribes.
 *
 * Alpha is undefined — returned as `null` with a reason, never as a made-up number — when no unit
 * is pairable, or when all pairable values are equal (D_e = 0: there is no variation that
 * agreement could be measured against).
 */
import { WorkbenchError } from '../api';

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** A coded value. Nominal data may be any of these; ordinal needs numbers or an explicit order;
 * interval and ratio need finite numbers (ratio: non-negative). */
export type CodedValue = string | number | boolean;

/** Reliability data: one row per coder, one column per unit, `null` where a value is missing. */
export type ReliabilityData = ReadonlyArray<ReadonlyArray<CodedValue | null>>;

export interface AlphaOptions {
  /** For ordinal data that are not numbers: the values from lowest to highest rank. */
  readonly order?: readonly CodedValue[];
}

export interface AlphaResult {
  /** Krippendorff's alpha, or null when it is undefined (see `reason`). */
  readonly alpha: number | null;
  /** Why alpha is null; null when alpha is defined. */
  readonly reason: string | null;
  /** D_o; null when no unit is pairable. */
  readonly observedDisagreement: number | null;
  /** D_e; null when no unit is pairable. */
  readonly expectedDisagreement: number | null;
  /** Units with two or more values (the others cannot be paired and are left out). */
  readonly pairableUnits: number;
  /** n: the number of pairable values (the sum of the coincidence matrix). */
  readonly pairableValues: number;
}

/** Krippendorff's alpha of `data` (coders × units) at the given level of measurement. */
export function krippendorffAlpha(
  data: ReliabilityData,
  level: MeasurementLevel,
  options: AlphaOptions = {},
): AlphaResult {
  const unitCount = checkShape(data);
  const values = new ValueIndex();

  // The coincidence matrix, sparse: key = c * V + k over value indices, filled unit by unit.
  const unitsValues: number[][] = [];
  for (let u = 0; u < unitCount; u++) {
    const unit: number[] = [];
    for (const row of data) {
      const value = row[u];
      if (value !== null && value !== undefined) unit.push(values.indexOf(value, level, u));
    }
    if (unit.length >= 2) unitsValues.push(unit);
  }
  if (unitsValues.length === 0) {
    return undefinedAlpha(
      'no unit has values from two or more coders, so nothing can be paired',
      0,
      0,
    );
  }

  const V = values.size;
  const coincidences = new Map<number, number>();
  for (const unit of unitsValues) {
    const weight = 1 / (unit.length - 1);
    for (let i = 0; i < unit.length; i++) {
      for (let j = 0; j < unit.length; j++) {
        if (i === j) continue;
        const key = (unit[i] as number) * V + (unit[j] as number);
        coincidences.set(key, (coincidences.get(key) ?? 0) + weight);
      }
    }
  }
  const marginals = new Float64Array(V);
  for (const [key, count] of coincidences) marginals[Math.floor(key / V)]! += count;
  const n = marginals.reduce((sum, x) => sum + x, 0);

  const metric = distanceFunction(level, values.values, marginals, options);
  let observedSum = 0;
  for (const [key, count] of coincidences) {
    const c = Math.floor(key / V);
    const k = key % V;
    if (c !== k) observedSum += count * metric(c, k);
  }
  const expectedSum = expectedDisagreementSum(level, values.values, marginals, metric);

  const observed = observedSum / n;
  const expected = expectedSum / (n * (n - 1));
  if (!(expectedSum > 0)) {
    const only = values.values.length === 1 ? ` (${JSON.stringify(values.values[0])})` : '';
    return {
      ...undefinedAlpha(
        `all pairable values are the same${only}: with no variation, alpha is undefined`,
        unitsValues.length,
        n,
      ),
      observedDisagreement: observed,
      expectedDisagreement: 0,
    };
  }
  return {
    alpha: 1 - observed / expected,
    reason: null,
    observedDisagreement: observed,
    expectedDisagreement: expected,
    pairableUnits: unitsValues.length,
    pairableValues: n,
  };
}

function undefinedAlpha(
  reason: string,
  pairableUnits: number,
  pairableValues: number,
): AlphaResult {
  return {
    alpha: null,
    reason,
    observedDisagreement: null,
    expectedDisagreement: null,
    pairableUnits,
    pairableValues,
  };
}

function checkShape(data: ReliabilityData): number {
  const unitCount = data[0]?.length ?? 0;
  data.forEach((row, coder) => {
    if (row.length !== unitCount) {
      throw new WorkbenchError(
        'invalid_argument',
        `Reliability data must have one value (or null) per unit for every coder: coder ${coder + 1} has ${row.length} values, coder 1 has ${unitCount}.`,
      );
    }
  });
  return unitCount;
}

/** Distinct values in order of first appearance, each checked against the level. */
class ValueIndex {
  readonly values: CodedValue[] = [];
  private readonly index = new Map<CodedValue, number>();

  get size(): number {
    return this.values.length;
  }

  indexOf(value: CodedValue, level: MeasurementLevel, unit: number): number {
    const known = this.index.get(value);
    if (known !== undefined) return known;
    if (level === 'interval' || level === 'ratio') {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new WorkbenchError(
          'invalid_argument',
          `${level} alpha needs finite numbers, but unit ${unit + 1} has ${JSON.stringify(value)}.`,
        );
      }
      if (level === 'ratio' && value < 0) {
        throw new WorkbenchError(
          'invalid_argument',
          `ratio alpha needs values of zero or more, but unit ${unit + 1} has ${value}.`,
        );
      }
    }
    this.index.set(value, this.values.length);
    this.values.push(value);
    return this.values.length - 1;
  }
}

type Metric = (c: number, k: number) => number;

/** δ²_ck between value indices, per level (Krippendorff 2011, section D). */
function distanceFunction(
  level: MeasurementLevel,
  values: readonly CodedValue[],
  marginals: Float64Array,
  options: AlphaOptions,
): Metric {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval': {
      const x = values as readonly number[];
      return (c, k) => ((x[c] as number) - (x[k] as number)) ** 2;
    }
    case 'ratio': {
      const x = values as readonly number[];
      return (c, k) => {
        const sum = (x[c] as number) + (x[k] as number);
        return sum === 0 ? 0 : (((x[c] as number) - (x[k] as number)) / sum) ** 2;
      };
    }
    case 'ordinal': {
      // δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², with ranks from the given or numeric order.
      const rank = ordinalRanks(values, options.order);
      const byRank = values
        .map((_, i) => i)
        .sort((a, b) => (rank[a] as number) - (rank[b] as number));
      const cumulative = new Float64Array(values.length + 1); // cumulative[r] = Σ n of ranks < r
      byRank.forEach((valueIndex, r) => {
        cumulative[r + 1] = (cumulative[r] as number) + (marginals[valueIndex] as number);
      });
      return (c, k) => {
        const low = Math.min(rank[c] as number, rank[k] as number);
        const high = Math.max(rank[c] as number, rank[k] as number);
        const between = (cumulative[high + 1] as number) - (cumulative[low] as number);
        return (between - ((marginals[c] as number) + (marginals[k] as number)) / 2) ** 2;
      };
    }
  }
}

function ordinalRanks(values: readonly CodedValue[], order?: readonly CodedValue[]): number[] {
  if (order) {
    const position = new Map(order.map((value, i) => [value, i] as const));
    const missing = values.filter((value) => !position.has(value));
    if (missing.length > 0) {
      throw new WorkbenchError(
        'invalid_argument',
        `ordinal alpha: ${missing.map((v) => JSON.stringify(v)).join(', ')} not in the given order.`,
      );
    }
    return values.map((value) => position.get(value) as number);
  }
  const nonNumeric = values.find((value) => typeof value !== 'number' || !Number.isFinite(value));
  if (nonNumeric !== undefined) {
    throw new WorkbenchError(
      'invalid_argument',
      `ordinal alpha needs numbers or an explicit order of values, but got ${JSON.stringify(nonNumeric)}.`,
    );
  }
  const sorted = [...(values as number[])].sort((a, b) => a - b);
  return (values as number[]).map((value) => sorted.indexOf(value));
}

/**
 * Σ_ck n_c n_k δ²_ck. Nominal and interval use algebraic identities of that sum (O(V) instead of
 * O(V²), so an interval attribute with many distinct numbers stays fast); ordinal and ratio sum
 * over all value pairs.
 */
function expectedDisagreementSum(
  level: MeasurementLevel,
  values: readonly CodedValue[],
  marginals: Float64Array,
  metric: Metric,
): number {
  const V = values.length;
  if (level === 'nominal') {
    let n = 0;
    let squares = 0;
    for (const count of marginals) {
      n += count;
      squares += count * count;
    }
    return n * n - squares;
  }
  if (level === 'interval') {
    // Σ n_c n_k (x_c − x_k)² = 2 n Σ n_c x_c² − 2 (Σ n_c x_c)²; centred on the mean for accuracy.
    const x = values as readonly number[];
    let n = 0;
    let sum = 0;
    for (let c = 0; c < V; c++) {
      n += marginals[c] as number;
      sum += (marginals[c] as number) * (x[c] as number);
    }
    const mean = sum / n;
    let squares = 0;
    for (let c = 0; c < V; c++)
      squares += (marginals[c] as number) * ((x[c] as number) - mean) ** 2;
    return 2 * n * squares;
  }
  let total = 0;
  for (let c = 0; c < V; c++) {
    for (let k = c + 1; k < V; k++) {
      total += 2 * (marginals[c] as number) * (marginals[k] as number) * metric(c, k);
    }
  }
  return total;
}

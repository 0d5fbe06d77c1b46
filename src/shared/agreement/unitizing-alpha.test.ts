/**
 * Reference values from DKPro Statistics' own unit tests for KrippendorffAlphaUnitizingAgreement
 * (github.com/dkpro/dkpro-statistics, dkpro-statistics-agreement/src/test/java/org/dkpro/
 * statistics/agreement/unitizing/), each with the tolerance used there. Studies are written as
 * DKPro writes them: addUnit(offset, length, rater, category).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../api';
import { unitizingAlpha, type UnitizingStudy, type UnitizingUnit } from './unitizing-alpha';

type DkproUnit = [offset: number, length: number, rater: number, category: string];

function study(raterCount: number, length: number, units: DkproUnit[], begin = 0): UnitizingStudy {
  return {
    raterCount,
    length,
    units: units.map(([offset, len, rater, category]): UnitizingUnit => ({
      rater,
      start: offset - begin,
      end: offset - begin + len,
      category,
    })),
  };
}

function category(result: ReturnType<typeof unitizingAlpha>, name: string) {
  const entry = result.byCategory.get(name);
  if (!entry) throw new Error(`no category ${name}`);
  return entry;
}

/**
 * Krippendorff (2004: p. 254), as in DKPro's Krippendorff2004Test.createExample(): two observers,
 * continuum begins at 150 with length 300 (shifted here to begin at 0; α_U is invariant to that).
 */
const KRIPPENDORFF_2004 = study(
  2,
  300,
  [
    [225, 70, 0, 'c'],
    [370, 30, 0, 'c'],
    [220, 80, 1, 'c'],
    [355, 20, 1, 'c'],
    [400, 20, 1, 'c'],
    [180, 60, 0, 'k'],
    [300, 50, 0, 'k'],
    [180, 60, 1, 'k'],
    [300, 50, 1, 'k'],
  ],
  150,
);

describe('unitizingAlpha: Krippendorff (2004) example (DKPro Krippendorff2004Test)', () => {
  const result = unitizingAlpha(KRIPPENDORFF_2004);

  it('overall α_U = 0.8591 (testAgreement, ±0.0005)', () => {
    expect(result.alpha as number).toBeCloseTo(0.8591, 3);
    expect(Math.abs((result.alpha as number) - 0.8591)).toBeLessThanOrEqual(0.0005);
  });

  it('category c: D_o 0.0144, D_e 0.0532, α 0.7286; k: D_o 0, D_e 0.0490, α 1 (testCategoryAgreement, ±0.0001)', () => {
    const c = category(result, 'c');
    const k = category(result, 'k');
    for (const [actual, expected] of [
      [c.observed, 0.0144],
      [c.expected, 0.0532],
      [c.alpha, 0.7286],
      [k.observed, 0],
      [k.expected, 0.049],
      [k.alpha, 1],
    ] as const) {
      expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(0.0001);
    }
  });
});

/**
 * Krippendorff (1995: p. 57), as in DKPro's Krippendorff1995Test.createExample(stretch): four
 * pairs of coders (A–D) on a continuum of 24 × stretch, every offset and length multiplied by
 * the stretch and truncated to an integer as Java's (int) cast does.
 */
const KRIPPENDORFF_1995: DkproUnit[] = [
  [2, 8, 0, 'A'],
  [14, 6, 0, 'A'],
  [4, 4, 1, 'A'],
  [15, 2, 1, 'A'],
  [0, 18, 0, 'B'],
  [0, 2, 1, 'B'],
  [2, 1, 1, 'B'],
  [3, 1, 1, 'B'],
  [4, 1, 1, 'B'],
  [5, 1, 1, 'B'],
  [6, 3, 1, 'B'],
  [9, 1, 1, 'B'],
  [2, 6, 0, 'C'],
  [10, 2, 0, 'C'],
  [14, 4, 0, 'C'],
  [20, 2, 0, 'C'],
  [0, 2, 1, 'C'],
  [4, 4, 1, 'C'],
  [10, 4, 1, 'C'],
  [16, 2, 1, 'C'],
  [20, 2, 1, 'C'],
  [0, 2, 0, 'D'],
  [2, 8, 0, 'D'],
  [10, 4, 0, 'D'],
  [14, 6, 0, 'D'],
  [20, 4, 0, 'D'],
  [0, 4, 1, 'D'],
  [4, 4, 1, 'D'],
  [8, 7, 1, 'D'],
  [15, 2, 1, 'D'],
  [17, 7, 1, 'D'],
];

function krippendorff1995(stretch: number, only?: string): UnitizingStudy {
  const units = KRIPPENDORFF_1995.filter(([, , , cat]) => only === undefined || cat === only).map(
    ([offset, length, rater, cat]): DkproUnit => [
      Math.trunc(offset * stretch),
      Math.trunc(length * stretch),
      rater,
      cat,
    ],
  );
  return study(2, Math.trunc(24 * stretch), units);
}

describe('unitizingAlpha: Krippendorff (1995) example (DKPro Krippendorff1995Test)', () => {
  it('observed disagreement per category at stretch 1 (testAgreement, ±0.00001)', () => {
    const result = unitizingAlpha(krippendorff1995(1));
    for (const [name, observed] of [
      ['A', 0.03125],
      ['B', 2.26736],
      ['C', 0.02777],
      ['D', 0.38715],
    ] as const) {
      expect(Math.abs((category(result, name).observed as number) - observed)).toBeLessThan(1e-5);
    }
  });

  it('expected disagreement (±0.005) and α (±0.02) per category at stretch 50,000 (testAgreement)', () => {
    const result = unitizingAlpha(krippendorff1995(50_000));
    for (const [name, expected, alpha] of [
      ['A', 0.0699, 0.553],
      ['B', 1.17731, -0.926],
      ['C', 0.08642, 0.679],
      ['D', 0.41445, 0.066],
    ] as const) {
      const entry = category(result, name);
      expect(Math.abs((entry.expected as number) - expected)).toBeLessThanOrEqual(0.005);
      expect(Math.abs((entry.alpha as number) - alpha)).toBeLessThanOrEqual(0.02);
    }
  });

  // testVaryingLengths: category C only (at stretch 0.5 some B units truncate to length 0, which
  // the workbench never produces; per-category values depend on that category's units alone).
  it.each([
    [0.5, 0.05494, 0.00001, 0.494],
    [5, 0.08234, 0.005, 0.663],
    [50, 0.086, 0.005, 0.677],
    [500, 0.08638, 0.005, 0.678],
    [5000, 0.08642, 0.005, 0.679],
    [50_000, 0.08642, 0.005, 0.679],
  ])(
    'category C at stretch %s: D_o 0.02777, D_e %s (±%s), α %s (±0.02)',
    (stretch, expected, tolerance, alpha) => {
      const entry = category(unitizingAlpha(krippendorff1995(stretch, 'C')), 'C');
      expect(Math.abs((entry.observed as number) - 0.02777)).toBeLessThan(1e-5);
      expect(Math.abs((entry.expected as number) - expected)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs((entry.alpha as number) - alpha)).toBeLessThanOrEqual(0.02);
    },
  );
});

describe('unitizingAlpha: DKPro UnitizingAgreementTest', () => {
  it('r0: -11111111-, r1: --1-1-1---: D_o 0.9100, D_e 0.5351, α −0.7003 (±0.0001)', () => {
    const result = unitizingAlpha(
      study(2, 10, [
        [1, 8, 0, 'A'],
        [2, 1, 1, 'A'],
        [4, 1, 1, 'A'],
        [6, 1, 1, 'A'],
      ]),
    );
    const a = category(result, 'A');
    expect(Math.abs((a.observed as number) - 0.91)).toBeLessThanOrEqual(0.0001);
    expect(Math.abs((a.expected as number) - 0.5351)).toBeLessThanOrEqual(0.0001);
    expect(Math.abs((a.alpha as number) + 0.7003)).toBeLessThanOrEqual(0.0001);
  });

  it('a single unit of one of three raters gives α 0 (testSingleAnnotationUnit)', () => {
    const result = unitizingAlpha(study(3, 20, [[0, 1, 0, 'X']]));
    expect(result.alpha as number).toBeCloseTo(0, 12);
  });

  it('no units at all: DKPro gives NaN; here null with a reason (testEmptyAnnotationSet)', () => {
    const result = unitizingAlpha(study(3, 20, []));
    expect(result.alpha).toBeNull();
    expect(result.reason).toMatch(/no rater marked any unit/);
    expect(result.byCategory.size).toBe(0);
  });
});

describe('unitizingAlpha: workbench behaviour beyond DKPro', () => {
  it('is 1 when all raters mark the same units', () => {
    const units: DkproUnit[] = [
      [2, 5, 0, 'X'],
      [10, 3, 0, 'Y'],
      [2, 5, 1, 'X'],
      [10, 3, 1, 'Y'],
    ];
    const result = unitizingAlpha(study(2, 30, units));
    expect(result.alpha).toBe(1);
    expect(category(result, 'X').alpha).toBe(1);
  });

  it("merges a rater's overlapping units of one category into their union, and counts them", () => {
    const nested = unitizingAlpha(
      study(2, 40, [
        [5, 10, 0, 'X'],
        [8, 3, 0, 'X'], // inside the first: merged away
        [5, 10, 1, 'X'],
        [20, 5, 1, 'X'],
      ]),
    );
    const union = unitizingAlpha(
      study(2, 40, [
        [5, 10, 0, 'X'],
        [5, 10, 1, 'X'],
        [20, 5, 1, 'X'],
      ]),
    );
    expect(nested.mergedUnits).toBe(1);
    expect(union.mergedUnits).toBe(0);
    expect(nested.alpha).toBe(union.alpha);
  });

  it('keeps adjacent units apart (they touch, they do not overlap)', () => {
    const result = unitizingAlpha(
      study(2, 20, [
        [0, 5, 0, 'X'],
        [5, 5, 0, 'X'],
        [0, 10, 1, 'X'],
      ]),
    );
    expect(result.mergedUnits).toBe(0);
    expect(category(result, 'X').units).toBe(3);
  });

  it('is null with a reason when D_e = 0 (every position is a one-position unit of every rater)', () => {
    const result = unitizingAlpha(
      study(2, 2, [
        [0, 1, 0, 'X'],
        [1, 1, 0, 'X'],
        [0, 1, 1, 'X'],
        [1, 1, 1, 'X'],
      ]),
    );
    expect(result.alpha).toBeNull();
    expect(category(result, 'X').alpha).toBeNull();
    expect(category(result, 'X').reason).toMatch(/expected disagreement is zero/);
  });

  it('is null with a reason for fewer than two raters', () => {
    const result = unitizingAlpha(study(1, 10, [[0, 3, 0, 'X']]));
    expect(result.alpha).toBeNull();
    expect(result.reason).toMatch(/two or more/);
    expect(category(result, 'X').alpha).toBeNull();
  });

  it('rejects units outside the continuum or of another rater, saying which', () => {
    expect(() => unitizingAlpha(study(2, 10, [[8, 5, 0, 'X']]))).toThrow(WorkbenchError);
    expect(() => unitizingAlpha(study(2, 10, [[8, 5, 0, 'X']]))).toThrow(/Unit 1 \[8, 13\)/);
    expect(() => unitizingAlpha(study(2, 10, [[1, 2, 2, 'X']]))).toThrow(/rater 2/);
    expect(() => unitizingAlpha(study(2, 10, [[1, 0, 0, 'X']]))).toThrow(/non-empty/);
  });
});

/**
 * DKPro's algorithm transcribed step by step (position sweep for D_o, units × gaps for D_e), as an
 * independent reference for the O(n log n) reformulation above. Valid where DKPro is: a rater's
 * units of one category do not overlap.
 */
function dkproCategory(s: UnitizingStudy, cat: string): { observed: number; expected: number } {
  const R = s.raterCount;
  const L = s.length;
  const unitsOf = (r: number) =>
    s.units
      .filter((u) => u.rater === r && u.category === cat)
      .sort((a, b) => a.start - b.start || a.end - b.end);
  type Segment = { offset: number; length: number; unit: boolean };
  const distance = (a: Segment, b: Segment) => {
    const beginDiff = a.offset - b.offset;
    const lengthDiff = a.length - b.length;
    if (a.unit && b.unit && -a.length < beginDiff && beginDiff < b.length) {
      return beginDiff ** 2 + (beginDiff + lengthDiff) ** 2;
    }
    if (a.unit && !b.unit && -lengthDiff >= beginDiff && beginDiff >= 0) return a.length ** 2;
    if (!a.unit && b.unit && -lengthDiff <= beginDiff && beginDiff <= 0) return b.length ** 2;
    return 0;
  };
  const advance = (pos: number, queue: UnitizingUnit[], k: number): [Segment, number] => {
    const next = queue[k];
    if (next && next.start === pos)
      return [{ offset: pos, length: next.end - next.start, unit: true }, k + 1];
    return [{ offset: pos, length: (next ? next.start : L) - pos, unit: false }, k];
  };
  let observed = 0;
  for (let r1 = 0; r1 < R; r1++) {
    for (let r2 = r1 + 1; r2 < R; r2++) {
      const q1 = unitsOf(r1);
      const q2 = unitsOf(r2);
      let k1 = 0;
      let k2 = 0;
      let s1: Segment = { offset: 0, length: 0, unit: false };
      let s2: Segment = { offset: 0, length: 0, unit: false };
      let pos = 0;
      while (pos < L && (k1 < q1.length || k2 < q2.length)) {
        if (pos === s1.offset + s1.length) [s1, k1] = advance(pos, q1, k1);
        if (pos === s2.offset + s2.length) [s2, k2] = advance(pos, q2, k2);
        observed += distance(s1, s2);
        pos = Math.min(s1.offset + s1.length, s2.offset + s2.length);
      }
    }
  }
  observed = (observed * 2) / (R * (R - 1) * L * L);

  const all = s.units.filter((u) => u.category === cat);
  const gaps: number[] = [];
  for (let r = 0; r < R; r++) {
    let pos = 0;
    for (const u of unitsOf(r)) {
      if (u.start > pos) gaps.push(u.start - pos);
      pos = u.end;
    }
    if (pos < L) gaps.push(L - pos);
  }
  let sum = 0;
  let squaredLengths = 0;
  for (const u of all) {
    const l = u.end - u.start;
    squaredLengths += l * (l - 1);
    let gapSum = 0;
    for (const g of gaps) if (g >= l) gapSum += g - l + 1;
    sum += ((all.length - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * gapSum;
  }
  const expected = ((2 / L) * sum) / (R * L * (R * L - 1) - squaredLengths);
  return { observed, expected };
}

describe("unitizingAlpha equals DKPro's own sweep on random studies", () => {
  it('per category D_o and D_e, for 2–4 raters and non-overlapping units per rater', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(
          fc.tuple(
            fc.nat(3),
            fc.nat(59),
            fc.integer({ min: 1, max: 15 }),
            fc.constantFrom('X', 'Y'),
          ),
          {
            maxLength: 30,
          },
        ),
        (raterCount, length, raw) => {
          // Keep the units DKPro accepts: inside the continuum, no overlap within rater+category.
          const units: UnitizingUnit[] = [];
          for (const [rater, start, len, cat] of raw) {
            const unit = { rater: rater % raterCount, start, end: start + len, category: cat };
            if (unit.end > length) continue;
            const clash = units.some(
              (u) =>
                u.rater === unit.rater &&
                u.category === cat &&
                u.start < unit.end &&
                unit.start < u.end,
            );
            if (!clash) units.push(unit);
          }
          const s = { raterCount, length, units };
          const result = unitizingAlpha(s);
          for (const [cat, entry] of result.byCategory) {
            const reference = dkproCategory(s, cat);
            expect(entry.observed as number).toBeCloseTo(reference.observed, 10);
            expect(entry.expected as number).toBeCloseTo(reference.expected, 10);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spanF1, type LabeledSpan } from './span-f1';

const span = (start: number, end: number, label = 0): LabeledSpan => ({ start, end, label });

/** Maximum bipartite matching by augmenting paths (Kuhn): the brute-force reference. */
function maximumOverlapMatching(a: LabeledSpan[], b: LabeledSpan[]): number {
  const intersects = (x: LabeledSpan, y: LabeledSpan) =>
    x.label === y.label && x.start < y.end && y.start < x.end;
  const owner = new Array<number>(b.length).fill(-1);
  const augment = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < b.length; j++) {
      if (seen[j] || !intersects(a[i] as LabeledSpan, b[j] as LabeledSpan)) continue;
      seen[j] = true;
      if (owner[j] === -1 || augment(owner[j] as number, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  let matches = 0;
  for (let i = 0; i < a.length; i++)
    if (augment(i, new Array<boolean>(b.length).fill(false))) matches++;
  return matches;
}

describe('spanF1: exact match', () => {
  it('counts spans equal in start, end and label; A is the reference', () => {
    const a = [span(0, 5), span(10, 15), span(20, 25, 1)];
    const b = [span(0, 5), span(10, 16), span(20, 25, 0)];
    const result = spanF1(a, b, 2);
    expect(result.exact).toEqual({
      matches: 1,
      reference: 3,
      candidate: 3,
      precision: 1 / 3,
      recall: 1 / 3,
      f1: 1 / 3,
    });
    expect(result.byLabel[0]?.exact.f1).toBeCloseTo((2 * 1) / (2 + 3), 12);
    expect(result.byLabel[1]?.exact).toMatchObject({
      matches: 0,
      reference: 1,
      candidate: 0,
      precision: null,
      recall: 0,
      f1: 0,
    });
  });

  it('pairs identical duplicates one-to-one', () => {
    const result = spanF1([span(0, 5), span(0, 5)], [span(0, 5)], 1);
    expect(result.exact.matches).toBe(1);
    expect(result.exact.precision).toBe(1);
    expect(result.exact.recall).toBe(0.5);
  });

  it('is symmetric in F1 and swaps precision and recall', () => {
    const a = [span(0, 5), span(6, 9), span(12, 20)];
    const b = [span(0, 5), span(12, 20)];
    const ab = spanF1(a, b, 1).exact;
    const ba = spanF1(b, a, 1).exact;
    expect(ab.f1).toBe(ba.f1);
    expect(ab.precision).toBe(ba.recall);
    expect(ab.recall).toBe(ba.precision);
  });

  it('is null where undefined: F1 with no spans at all, precision with no candidate spans', () => {
    const none = spanF1([], [], 1);
    expect(none.exact).toEqual({
      matches: 0,
      reference: 0,
      candidate: 0,
      precision: null,
      recall: null,
      f1: null,
    });
    expect(spanF1([span(0, 1)], [], 1).exact).toMatchObject({ precision: null, recall: 0, f1: 0 });
  });
});

describe('spanF1: overlap match', () => {
  it('matches intersecting spans of the same label, not touching ones or other labels', () => {
    const a = [span(0, 10), span(20, 30), span(40, 50, 1)];
    const b = [span(5, 15), span(30, 35), span(45, 55, 0)];
    const result = spanF1(a, b, 2);
    expect(result.overlap.matches).toBe(1);
  });

  it('never counts a span twice: one long span against two short ones inside it', () => {
    const result = spanF1([span(0, 100)], [span(10, 20), span(30, 40)], 1);
    expect(result.overlap.matches).toBe(1);
    expect(result.overlap.precision).toBe(0.5);
    expect(result.overlap.recall).toBe(1);
  });

  it('finds the maximum matching where a first-come choice would not', () => {
    // A1 [0,10) intersects B1 [5,6) and B2 [8,20); A2 [12,14) only B2. Taking B2 for A1 would
    // leave A2 unmatched; the maximum is 2.
    const result = spanF1([span(0, 10), span(12, 14)], [span(8, 20), span(5, 6)], 1);
    expect(result.overlap.matches).toBe(2);
  });

  it('equals a brute-force maximum bipartite matching on random spans', () => {
    const arbSpan = fc
      .tuple(fc.nat(40), fc.integer({ min: 1, max: 12 }), fc.nat(1))
      .map(([start, length, label]) => span(start, start + length, label));
    fc.assert(
      fc.property(
        fc.array(arbSpan, { maxLength: 12 }),
        fc.array(arbSpan, { maxLength: 12 }),
        (a, b) => {
          const result = spanF1(a, b, 2);
          expect(result.overlap.matches).toBe(maximumOverlapMatching(a, b));
          expect(result.exact.matches).toBeLessThanOrEqual(result.overlap.matches);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

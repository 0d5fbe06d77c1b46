import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LaneSpan } from './lanes';
import { assignLanes, freeLane, overlaps } from './lanes';

const s = (start: number, end: number): LaneSpan => ({ start, end });

describe('assignLanes', () => {
  it.each([
    ['disjoint spans share lane 0', [s(0, 5), s(6, 9), s(9, 12)], [0, 0, 0]],
    ['nested spans go one lane deeper each', [s(0, 30), s(5, 20), s(8, 12)], [0, 1, 2]],
    [
      'the outer span gets the lower lane whatever the order',
      [s(8, 12), s(5, 20), s(0, 30)],
      [2, 1, 0],
    ],
    ['crossing spans take two lanes', [s(0, 10), s(5, 15)], [0, 1]],
    ['same start: the longer is outer', [s(3, 6), s(3, 12)], [1, 0]],
    ['a lane is reused once free', [s(0, 10), s(2, 4), s(6, 8), s(12, 14)], [0, 1, 1, 0]],
    ['empty spans overlap nothing', [s(0, 10), s(4, 4)], [0, 1]],
  ])('%s', (_, spans, lanes) => {
    expect(assignLanes(spans)).toEqual(lanes);
  });

  it('never gives two overlapping spans the same lane, and uses no more lanes than needed', () => {
    const span = fc
      .tuple(fc.nat(50), fc.nat(20))
      .map(([start, length]) => s(start, start + length));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 40 }), (spans) => {
        const lanes = assignLanes(spans);
        for (let i = 0; i < spans.length; i++) {
          for (let j = i + 1; j < spans.length; j++) {
            if (overlaps(spans[i]!, spans[j]!)) expect(lanes[i]).not.toBe(lanes[j]);
          }
        }
        // The deepest overlap at any point is a lower bound; greedy colouring meets it.
        let depth = 0;
        for (let x = 0; x < 70; x++) {
          depth = Math.max(depth, spans.filter((sp) => sp.start <= x && x < sp.end).length);
        }
        expect(
          Math.max(0, ...lanes.map((l, i) => (spans[i]!.start < spans[i]!.end ? l + 1 : 0))),
        ).toBe(depth);
      }),
    );
  });
});

describe('freeLane', () => {
  it('takes the lowest lane none of the overlapping spans uses', () => {
    const placed = [
      { span: s(0, 10), lane: 0 },
      { span: s(2, 4), lane: 2 },
      { span: s(20, 30), lane: 1 },
    ];
    expect(freeLane(s(3, 5), placed)).toBe(1);
    expect(freeLane(s(1, 9), placed)).toBe(1);
    expect(freeLane(s(10, 20), placed)).toBe(0);
    expect(freeLane(s(5, 25), placed)).toBe(2);
  });
});

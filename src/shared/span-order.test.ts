import { describe, expect, it } from 'vitest';
import { adjacentSpan, type StepDirection } from './span-order';

// Deliberately out of order: "b" and "c" start together, "c" is shorter.
const spans = [
  { id: 'd', start: 40, end: 45 },
  { id: 'b', start: 10, end: 30 },
  { id: 'a', start: 0, end: 5 },
  { id: 'c', start: 10, end: 12 },
];

describe('adjacentSpan', () => {
  it.each<[string, string | null, number | null, StepDirection, string | null]>([
    ['next after the current', 'a', null, 1, 'c'],
    ['nested spans: shorter first', 'c', null, 1, 'b'],
    ['previous of the current', 'b', null, -1, 'c'],
    ['no wrap at the end', 'd', null, 1, null],
    ['no wrap at the start', 'a', null, -1, null],
    ['no current, no caret: first', null, null, 1, 'a'],
    ['no current, no caret: last', null, null, -1, 'd'],
    ['from the caret forwards', null, 6, 1, 'c'],
    ['from the caret backwards', null, 40, -1, 'b'],
    ['a span at the caret counts as next', null, 40, 1, 'd'],
    ['a current span that is gone falls back to the caret', 'zz', 41, -1, 'd'],
  ])('%s', (_name, current, caret, direction, expected) => {
    expect(adjacentSpan(spans, current, caret, direction)?.id ?? null).toBe(expected);
  });

  it('finds nothing in an empty document', () => {
    expect(adjacentSpan([], null, 3, 1)).toBeNull();
  });
});

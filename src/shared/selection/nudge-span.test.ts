import { describe, expect, it } from 'vitest';
import { nudgeSpan, type NudgeDirection, type NudgeUnit, type SpanEdge } from './nudge-span';
import { markRange, parseRange } from './range-notation.fixture';

describe('nudgeSpan', () => {
  it.each<[string, SpanEdge, NudgeDirection, NudgeUnit, string | null]>([
    ['said ⟦James⟧ Comey, today', 'end', 1, 'word', 'said ⟦James Comey⟧, today'],
    ['said ⟦James Comey⟧, today', 'end', 1, 'word', 'said ⟦James Comey, today⟧'],
    ['said ⟦James Comey⟧ today', 'end', -1, 'word', 'said ⟦James⟧ Comey today'],
    ['said ⟦James⟧ Comey', 'end', -1, 'word', null],
    ['FBI director ⟦James⟧', 'start', -1, 'word', 'FBI ⟦director James⟧'],
    ['said ⟦James Comey⟧', 'start', 1, 'word', 'said James ⟦Comey⟧'],
    ['said ⟦James⟧', 'start', 1, 'word', null],
    ['⟦said⟧', 'start', -1, 'word', null],
    ['⟦said⟧', 'end', 1, 'word', null],
    ['end of one.\n\n⟦Next⟧', 'start', -1, 'word', 'end of ⟦one.\n\nNext⟧'],
    ['⟦one⟧\n\nnext line', 'end', 1, 'word', '⟦one\n\nnext⟧ line'],
    ['the ⟦high⟧-tech firms', 'end', 1, 'word', 'the ⟦high-tech⟧ firms'],
    ['said ⟦James⟧ Comey', 'end', 1, 'character', 'said ⟦James ⟧Comey'],
    ['said ⟦James⟧ Comey', 'end', -1, 'character', 'said ⟦Jame⟧s Comey'],
    ['said ⟦James⟧ Comey', 'start', -1, 'character', 'said⟦ James⟧ Comey'],
    ['said ⟦James⟧ Comey', 'start', 1, 'character', 'said J⟦ames⟧ Comey'],
    ['great ⟦news⟧🙂 here', 'end', 1, 'character', 'great ⟦news🙂⟧ here'],
    ['great ⟦news👩‍👩‍👧⟧ here', 'end', -1, 'character', 'great ⟦news⟧👩‍👩‍👧 here'],
    ['⟦a⟧', 'end', -1, 'character', null],
    ['⟦a⟧', 'start', -1, 'character', null],
  ])('%s: %s %i by %s', (marked, edge, direction, unit, expected) => {
    const { text, start, end } = parseRange(marked);
    expect(markRange(text, nudgeSpan(text, { start, end }, edge, direction, unit))).toBe(expected);
  });

  it('finds the next word beyond the segmenting window of a very long line', () => {
    const text = `start${' '.repeat(9000)}end`;
    const grown = nudgeSpan(text, { start: 0, end: 5 }, 'end', 1, 'word');
    expect(grown).toEqual({ start: 0, end: text.length });
    const back = nudgeSpan(text, { start: text.length - 3, end: text.length }, 'start', -1, 'word');
    expect(back).toEqual({ start: 0, end: text.length });
  });
});

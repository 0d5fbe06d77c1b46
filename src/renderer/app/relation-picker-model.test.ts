import { describe, expect, it } from 'vitest';
import defaultCodebook from '../../../resources/codebook.default.json';
import { Codebook, type Annotation } from '../../shared/model';
import { relationCandidates } from '../../shared/relation-rules';
import {
  INITIAL_PICKER_STATE,
  candidateTypes,
  filterCandidates,
  foldForSearch,
  pickerKey,
} from './relation-picker-model';

const codebook = Codebook.parse(defaultCodebook);

function span(id: string, label: string, start: number, quote: string): Annotation {
  return {
    id,
    doc: 'd',
    label,
    start,
    end: start + quote.length,
    quote,
    prefix: '',
    suffix: '',
    attributes: {},
    annotator: 'alice',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    origin: { kind: 'manual' },
  };
}

const claim = span('claim', 'Claim', 100, 'we will not weaken encryption');
const spans = [
  claim,
  span('comey', 'Actor', 0, 'FBI director James Comey'),
  span('lynch', 'Actor', 40, 'attorney general Loretta Lynch'),
  span('enc', 'Policy topic', 140, 'encryption'),
  span('sp', 'Policy topic', 300, 'São Paulo 2016 summit'),
];
const candidates = relationCandidates(claim, spans, [], codebook);

describe('filterCandidates', () => {
  it('keeps the nearest-first order and filters by every typed word, any case or accent', () => {
    const ids = (query: string, type: string | null = null) =>
      filterCandidates(candidates, { query, type }).map((c) => c.span.id);
    expect(ids('')).toEqual(['enc', 'lynch', 'comey', 'sp']);
    expect(ids('comey')).toEqual(['comey']);
    expect(ids('  JAMES   fbi ')).toEqual(['comey']);
    expect(ids('sao')).toEqual(['sp']);
    expect(ids('actor')).toEqual(['lynch', 'comey']);
    expect(ids('made')).toEqual(['lynch', 'comey']);
    expect(ids('', 'about')).toEqual(['enc', 'sp']);
    expect(ids('2016', 'about')).toEqual(['sp']);
    expect(ids('nobody')).toEqual([]);
  });

  it('folds text for search', () => {
    expect(foldForSearch('  Zoë\u00a0Ünal ')).toBe('zoe unal');
  });
});

describe('pickerKey', () => {
  const types = candidateTypes(candidates, codebook);

  it('offers the types among the candidates in codebook order', () => {
    expect(types).toEqual(['made by', 'about']);
  });

  it('moves within the rows, picks, cancels', () => {
    const at = (active: number) => ({ ...INITIAL_PICKER_STATE, active });
    expect(pickerKey('ArrowDown', at(0), 4, types)).toEqual({ kind: 'move', to: 1 });
    expect(pickerKey('ArrowDown', at(3), 4, types)).toEqual({ kind: 'move', to: 3 });
    expect(pickerKey('ArrowUp', at(0), 4, types)).toEqual({ kind: 'move', to: 0 });
    expect(pickerKey('PageDown', at(1), 40, types)).toEqual({ kind: 'move', to: 11 });
    expect(pickerKey('PageUp', at(5), 40, types)).toEqual({ kind: 'move', to: 0 });
    expect(pickerKey('Enter', at(0), 4, types)).toEqual({ kind: 'pick' });
    expect(pickerKey('Enter', at(0), 0, types)).toEqual({ kind: 'none' });
    expect(pickerKey('Escape', at(0), 4, types)).toEqual({ kind: 'cancel' });
    expect(pickerKey('x', at(0), 4, types)).toEqual({ kind: 'none' });
  });

  it('chooses the relation type by number while nothing is typed', () => {
    expect(pickerKey('2', INITIAL_PICKER_STATE, 4, types)).toEqual({
      kind: 'type',
      type: 'about',
    });
    expect(pickerKey('0', INITIAL_PICKER_STATE, 4, types)).toEqual({ kind: 'type', type: null });
    expect(pickerKey('3', INITIAL_PICKER_STATE, 4, types)).toEqual({ kind: 'none' });
    // Typed text takes numbers as text; one type only needs no choosing.
    expect(pickerKey('2', { ...INITIAL_PICKER_STATE, query: 'x' }, 4, types)).toEqual({
      kind: 'none',
    });
    expect(pickerKey('1', INITIAL_PICKER_STATE, 4, ['made by'])).toEqual({ kind: 'none' });
  });
});

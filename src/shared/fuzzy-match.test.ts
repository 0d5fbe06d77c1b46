import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch } from './fuzzy-match';

const COMMANDS = [
  'Tag as Actor',
  'Tag as Claim',
  'Tag as Policy topic',
  'Undo',
  'Redo',
  'Delete the selected span',
  'Expand the selection to the sentence',
  'Expand the selection to the quotation',
  'Next annotation',
  'Previous annotation',
  'Show keyboard shortcuts',
  'Open document: US officials to meet tech firms',
  'Go to the annotation list',
];

const titles = (query: string) => fuzzyFilter(COMMANDS, query, (c) => c).map((r) => r.item);

describe('fuzzyMatch', () => {
  it.each<[string, string, number[] | null]>([
    ['tac', 'Tag as Actor', [0, 7, 8]],
    ['TAG', 'Tag as Actor', [0, 1, 2]],
    ['actor', 'Tag as Actor', [7, 8, 9, 10, 11]],
    ['tag actor', 'Tag as Actor', [0, 1, 2, 7, 8, 9, 10, 11]],
    ['xyz', 'Tag as Actor', null],
    ['rota', 'Tag as Actor', null],
    ['', 'anything', []],
    ['n', '🙂 news', [3]],
  ])('%s in %s', (query, candidate, positions) => {
    expect(fuzzyMatch(query, candidate)?.positions ?? null).toEqual(positions);
  });

  it('prefers word starts and runs over scattered letters', () => {
    expect(fuzzyMatch('sen', 'Expand the selection to the sentence')!.positions).toEqual([
      28, 29, 30,
    ]);
  });
});

describe('fuzzyFilter', () => {
  it.each<[string, string[]]>([
    ['claim', ['Tag as Claim']],
    ['tag ac', ['Tag as Actor', 'Tag as Claim']],
    ['sent', ['Expand the selection to the sentence', 'Expand the selection to the quotation']],
    ['quot', ['Expand the selection to the quotation']],
    ['prev', ['Previous annotation']],
    ['open us', ['Open document: US officials to meet tech firms']],
    ['zzz', []],
  ])('%s', (query, expected) => {
    expect(titles(query).slice(0, expected.length)).toEqual(expected);
    if (expected.length === 0) expect(titles(query)).toEqual([]);
  });

  it('keeps every item in order for an empty query', () => {
    expect(titles('  ')).toEqual(COMMANDS);
  });
});

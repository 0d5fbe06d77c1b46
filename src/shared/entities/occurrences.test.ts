import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findWholeWordOccurrences, untaggedOccurrences } from './occurrences';

/** The matched texts, for readable expectations. */
function found(text: string, needles: string[], caseSensitive = true): string[] {
  return findWholeWordOccurrences(text, needles, { caseSensitive }).map((o) =>
    text.slice(o.start, o.end),
  );
}

describe('findWholeWordOccurrences: whole words only', () => {
  const cases: [string, string, string[], string[]][] = [
    ['plain word', 'Comey said. Comey left.', ['Comey'], ['Comey', 'Comey']],
    ['not inside a longer word', 'Comeyism and Comey', ['Comey'], ['Comey']],
    ['not a word ending', 'McComey met Comey', ['Comey'], ['Comey']],
    ['after punctuation', '(Comey), Comey; "Comey"', ['Comey'], ['Comey', 'Comey', 'Comey']],
    ['curly quotes around it', 'He said “Comey” twice.', ['Comey'], ['Comey']],
    ['possessive, straight apostrophe', "Comey's memo", ['Comey'], ['Comey']],
    ['possessive, curly apostrophe', 'Comey’s memo', ['Comey'], ['Comey']],
    ['a contraction that is no possessive', 'Comey’d left', ['Comey'], []],
    ['hyphenated compound', 'the anti-Comey camp', ['Comey'], ['Comey']],
    ['at the very start and end', 'Comey', ['Comey'], ['Comey']],
    [
      'across a non-breaking space',
      'James\u00a0Comey spoke',
      ['James Comey'],
      ['James\u00a0Comey'],
    ],
    ['across two spaces', 'James  Comey spoke', ['James Comey'], ['James  Comey']],
    ['never across a line break', 'James\nComey spoke', ['James Comey'], []],
    ['curly apostrophe in the needle matches straight', "O'Brien said", ['O’Brien'], ["O'Brien"]],
    ['straight apostrophe in the needle matches curly', 'O’Brien said', ["O'Brien"], ['O’Brien']],
    ['regex characters are literal', 'AT&T (U.S.) and ATxT', ['AT&T', 'U.S.'], ['AT&T', 'U.S.']],
    ['a needle ending in a full stop', 'the U.S. said', ['U.S.'], ['U.S.']],
    ['digits are words too', 'G20 and G2', ['G2'], ['G2']],
    ['case-sensitive by default', 'COMEY and Comey', ['Comey'], ['Comey']],
    ['empty and blank needles are ignored', 'Comey', ['', '  ', 'Comey'], ['Comey']],
  ];
  it.each(cases)('%s', (_name, text, needles, expected) => {
    expect(found(text, needles)).toEqual(expected);
  });

  it('matches any case when asked, keeping the text as written', () => {
    expect(found('COMEY and comey and Comey', ['Comey'], false)).toEqual([
      'COMEY',
      'comey',
      'Comey',
    ]);
  });

  it('keeps UTF-16 offsets right after an emoji (a surrogate pair) before the match', () => {
    const text = '🙂 Comey 🇺🇸Comey';
    const hits = findWholeWordOccurrences(text, ['Comey']);
    expect(hits.map((h) => [h.start, h.end])).toEqual([
      [3, 8],
      [13, 18],
    ]);
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe('Comey');
  });

  it('prefers the longest of overlapping needles, reporting which needle matched', () => {
    const text = 'FBI director James Comey met Comey and James.';
    expect(findWholeWordOccurrences(text, ['Comey', 'James Comey', 'James'])).toEqual([
      { start: 13, end: 24, needle: 'James Comey' },
      { start: 29, end: 34, needle: 'Comey' },
      { start: 39, end: 44, needle: 'James' },
    ]);
  });

  it('finds a needle that overlaps itself', () => {
    expect(found('New York New York New', ['New York New'])).toEqual(['New York New']);
    expect(found('ha ha ha', ['ha ha'])).toEqual(['ha ha']);
  });

  it('agrees with segmenting the whole text (line-by-line segmentation changes nothing)', () => {
    const alphabet = ['a', 'b', ' ', '\n', "'", '’', '.', '-', '🙂', '\u0301', '1', ','];
    const segmenter = new Intl.Segmenter('en', { granularity: 'word' });
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((cs) => cs.join('')),
        fc.constantFrom('a', 'ab', 'b a', "a'b", '1'),
        (text, needle) => {
          const boundaries = new Set([...segmenter.segment(text)].map((s) => s.index));
          boundaries.add(text.length);
          for (const o of findWholeWordOccurrences(text, [needle])) {
            expect(boundaries.has(o.start)).toBe(true);
            const possessive = /^['’][sS]/.test(text.slice(o.end));
            expect(boundaries.has(o.end) || (possessive && boundaries.has(o.end + 2))).toBe(true);
          }
        },
      ),
    );
  });
});

describe('untaggedOccurrences', () => {
  const text = 'FBI director James Comey met James Comey and Comey.';
  const occurrences = findWholeWordOccurrences(text, ['James Comey', 'Comey']);
  const at = (needle: string, from = 0) => {
    const start = text.indexOf(needle, from);
    return { start, end: start + needle.length };
  };
  const cases: [string, { start: number; end: number; label: string }[], string[]][] = [
    ['nothing tagged', [], ['13-24', '29-40', '45-50']],
    [
      'an identical span of the label',
      [{ ...at('James Comey', 20), label: 'Actor' }],
      ['13-24', '45-50'],
    ],
    [
      'a longer span of the label around it',
      [{ ...at('FBI director James Comey'), label: 'Actor' }],
      ['29-40', '45-50'],
    ],
    [
      'a span of another label does not count',
      [{ ...at('James Comey met James Comey'), label: 'Claim' }],
      ['13-24', '29-40', '45-50'],
    ],
    [
      'a shorter span of the label inside it does not cover it',
      [{ ...at('Comey', 30), label: 'Actor' }],
      ['13-24', '29-40', '45-50'],
    ],
    [
      'a span of the label overlapping only part of it does not cover it',
      [{ ...at('Comey met'), label: 'Actor' }],
      ['13-24', '29-40', '45-50'],
    ],
  ];
  it.each(cases)('%s', (_name, tagged, expected) => {
    expect(
      untaggedOccurrences(occurrences, tagged, 'Actor').map((o) => `${o.start}-${o.end}`),
    ).toEqual(expected);
  });
});

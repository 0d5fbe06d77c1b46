import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitsSurrogatePair } from '../offsets';
import { markRange, parseRange } from './range-notation.fixture';
import { snapToWords } from './snap-to-words';

const snap = (marked: string) => {
  const { text, start, end } = parseRange(marked);
  return markRange(text, snapToWords(text, start, end));
};

describe('snapToWords', () => {
  it.each<[string, string, string | null]>([
    ['whole words stay', 'said ⟦James Comey⟧ today', 'said ⟦James Comey⟧ today'],
    ['grows at both ends', 'said Ja⟦mes Com⟧ey today', 'said ⟦James Comey⟧ today'],
    ['trailing space', 'said ⟦James ⟧Comey', 'said ⟦James⟧ Comey'],
    ['leading spaces', 'said⟦  James⟧ Comey', 'said  ⟦James⟧ Comey'],
    ['sentence-final period', 'met ⟦Lisa Monaco.⟧ Then', 'met ⟦Lisa Monaco⟧. Then'],
    ['comma and space', '⟦Facebook, ⟧Google', '⟦Facebook⟧, Google'],
    ['colon', 'official said⟦: The⟧ admin', 'official said: ⟦The⟧ admin'],
    ['abbreviation with inner periods', 'in the ⟦U.S.⟧ and', 'in the ⟦U.S.⟧ and'],
    ['abbreviation grown from inside', 'in the U⟦.S⟧. and', 'in the ⟦U.S.⟧ and'],
    ['abbreviation at the end of a sentence', 'lives in the ⟦U.S⟧.', 'lives in the ⟦U.S.⟧'],
    ['a period after an abbreviation', 'in the ⟦U.S..⟧', 'in the ⟦U.S.⟧.'],
    ['title', 'met ⟦Dr⟧. Smith', 'met ⟦Dr.⟧ Smith'],
    ['company suffix', 'said ⟦Apple Inc.⟧ yesterday', 'said ⟦Apple Inc.⟧ yesterday'],
    ['initial', 'President ⟦George W.⟧ Bush', 'President ⟦George W.⟧ Bush'],
    ['hyphen separates words', '⟦Obama⟧-era policy', '⟦Obama⟧-era policy'],
    ['mid-word in a hyphenated word', 'make ⟦high-te⟧ch firms', 'make ⟦high-tech⟧ firms'],
    ['trailing hyphen', 'the ⟦Obama-⟧era', 'the ⟦Obama⟧-era'],
    ['possessive is one word', 'at ⟦Obama’⟧s meeting', 'at ⟦Obama’s⟧ meeting'],
    ['date with numbers', 'on 1⟦3 Novem⟧ber 2015.', 'on ⟦13 November⟧ 2015.'],
    ['whole date', 'on ⟦13 November 2015.⟧', 'on ⟦13 November 2015⟧.'],
    ['number with separators', 'paid ⟦1,000.5⟧ dollars', 'paid ⟦1,000.5⟧ dollars'],
    ['currency and percent kept', 'a ⟦$5 rise of 3%⟧.', 'a ⟦$5 rise of 3%⟧.'],
    ['hashtag kept', 'tweeted ⟦#tag⟧ again', 'tweeted ⟦#tag⟧ again'],
    ['NBSP trimmed', 'on\u00a0⟦13\u00a0⟧November', 'on\u00a0⟦13⟧\u00a0November'],
    ['NBSP inside kept', 'on ⟦13\u00a0Nov⟧ember', 'on ⟦13\u00a0November⟧'],
    [
      'closing quote kept when its opening quote is inside',
      'said ⟦“no”⟧ today',
      'said ⟦“no”⟧ today',
    ],
    ['closing quote kept, quote opened inside', 'he ⟦said “no”⟧ today', 'he ⟦said “no”⟧ today'],
    ['stray closing quote and period trimmed', 'said “⟦no.”⟧ today', 'said “⟦no⟧.” today'],
    ['stray opening quote trimmed', 'said ⟦“no⟧ way”', 'said “⟦no⟧ way”'],
    ['period inside a quote kept', 'said ⟦“no.”⟧ Then', 'said ⟦“no.”⟧ Then'],
    ['straight quotes', 'he ⟦said "no"⟧.', 'he ⟦said "no"⟧.'],
    ['straight quote unmatched', 'he said "⟦no" ⟧today', 'he said "⟦no⟧" today'],
    ['single curly quotes', '⟦‘fake news’⟧ claims', '⟦‘fake news’⟧ claims'],
    ['brackets matched', '⟦Islamic State (IS)⟧ and', '⟦Islamic State (IS)⟧ and'],
    ['bracket unmatched', 'Islamic State ⟦(IS⟧) and', 'Islamic State (⟦IS⟧) and'],
    ['emoji kept whole', 'great ⟦news 🙂⟧ here', 'great ⟦news 🙂⟧ here'],
    ['edge inside a surrogate pair grows', 'great 🙂\ud83d⟦\ude42 news⟧', 'great 🙂⟦🙂 news⟧'],
    ['ZWJ sequence kept whole', 'the ⟦👩‍👩⟧‍👧 family', 'the ⟦👩‍👩‍👧⟧ family'],
    ['across a line break', 'end of one.\n\n⟦Next⟧ line', 'end of one.\n\n⟦Next⟧ line'],
    ['only punctuation', 'one⟦, ⟧two', null],
    ['only spaces', 'one⟦   ⟧two', null],
    ['caret', 'one⟦⟧ two', null],
  ])('%s', (_name, input, expected) => {
    expect(snap(input)).toBe(expected);
  });

  it('reads a backwards range like a forwards one and clamps to the text', () => {
    const text = 'said James Comey today';
    expect(snapToWords(text, 13, 6)).toEqual({ start: 5, end: 16 });
    expect(snapToWords(text, -4, 99)).toEqual({ start: 0, end: text.length });
  });

  it('on the corpus: every selection of a few words snaps to whole, trimmed words', () => {
    const dir = join(import.meta.dirname, '../../../corpus');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      const words = [...new Intl.Segmenter('en', { granularity: 'word' }).segment(text)].filter(
        (s) => s.isWordLike,
      );
      for (let i = 0; i + 3 < words.length; i += 7) {
        const first = words[i]!;
        const last = words[i + 3]!;
        // Start and end one unit inside the first and last word: the words come back whole.
        const start = first.index + Math.min(1, first.segment.length - 1);
        const end = last.index + Math.max(1, last.segment.length - 1);
        const range = snapToWords(text, start, end)!;
        expect(range.start).toBe(first.index);
        expect(range.end).toBeGreaterThanOrEqual(last.index + last.segment.length);
        expect(text.slice(range.start, range.end)).not.toMatch(/^[\s,.;:!?]|[\s,;:!?]$/u);
      }
    }
  });

  it('is idempotent, stays inside the text and never cuts a surrogate pair', () => {
    const pieces = [
      'word',
      ' ',
      '  ',
      '.',
      ',',
      '“',
      '”',
      '"',
      "'",
      '-',
      'U.S.',
      '🙂',
      '\u00a0',
      '\n',
      '13',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join('')),
        fc.nat(),
        fc.nat(),
        (text, a, b) => {
          const start = text.length ? a % (text.length + 1) : 0;
          const end = text.length ? b % (text.length + 1) : 0;
          const range = snapToWords(text, start, end);
          if (range === null) return;
          expect(range.start).toBeGreaterThanOrEqual(0);
          expect(range.end).toBeLessThanOrEqual(text.length);
          expect(range.start).toBeLessThan(range.end);
          expect(splitsSurrogatePair(text, range.start)).toBe(false);
          expect(splitsSurrogatePair(text, range.end)).toBe(false);
          expect(snapToWords(text, range.start, range.end)).toEqual(range);
        },
      ),
    );
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordTokens } from './word-tokens';

/** The definition the fast tokenizer must reproduce: Intl.Segmenter, word-like segments only. */
function referenceTokens(text: string): Array<[number, number]> {
  const segmenter = new Intl.Segmenter('en', { granularity: 'word' });
  return [...segmenter.segment(text)]
    .filter((s) => s.isWordLike)
    .map((s) => [s.index, s.index + s.segment.length]);
}

function tokenPairs(text: string): Array<[number, number]> {
  const { starts, ends } = wordTokens(text);
  return Array.from(starts, (start, i) => [start, ends[i] as number]);
}

/**
 * Characters chosen to hit every class the fast path models, every boundary between the fast path
 * and the segmenter, and the rules that reach across a character (WB6/7, WB11/12, WB4, WB3c/d).
 */
const ALPHABET = [
  ...'aZé ßŁ09 .,;:\'’‘·_-—–"“”()!?\n\t\u00a0©€'.split(''),
  '\u0301', // combining acute (Extend: attaches to what precedes it, even a space)
  '\u00ad', // soft hyphen (Format)
  '\u200d', // zero-width joiner
  '😀', // emoji (Extended_Pictographic, astral)
  '🇩🇪', // regional indicators
  '東京', // ideographs (dictionary segmentation)
  'ש', // Hebrew letter (the rules for '"' between Hebrew letters)
  'ア', // Katakana
  '\r\n',
  '  ',
];

describe('wordTokens', () => {
  it('equals Intl.Segmenter word-like segments on random text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(tokenPairs(text)).toEqual(referenceTokens(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('classifies every fast-path character as the segmenter does, in every context', () => {
    // Each character of Latin-1 and Latin Extended-A plus the curly quotes and dashes, placed
    // between letters, between digits, and next to spaces: the contexts in which its class shows.
    const chars = [];
    for (let c = 0x20; c <= 0x17f; c++) chars.push(String.fromCharCode(c));
    chars.push(...'\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac');
    for (const c of chars) {
      for (const text of [
        `ab${c}cd`,
        `12${c}34`,
        `a${c}1`,
        `1${c}a`,
        `${c}${c}`,
        ` ${c} `,
        `${c}x y${c}`,
      ]) {
        expect(tokenPairs(text), JSON.stringify(text)).toEqual(referenceTokens(text));
      }
    }
  });

  it('equals Intl.Segmenter on the bundled news corpus', () => {
    const dir = join(__dirname, '../../../corpus');
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(tokenPairs(text)).toEqual(referenceTokens(text));
    }
  });

  it('keeps abbreviations, contractions and numbers whole', () => {
    const text = "The U.S. won’t pay $1,000.50 (about 2.5%) to l’État: don't.";
    const words = tokenPairs(text).map(([s, e]) => text.slice(s, e));
    expect(words).toEqual([
      'The',
      'U.S',
      'won’t',
      'pay',
      '1,000.50',
      'about',
      '2.5',
      'to',
      'l’État',
      "don't",
    ]);
  });

  it('returns no tokens for empty or word-free text', () => {
    expect(tokenPairs('')).toEqual([]);
    expect(tokenPairs(' \n — “” ')).toEqual([]);
  });
});

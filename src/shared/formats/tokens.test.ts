import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Token } from './tokens';
import { tokenize } from './tokens';

const WS = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/**
 * The definition tokens.ts implements, written the slow, obvious way: segment the whole text with
 * Intl.Segmenter, cut segments where whitespace starts or stops, then apply spaCy's space rule.
 */
function reference(text: string): Token[] {
  const pieces: { text: string; start: number }[] = [];
  for (const { segment, index } of new Intl.Segmenter('und', { granularity: 'word' }).segment(
    text,
  )) {
    let from = 0;
    for (let i = 1; i <= segment.length; i++) {
      if (i === segment.length || WS.test(segment[i]!) !== WS.test(segment[i - 1]!)) {
        pieces.push({ text: segment.slice(from, i), start: index + from });
        from = i;
      }
    }
  }
  // Whitespace runs are maximal: join adjacent whitespace pieces.
  const runs: { text: string; start: number; space: boolean }[] = [];
  for (const piece of pieces) {
    const space = WS.test(piece.text[0]!);
    const last = runs[runs.length - 1];
    if (space && last?.space) last.text += piece.text;
    else runs.push({ ...piece, space });
  }
  const tokens: Token[] = [];
  for (const run of runs) {
    let text = run.text;
    let start = run.start;
    const previous = tokens[tokens.length - 1];
    if (run.space && previous && text[0] === ' ') {
      previous.ws = true;
      text = text.slice(1);
      start++;
    }
    if (!text) continue;
    const ws = run.space && text.length > 1 && text.endsWith(' ');
    if (ws) text = text.slice(0, -1);
    tokens.push({ text, start, end: start + text.length, ws });
  }
  return tokens;
}

const rebuild = (tokens: Token[]) => tokens.map((t) => t.text + (t.ws ? ' ' : '')).join('');

/** Characters that exercise every fast-path edge and the segmenter's rules. */
const ALPHABET = [
  'a',
  'Z',
  '7',
  ' ',
  ' ',
  '\n',
  '\u00a0',
  '\t',
  '.',
  ',',
  "'",
  '’',
  '“',
  '”',
  '"',
  '(',
  ')',
  ':',
  '-',
  '_',
  'é',
  'e\u0301',
  '\u0301',
  '😀',
  '👍🏽',
  '👩‍👩‍👧',
  '\u200d',
  '\ufeff',
  '🇩🇪',
  '中',
  '文',
  'ش',
  '\u2028',
  '!',
  '?',
  '$',
  '%',
  '10',
  '¿',
];
/** Short strings near the fast path's edges: ASCII words with marks inside and around them. */
const NEAR_PLAIN = [
  'a',
  'B',
  '1',
  ' ',
  '.',
  ',',
  ';',
  ':',
  "'",
  '’',
  '‘',
  '(',
  ')',
  '“',
  '”',
  '"',
  '-',
  '–',
  '—',
  '_',
  '!',
  '@',
  '$',
  '#',
  'é',
  'ß',
  '×',
  '«',
  '¿',
  '\u00a0',
  '\n',
  '\u2009',
  '\ufeff',
];
/** Every character the fast path classifies itself, and a few beyond each of its ranges. */
const KNOWN_RANGES = fc.oneof(
  fc.integer({ min: 0x00, max: 0x2ff }),
  fc.integer({ min: 0x2000, max: 0x206f }),
  fc.constantFrom(0x1680, 0x3000, 0x0300, 0x0301),
);
const text = fc.oneof(
  fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((parts) => parts.join('')),
  fc.array(fc.constantFrom(...NEAR_PLAIN), { maxLength: 10 }).map((parts) => parts.join('')),
  fc
    .array(fc.oneof(KNOWN_RANGES, fc.constantFrom(0x61, 0x31, 0x20)), { maxLength: 8 })
    .map((codes) => String.fromCharCode(...codes)),
);

describe('tokenize', () => {
  it('splits words, punctuation and emoji as Unicode word boundaries do, with spaCy spaces', () => {
    const tokens = tokenize("👍🏽 Comey's “U.S.” e-mail:  \n x");
    expect(tokens.map((t) => [t.text, t.ws])).toEqual([
      ['👍🏽', true],
      ["Comey's", true],
      ['“', false],
      ['U.S', false],
      ['.', false],
      ['”', true],
      ['e', false],
      ['-', false],
      ['mail', false],
      [':', true],
      [' \n', true],
      ['x', false],
    ]);
  });

  it('is the same as segmenting the whole text with Intl.Segmenter (property)', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(tokenize(s)).toEqual(reference(s));
      }),
      { numRuns: 10000 },
    );
  });

  it('rebuilds the text from tokens and spaces, as spaCy Doc(words, spaces) does (property)', () => {
    fc.assert(
      fc.property(text, (s) => {
        const tokens = tokenize(s);
        expect(rebuild(tokens)).toBe(s);
        for (const t of tokens) {
          expect(t.text.length).toBeGreaterThan(0);
          expect(s.slice(t.start, t.end)).toBe(t.text);
        }
      }),
      { numRuns: 10000 },
    );
  });
});

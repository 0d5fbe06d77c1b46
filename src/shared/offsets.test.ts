import { describe, expect, it } from 'vitest';
import { OffsetConverter, splitsSurrogatePair } from './offsets';

/** Python's view of a string: an array of code points. */
const codePoints = (s: string) => Array.from(s);

describe('OffsetConverter', () => {
  const cases: Array<[name: string, text: string]> = [
    ['ascii', 'FBI director James Comey'],
    ['bmp only (nbsp, curly quotes, ©)', 'a\u00a0“b” © c'],
    ['emoji before', '👍🏽 FBI director 😀 James Comey'],
    ['astral at both ends', '𝔘x𝔘'],
    ['empty', ''],
    ['combining characters', 'e\u0301te\u0301 😀'],
  ];

  for (const [name, text] of cases) {
    it(`round-trips every offset and agrees with code point slicing: ${name}`, () => {
      const conv = new OffsetConverter(text);
      const cps = codePoints(text);
      expect(conv.codePointLength).toBe(cps.length);
      for (let cp = 0; cp <= cps.length; cp++) {
        const u = conv.toUtf16(cp);
        expect(conv.toCodePoint(u)).toBe(cp);
        // text[:cp] in Python is the same string as text.slice(0, u) in JavaScript.
        expect(text.slice(0, u)).toBe(cps.slice(0, cp).join(''));
      }
    });
  }

  it('counts a pair as passed when the offset falls inside it', () => {
    const conv = new OffsetConverter('a😀b');
    expect(conv.toCodePoint(2)).toBe(2);
    expect(conv.toCodePoint(3)).toBe(2);
    expect(conv.toCodePoint(4)).toBe(3);
  });

  it('rejects offsets outside the text', () => {
    const conv = new OffsetConverter('abc');
    expect(() => conv.toCodePoint(4)).toThrow(RangeError);
    expect(() => conv.toUtf16(-1)).toThrow(RangeError);
    expect(() => conv.toUtf16(1.5)).toThrow(RangeError);
  });
});

describe('splitsSurrogatePair', () => {
  it('is true only between the halves of a pair', () => {
    const text = 'a😀b';
    expect([0, 1, 2, 3, 4].map((o) => splitsSurrogatePair(text, o))).toEqual([
      false,
      false,
      true,
      false,
      false,
    ]);
  });
});

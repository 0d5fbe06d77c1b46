/**
 * Conversions between the two offset units the workbench deals in.
 *
 * - UTF-16 code units: JavaScript's string index. Every offset inside the app uses it.
 * - Unicode code points: Python's `str` index (and spaCy's, brat's, Prodigy's). Every export
 *   uses it and says so with `offset_unit: "codepoint"`.
 *
 * They differ only after a character outside the Basic Multilingual Plane (emoji, some CJK,
 * mathematical letters), which takes two UTF-16 units (a surrogate pair) but one code point.
 */

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** True when `offset` (UTF-16) falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isHighSurrogate(text.charCodeAt(offset - 1)) &&
    isLowSurrogate(text.charCodeAt(offset))
  );
}

/**
 * Converts offsets in one text between units. Built once per text in O(n); each conversion is
 * then O(log k) where k is the number of astral characters (none in most news text: O(1)).
 */
export class OffsetConverter {
  /** UTF-16 offsets of the low surrogate of every pair, ascending. */
  private readonly astral: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
        this.astral.push(i + 1);
        i++;
      }
    }
    this.utf16Length = text.length;
    this.codePointLength = text.length - this.astral.length;
  }

  /** Code point offset for a UTF-16 offset (one inside a pair counts the pair as passed). */
  toCodePoint(utf16: number): number {
    this.check(utf16, this.utf16Length);
    // Number of pairs whose low surrogate lies before utf16.
    return utf16 - countBelow(this.astral, utf16);
  }

  /** UTF-16 offset for a code point offset. */
  toUtf16(codePoint: number): number {
    this.check(codePoint, this.codePointLength);
    // The k-th pair's low surrogate sits at astral[k]; its code point offset is astral[k] - k.
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid]! - mid <= codePoint) lo = mid + 1;
      else hi = mid;
    }
    return codePoint + lo;
  }

  private check(offset: number, length: number): void {
    if (!Number.isInteger(offset) || offset < 0 || offset > length) {
      throw new RangeError(`offset ${offset} is outside the text (0–${length})`);
    }
  }
}

/** How many values in the ascending array are < x. */
function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

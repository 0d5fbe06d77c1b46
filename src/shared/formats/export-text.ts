/**
 * A document's text as exports see it: spans are given in UTF-16 code units (the app's unit) and
 * leave in Unicode code points (Python's, spaCy's, brat's, W3C's), with the exact text they cover.
 * Every exporter converts through here, so `text[start:end] == span.text` holds in Python for
 * every exported span.
 */
import { WorkbenchError } from '../api';
import type { DocumentRecord } from '../model';
import { OffsetConverter, splitsSurrogatePair } from '../offsets';

/** A span in code points, half-open, with the text it covers. */
export interface CodePointSpan {
  start: number;
  end: number;
  text: string;
}

export class ExportText {
  readonly id: string;
  readonly text: string;
  private readonly converter: OffsetConverter;

  constructor(doc: Pick<DocumentRecord, 'id' | 'text'>) {
    this.id = doc.id;
    this.text = doc.text;
    this.converter = new OffsetConverter(doc.text);
  }

  /** Length of the text in code points (Python's `len(text)`). */
  get length(): number {
    return this.converter.codePointLength;
  }

  /**
   * Code point offsets and text of the UTF-16 range `[start, end)`. `what` names the span in the
   * error thrown when the range does not fit the text or cuts an emoji in half: such a span has
   * no code point equivalent, and exporting a shifted one would be wrong data.
   */
  span(start: number, end: number, what: string): CodePointSpan {
    const length = this.text.length;
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      start > end ||
      end > length
    ) {
      throw new WorkbenchError(
        'conflict',
        `Cannot export ${what} in document "${this.id}": its range ${start}–${end} does not fit the text (${length} UTF-16 units).`,
      );
    }
    if (splitsSurrogatePair(this.text, start) || splitsSurrogatePair(this.text, end)) {
      throw new WorkbenchError(
        'conflict',
        `Cannot export ${what} in document "${this.id}": its range ${start}–${end} cuts a character (an emoji or other non-BMP character) in half.`,
      );
    }
    return {
      start: this.converter.toCodePoint(start),
      end: this.converter.toCodePoint(end),
      text: this.text.slice(start, end),
    };
  }

  /** Code point offset of a UTF-16 offset known to lie on a character boundary. */
  toCodePoint(utf16: number): number {
    return this.converter.toCodePoint(utf16);
  }
}

/**
 * Word tokens of a text, exactly as `Intl.Segmenter` (granularity 'word') yields them with
 * `isWordLike` true, but fast enough for a whole corpus.
 *
 * Why not call the segmenter on everything: it costs about 1 µs per segment (spaces and
 * punctuation are segments too), which is ~2 s for 500 news articles — more than the whole
 * agreement budget. So the text is cut at spaces and line feeds into chunks. A chunk made only of
 * characters whose Unicode word-break class is known here (ASCII and Latin-1/Latin Extended-A
 * letters, digits, common punctuation and curly quotes) is tokenised by the UAX #29 rules
 * restricted to those classes (below); any other chunk goes to `Intl.Segmenter`, together with
 * the separator in front of it so that it sees the same context as in the whole text. A space or
 * line feed can only join with another space (WB3d) or with following combining marks (WB4), and
 * neither is ever part of a word, so chunks are independent. word-tokens.test.ts checks the
 * equivalence against `Intl.Segmenter` on random text and on the bundled corpus.
 *
 * Offsets are UTF-16 code units into `text`, half-open.
 */

/** Word-break classes (UAX #29) of the characters handled without the segmenter. */
const UNKNOWN = 0; // anything else: the chunk goes to Intl.Segmenter
const SEPARATOR = 1; // ' ' and '\n': chunk boundaries
const LETTER = 2; // ALetter
const DIGIT = 3; // Numeric
const MID_LETTER = 4; // MidLetter: joins letter-letter
const MID_NUM_LET = 5; // MidNumLet and Single_Quote: joins letter-letter and digit-digit
const MID_NUM = 6; // MidNum: joins digit-digit
const OTHER = 7; // never joins, never word-like

const CLASSES: Uint8Array = (() => {
  const table = new Uint8Array(0x10000);
  const set = (cls: number, chars: string) => {
    for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = cls;
  };
  const range = (cls: number, from: number, to: number) => table.fill(cls, from, to + 1);
  range(LETTER, 0x41, 0x5a);
  range(LETTER, 0x61, 0x7a);
  range(LETTER, 0xc0, 0x17f); // Latin-1 letters and Latin Extended-A…
  set(OTHER, '\u00d7\u00f7'); // …except × and ÷
  range(DIGIT, 0x30, 0x39);
  set(SEPARATOR, ' \n');
  set(MID_LETTER, ':\u00b7');
  set(MID_NUM_LET, ".'\u2018\u2019");
  set(MID_NUM, ',;');
  // '_' (ExtendNumLet) is deliberately absent: it joins words in ways not modelled here.
  set(OTHER, '\t!"#$%&()*+-/<=>?@[\\]^`{|}~');
  set(OTHER, '\u00a0\u00a1\u00a2\u00a3\u00a7\u00a9\u00ab\u00ae\u00b0\u00bb\u00bf');
  set(OTHER, '\u2013\u2014\u201c\u201d\u2026\u20ac');
  return table;
})();

let segmenter: Intl.Segmenter | undefined;

/** A fixed locale keeps tokens identical on every machine (the default locale varies). */
function wordSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  return segmenter;
}

/** Word tokens as two parallel arrays of UTF-16 offsets, in text order, never overlapping. */
export interface WordTokens {
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

/** Growable pair of offset arrays (a token list can be far longer than a guess). */
class TokenBuffer {
  starts = new Uint32Array(1024);
  ends = new Uint32Array(1024);
  length = 0;

  push(start: number, end: number): void {
    if (this.length === this.starts.length) {
      const starts = new Uint32Array(this.length * 2);
      const ends = new Uint32Array(this.length * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  finish(): WordTokens {
    return { starts: this.starts.slice(0, this.length), ends: this.ends.slice(0, this.length) };
  }
}

/** The word tokens of `text` (Intl.Segmenter, granularity 'word', isWordLike only). */
export function wordTokens(text: string): WordTokens {
  const out = new TokenBuffer();
  let chunkStart = 0;
  let known = true;
  for (let i = 0; i <= text.length; i++) {
    const cls = i < text.length ? CLASSES[text.charCodeAt(i)] : SEPARATOR;
    if (cls === SEPARATOR) {
      if (i > chunkStart) {
        if (known) tokenizeKnownChunk(text, chunkStart, i, out);
        else segmentChunk(text, chunkStart, i, out);
      }
      chunkStart = i + 1;
      known = true;
    } else if (cls === UNKNOWN) {
      known = false;
    }
  }
  return out.finish();
}

function classAt(text: string, index: number, end: number): number {
  return index < end ? (CLASSES[text.charCodeAt(index)] as number) : OTHER;
}

/**
 * UAX #29 word boundaries for a chunk of known classes (no Extend/Format characters, so WB4
 * never applies): letters and digits join (WB5, WB8–WB10); a MidLetter or MidNumLet between two
 * letters joins them (WB6, WB7); a MidNum or MidNumLet between two digits joins them (WB11,
 * WB12); everything else breaks (WB999). A segment is word-like when it starts with a letter or
 * a digit; every other segment here is a single punctuation character.
 */
function tokenizeKnownChunk(text: string, start: number, end: number, out: TokenBuffer): void {
  let i = start;
  while (i < end) {
    const first = CLASSES[text.charCodeAt(i)];
    if (first !== LETTER && first !== DIGIT) {
      i++;
      continue;
    }
    const tokenStart = i;
    let prev = first;
    i++;
    while (i < end) {
      const cls = CLASSES[text.charCodeAt(i)];
      if (cls === LETTER || cls === DIGIT) {
        prev = cls;
        i++;
        continue;
      }
      const next = classAt(text, i + 1, end);
      const joinsLetters =
        prev === LETTER && next === LETTER && (cls === MID_LETTER || cls === MID_NUM_LET);
      const joinsDigits =
        prev === DIGIT && next === DIGIT && (cls === MID_NUM || cls === MID_NUM_LET);
      if (!joinsLetters && !joinsDigits) break;
      prev = next;
      i += 2;
    }
    out.push(tokenStart, i);
  }
}

/** Hands a chunk with unmodelled characters to Intl.Segmenter, with its separator as context. */
function segmentChunk(text: string, start: number, end: number, out: TokenBuffer): void {
  const from = start > 0 ? start - 1 : 0;
  for (const part of wordSegmenter().segment(text.slice(from, end))) {
    if (part.isWordLike) out.push(from + part.index, from + part.index + part.segment.length);
  }
}

/**
 * Word tokens for the token-based exports (spaCy/Prodigy JSONL, CoNLL), with spaCy's whitespace
 * semantics: `ws` is true when the token is followed by exactly one U+0020 space, which belongs to
 * no token; any other whitespace (a newline, a second space, a non-breaking space) is a token of
 * its own. So, as spaCy's `Doc(vocab, words, spaces)` requires,
 *
 *     "".join(t.text + (" " if t.ws else "") for t in tokens) == text
 *
 * Word boundaries are Unicode's (UAX #29, default rules) as `Intl.Segmenter` finds them, plus a
 * boundary at every change between whitespace and non-whitespace. Walking the segmenter's
 * iterator costs about 1 µs per segment (4 µs per call), several times the rest of a JSONL
 * export, so a chunk between whitespace made only of characters whose word-break class is known
 * here (ASCII, Latin-1 and Latin Extended letters, curly quotes) is cut by the UAX #29 rules that
 * can apply to those classes; any other chunk (emoji, combining marks, other scripts) goes to the
 * segmenter. Both give the same tokens as segmenting the whole text (a property test checks it).
 *
 * Offsets are UTF-16 code units, like every offset in the app.
 */

export interface Token {
  text: string;
  /** UTF-16 offsets, half-open. */
  start: number;
  end: number;
  /** Followed by a single U+0020 space that is not part of any token. */
  ws: boolean;
}

// UAX #29 word-break classes of the characters cut without the segmenter.
const OTHER = 0;
const LETTER = 1; // ALetter
const DIGIT = 2; // Numeric
const MID_LETTER = 3; // ':'
const MID_NUM_LET = 4; // '.', "'", '‘', '’' (MidNumLet and Single_Quote)
const MID_NUM = 5; // ',', ';'
const EXTEND_NUM_LET = 6; // '_'
/** Whitespace: JavaScript's `\s` without U+FEFF, which UAX #29 treats as part of a word. */
const WHITESPACE = 7;
/** Not classified here: the chunk goes to Intl.Segmenter. */
const UNKNOWN = 8;

const TABLE_SIZE = 0x250;
const CLASS_TABLE = (() => {
  const table = new Uint8Array(TABLE_SIZE).fill(UNKNOWN);
  const set = (from: number, to: number, cls: number) => table.fill(cls, from, to + 1);
  set(0x21, 0x7e, OTHER);
  set(0x41, 0x5a, LETTER);
  set(0x61, 0x7a, LETTER);
  set(0x30, 0x39, DIGIT);
  set(0x3a, 0x3a, MID_LETTER);
  set(0x2e, 0x2e, MID_NUM_LET);
  set(0x27, 0x27, MID_NUM_LET);
  set(0x2c, 0x2c, MID_NUM);
  set(0x3b, 0x3b, MID_NUM);
  set(0x5f, 0x5f, EXTEND_NUM_LET);
  set(0x09, 0x0d, WHITESPACE);
  set(0x20, 0x20, WHITESPACE);
  set(0xa0, 0xa0, WHITESPACE);
  for (const punctuation of '¡«»¿×÷')
    set(punctuation.charCodeAt(0), punctuation.charCodeAt(0), OTHER);
  // Latin-1 Supplement, Latin Extended-A and -B letters (× and ÷ excepted above).
  set(0xc0, 0xd6, LETTER);
  set(0xd8, 0xf6, LETTER);
  set(0xf8, 0x24f, LETTER);
  return table;
})();

function classOf(code: number): number {
  if (code < TABLE_SIZE) return CLASS_TABLE[code]!;
  if (code === 0x2018 || code === 0x2019) return MID_NUM_LET;
  if (code === 0x201c || code === 0x201d || code === 0x2013 || code === 0x2014) return OTHER;
  if (
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x1680 ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  ) {
    return WHITESPACE;
  }
  return UNKNOWN;
}

const segmenters = new Map<string, Intl.Segmenter>();

function wordSegmenter(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/**
 * Tokens of `text`, in order, covering every non-whitespace character exactly once.
 * `locale` defaults to the root locale, so that tokens do not depend on the machine's settings.
 */
export function tokenize(text: string, locale = 'und'): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    let j = i;
    let cls = classOf(text.charCodeAt(i));
    if (cls === WHITESPACE) {
      while (++j < length && classOf(text.charCodeAt(j)) === WHITESPACE);
      addWhitespace(tokens, text, i, j);
      i = j;
      continue;
    }
    // Scan the chunk up to the next whitespace, noting what its characters need.
    let alnumOnly = true;
    let known = true;
    while (j < length && cls !== WHITESPACE) {
      if (cls === UNKNOWN) known = false;
      else if (cls !== LETTER && cls !== DIGIT) alnumOnly = false;
      cls = ++j < length ? classOf(text.charCodeAt(j)) : WHITESPACE;
    }
    if (!known) addSegmentedWords(tokens, text, i, j, locale);
    else if (alnumOnly) tokens.push({ text: text.slice(i, j), start: i, end: j, ws: false });
    else addKnownWords(tokens, text, i, j);
    i = j;
  }
  return tokens;
}

/** Classes of the current chunk at 1..n, WHITESPACE at 0, n + 1 and n + 2; grown as needed. */
let chunkClasses = new Uint8Array(256);

/**
 * Cuts `text[start, end)`, a chunk without whitespace whose characters all have a known class,
 * where UAX #29 breaks. Characters outside the chunk are whitespace or the text's edge, which no
 * rule joins across, so looking only inside the chunk is exact.
 */
function addKnownWords(tokens: Token[], text: string, start: number, end: number): void {
  const n = end - start;
  if (chunkClasses.length < n + 3) chunkClasses = new Uint8Array(2 * n + 3);
  const c = chunkClasses;
  c[0] = WHITESPACE;
  for (let k = 0; k < n; k++) c[k + 1] = classOf(text.charCodeAt(start + k));
  c[n + 1] = WHITESPACE;
  c[n + 2] = WHITESPACE;
  let from = start;
  for (let k = 1; k < n; k++) {
    // Between text[start + k - 1] and text[start + k]: classes c[k] and c[k + 1].
    if (!joins(c[k - 1]!, c[k]!, c[k + 1]!, c[k + 2]!)) {
      tokens.push({ text: text.slice(from, start + k), start: from, end: start + k, ws: false });
      from = start + k;
    }
  }
  tokens.push({ text: text.slice(from, end), start: from, end, ws: false });
}

/** Whether UAX #29 keeps `b` and `c` in one word, given `a` before and `d` after them. */
function joins(a: number, b: number, c: number, d: number): boolean {
  const bAlnum = b === LETTER || b === DIGIT;
  const cAlnum = c === LETTER || c === DIGIT;
  if (bAlnum && cAlnum) return true; // WB5, WB8, WB9, WB10
  if ((bAlnum || b === EXTEND_NUM_LET) && c === EXTEND_NUM_LET) return true; // WB13a
  if (b === EXTEND_NUM_LET && cAlnum) return true; // WB13b
  if (b === LETTER && d === LETTER && (c === MID_LETTER || c === MID_NUM_LET)) return true; // WB6
  if (a === LETTER && c === LETTER && (b === MID_LETTER || b === MID_NUM_LET)) return true; // WB7
  if (b === DIGIT && d === DIGIT && (c === MID_NUM || c === MID_NUM_LET)) return true; // WB12
  if (a === DIGIT && c === DIGIT && (b === MID_NUM || b === MID_NUM_LET)) return true; // WB11
  return false; // WB999
}

/**
 * Segments `text[start, end)` with Intl.Segmenter. The character before the chunk goes in too:
 * a chunk that starts with a combining mark belongs, in the whole text, to the whitespace before
 * it (UAX #29 WB4), which changes where the next boundary falls. That one character is all the
 * context any rule looks back at here; the part of the first segment before `start` is dropped.
 */
function addSegmentedWords(
  tokens: Token[],
  text: string,
  start: number,
  end: number,
  locale: string,
): void {
  const from = start > 0 ? start - 1 : start;
  for (const { segment, index } of wordSegmenter(locale).segment(text.slice(from, end))) {
    const segmentEnd = from + index + segment.length;
    const segmentStart = Math.max(start, from + index);
    if (segmentStart < segmentEnd) {
      tokens.push({
        text: text.slice(segmentStart, segmentEnd),
        start: segmentStart,
        end: segmentEnd,
        ws: false,
      });
    }
  }
}

/** spaCy's rule: one space after a token is that token's `ws`; the rest is a whitespace token. */
function addWhitespace(tokens: Token[], text: string, start: number, end: number): void {
  const previous = tokens[tokens.length - 1];
  let from = start;
  if (previous && previous.end === start && text.charCodeAt(start) === 0x20) {
    previous.ws = true;
    from++;
  }
  if (from === end) return;
  // A whitespace token keeps a trailing space as its own `ws`, as spaCy writes "\n " as "\n" + ws.
  const trailingSpace = end - from > 1 && text.charCodeAt(end - 1) === 0x20;
  const to = trailingSpace ? end - 1 : end;
  tokens.push({ text: text.slice(from, to), start: from, end: to, ws: trailingSpace });
}

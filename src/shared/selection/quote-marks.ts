/**
 * Quotation marks and brackets, and which of them open or close in a given place.
 *
 * News text uses curly quotes (“…”, ‘…’), straight ones ("…", '…') and, in quotations from
 * other languages, guillemets («…», ‹…›). Straight quotes look the same at both ends, and ’ and '
 * are also the apostrophe (Obama’s, don't), so a mark's role is read from its neighbours.
 * German low-high quotes („…“) are not recognised: “ would have to close there and open here.
 *
 * Offsets are UTF-16 code units (every mark here is a single unit).
 */

/** Opening quotation mark → its closing mark. */
const QUOTES: ReadonlyMap<string, string> = new Map([
  ['\u201c', '\u201d'], // “ ”
  ['\u2018', '\u2019'], // ‘ ’
  ['\u00ab', '\u00bb'], // « »
  ['\u2039', '\u203a'], // ‹ ›
  ['"', '"'],
  ["'", "'"],
]);

const BRACKETS: ReadonlyMap<string, string> = new Map([
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
]);

/** Every pair the edges of a span are checked against: quotes and brackets. */
export const PAIRED_MARKS: ReadonlyMap<string, string> = new Map([...QUOTES, ...BRACKETS]);
const CLOSERS: ReadonlyMap<string, string> = new Map(
  [...PAIRED_MARKS].map(([open, close]) => [close, open]),
);

export function closerOf(open: string): string | undefined {
  return PAIRED_MARKS.get(open);
}

export function openerOf(close: string): string | undefined {
  return CLOSERS.get(close);
}

/** A quotation: the offsets of its opening and closing marks. Its text is (open, close). */
export interface Quotation {
  readonly open: number;
  readonly close: number;
}

type Role = 'open' | 'close' | null;

const isLetterOrDigit = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
/** What may stand right before an opening straight quote: nothing, a space, an opener, a dash. */
const isOpeningContext = (ch: string | undefined) =>
  ch === undefined || /[\s([{\u2014\u2013\-/\u201c\u2018\u00ab]/u.test(ch);

/** Whether the mark at `i` opens or closes a quotation here; null for an apostrophe or other. */
function roleAt(text: string, i: number): Role {
  const ch = text[i]!;
  const before = i > 0 ? text[i - 1] : undefined;
  const after = text[i + 1];
  switch (ch) {
    case '\u201c':
    case '\u00ab':
    case '\u2039':
      return 'open';
    case '\u201d':
    case '\u00bb':
    case '\u203a':
      return 'close';
    case '\u2018':
      // ‘90s: an apostrophe standing for dropped digits.
      return /\p{N}/u.test(after ?? '') ? null : 'open';
    case '\u2019':
      return isLetterOrDigit(before) && isLetterOrDigit(after) ? null : 'close';
    case "'":
      if (isLetterOrDigit(before) && isLetterOrDigit(after)) return null;
      return isOpeningContext(before) ? 'open' : 'close';
    case '"':
      return isOpeningContext(before) ? 'open' : 'close';
    default:
      return null;
  }
}

/** Which kind of quotation a mark belongs to (its opening mark). */
function kindOf(ch: string): string {
  return QUOTES.has(ch) ? ch : (CLOSERS.get(ch) ?? ch);
}

/**
 * The quotations in `text` between `from` and `to`, matched like brackets: a closing mark closes
 * the nearest open quotation of its kind (and any left open inside it); marks that close nothing
 * are ignored, and so are quotations still open at `to`. Sorted by opening mark.
 */
export function findQuotations(text: string, from: number, to: number): Quotation[] {
  const open: { kind: string; at: number }[] = [];
  const found: Quotation[] = [];
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    if (!QUOTES.has(ch) && !CLOSERS.has(ch)) continue;
    const role = roleAt(text, i);
    if (role === 'open') {
      open.push({ kind: kindOf(ch), at: i });
    } else if (role === 'close') {
      const kind = kindOf(ch);
      for (let k = open.length - 1; k >= 0; k--) {
        if (open[k]!.kind === kind) {
          found.push({ open: open[k]!.at, close: i });
          open.length = k;
          break;
        }
      }
    }
  }
  return found.sort((a, b) => a.open - b.open);
}

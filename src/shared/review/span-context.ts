/**
 * What the store keeps with a span besides its offsets: the quote and a little context on each
 * side, for re-anchoring (main/store/span-text.ts computes them). Review code that makes spans
 * is given this function rather than importing the store, so it stays pure.
 *
 * Offsets are UTF-16 code units; the function throws a WorkbenchError when [start, end) is not
 * a valid span of `text`.
 */
export type SpanContext = (
  text: string,
  start: number,
  end: number,
) => { quote: string; prefix: string; suffix: string };

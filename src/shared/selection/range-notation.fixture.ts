/**
 * Test notation for a range in a text: "said ⟦James Com⟧ey" is the text "said James Comey" with
 * the range around "James Com". A caret is "⟦⟧". The brackets (U+27E6, U+27E7) appear in no test
 * text, so texts keep their own brackets and quotes.
 */
import type { TextRange } from './text-segments';

export function parseRange(marked: string): { text: string; start: number; end: number } {
  const start = marked.indexOf('⟦');
  const end = marked.indexOf('⟧') - 1;
  if (start < 0 || end < start) throw new Error(`No ⟦range⟧ in ${JSON.stringify(marked)}`);
  return { text: marked.replace('⟦', '').replace('⟧', ''), start, end };
}

export function markRange(text: string, range: TextRange | null): string | null {
  if (range === null) return null;
  return `${text.slice(0, range.start)}⟦${text.slice(range.start, range.end)}⟧${text.slice(range.end)}`;
}

/**
 * Plain text (.txt) import: the text is the file, and the structure is its paragraphs.
 *
 * A paragraph is a run of lines none of which is blank; a blank line is one holding only
 * whitespace (JavaScript's `\s`, which includes non-breaking spaces). Single newlines stay
 * inside their paragraph. A block's range excludes the separating newlines and any whitespace
 * at the paragraph's two edges, so every block starts and ends with a visible character.
 */
import type { Block } from '../model';
import { canonicalText, type StructuredText } from './structured-text';

const BLANK_LINE = /^\s*$/;

export function parsePlainText(raw: string): StructuredText {
  const text = canonicalText(raw);
  return { text, blocks: paragraphBlocks(text), marks: [] };
}

/** Paragraph blocks of `text` (already canonical), as UTF-16 ranges trimmed of whitespace. */
export function paragraphBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let runStart = -1;
  let runEnd = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (BLANK_LINE.test(text.slice(lineStart, lineEnd))) {
      if (runStart !== -1) blocks.push(trimmedBlock(text, runStart, runEnd));
      runStart = -1;
    } else {
      if (runStart === -1) runStart = lineStart;
      runEnd = lineEnd;
    }
    lineStart = lineEnd + 1;
  }
  if (runStart !== -1) blocks.push(trimmedBlock(text, runStart, runEnd));
  return blocks;
}

function trimmedBlock(text: string, start: number, end: number): Block {
  const slice = text.slice(start, end);
  const leading = slice.length - slice.trimStart().length;
  const trailing = slice.length - slice.trimEnd().length;
  return { kind: 'paragraph', start: start + leading, end: end - trailing };
}

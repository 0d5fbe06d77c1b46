/**
 * What every importer produces: the canonical text of a document and its stand-off structure.
 *
 * Units: `start`/`end` of blocks and marks are UTF-16 code units into `text`, half-open.
 * Invariants (tested for every importer): blocks are sorted, never overlap, each covers a
 * non-empty slice that starts and ends with a non-whitespace character, and together they cover
 * every non-whitespace character of `text`; marks lie inside one block and are non-empty.
 */
import type { Block, InlineMark } from '../model';

export interface StructuredText {
  readonly text: string;
  readonly blocks: Block[];
  readonly marks: InlineMark[];
}

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Removes a leading UTF-8 byte order mark. It is an encoding artifact that editors on Windows
 * write, not part of the article: kept, it would be an invisible first character that shifts
 * every offset by one and makes the same article hash differently depending on the editor.
 * Only the very first character is touched; a U+FEFF anywhere else is text and stays.
 */
export function stripByteOrderMark(raw: string): string {
  return raw.startsWith(BYTE_ORDER_MARK) ? raw.slice(1) : raw;
}

/** CRLF and lone CR become `\n`; nothing else changes. */
export function normaliseLineEndings(raw: string): string {
  return raw.replace(/\r\n?/g, '\n');
}

/**
 * The canonical form of imported text: without a leading BOM, with `\n` line endings, and
 * otherwise exactly as written (non-breaking spaces, curly quotes, double spaces, no trimming).
 */
export function canonicalText(raw: string): string {
  return normaliseLineEndings(stripByteOrderMark(raw));
}

/**
 * Violations of the invariants above, as sentences (empty when the structure is sound). The
 * importers are tested against it, and the main side checks stored documents with it, since a
 * hand-edited document file with a stray block would otherwise break the viewer.
 */
export function structureProblems({ text, blocks, marks }: StructuredText): string[] {
  const problems: string[] = [];
  let previousEnd = 0;
  blocks.forEach((block, i) => {
    const where = `block ${i} [${block.start}, ${block.end})`;
    if (!(block.start < block.end && block.end <= text.length)) {
      problems.push(`${where} is empty or outside the text (length ${text.length})`);
      return;
    }
    if (block.start < previousEnd) problems.push(`${where} overlaps or precedes the block before`);
    if (/\s/.test(text[block.start]!) || /\s/.test(text[block.end - 1]!)) {
      problems.push(`${where} starts or ends with whitespace`);
    }
    if ((block.kind === 'heading') !== (block.level !== undefined)) {
      problems.push(`${where}: a level belongs to headings, and every heading has one`);
    }
    if (/\S/.test(text.slice(previousEnd, block.start))) {
      problems.push(`text before ${where} is outside every block`);
    }
    previousEnd = Math.max(previousEnd, block.end);
  });
  if (/\S/.test(text.slice(previousEnd)))
    problems.push('text after the last block is outside every block');
  marks.forEach((mark, i) => {
    const inside = blocks.some((block) => block.start <= mark.start && mark.end <= block.end);
    if (!(mark.start < mark.end && inside)) {
      problems.push(
        `mark ${i} (${mark.kind}) [${mark.start}, ${mark.end}) is empty or not inside one block`,
      );
    }
  });
  return problems;
}

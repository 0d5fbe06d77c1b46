/**
 * The ProseMirror document of a `DocumentRecord`, and the map between ProseMirror positions and
 * text offsets in both directions.
 *
 * Units: a *text offset* is a UTF-16 code unit offset into `DocumentRecord.text` (what every
 * `start`/`end` in the app uses); a *position* is a ProseMirror document position. Both count
 * UTF-16 code units inside a block, so within one block they differ by a constant.
 *
 * What is shown: every block of the record becomes one textblock holding exactly
 * `text.slice(block.start, block.end)`. Text between blocks (normally the blank lines) is not in
 * the ProseMirror doc — the layout shows it as the gap between paragraphs. Text that no block
 * covers but that is not pure whitespace is never hidden: it gets synthesised paragraphs, split
 * at blank lines and trimmed of surrounding whitespace. Empty blocks are dropped (nothing to
 * show); an entirely blank text still gets one empty paragraph, since a doc needs a block.
 *
 * Offsets in a gap: an offset between two blocks has no position of its own. Mapping takes an
 * `assoc` side, as ProseMirror's mapping does: `assoc = 1` (the default, right for the start of
 * a range) moves it to the start of the next block, `assoc = -1` (right for an end) to the end
 * of the previous block. The same rule decides the one ambiguous case, an offset where one block
 * ends and the next starts with no gap. Positions between blocks (not inside a textblock) map
 * the same way.
 *
 * Ranges: a text range is shown as one position range per block piece
 * (`textRangeToPieces`); the gap text inside it is simply not shown. A position range (a
 * selection) maps back to the text range from its start to its end — including the gap text
 * between the blocks it crosses, because annotations are ranges of the canonical text — with
 * its ends moved off the gaps at its edges (`posRangeToTextRange`).
 */
import type { Mark, Node } from 'prosemirror-model';
import type { Block, DocumentRecord, InlineMark } from '../../shared/model';
import { schema } from './schema';

/** Blocks per section node. ~50 keeps both the section count and each section small. */
export const BLOCKS_PER_SECTION = 50;

/** Which way an offset or position that falls between blocks moves (see the module comment). */
export type Assoc = -1 | 1;

/** A half-open range of text offsets (UTF-16 code units). */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** A half-open range of ProseMirror positions. */
export interface PosRange {
  readonly from: number;
  readonly to: number;
}

/** One textblock of the viewer doc: its text range and the position where its content starts. */
export interface MappedBlock extends TextRange {
  /** Position of the block's first character (inside the block node). */
  readonly pos: number;
  /** True when the record had no block here and the viewer made one (uncovered text). */
  readonly synthetic: boolean;
}

export interface ViewerDocument {
  readonly doc: Node;
  readonly map: PositionMap;
}

/** Builds the viewer's ProseMirror doc for `record` and the map between it and the text. */
export function buildViewerDocument(record: DocumentRecord): ViewerDocument {
  const blocks = coverText(record.text, checkedBlocks(record));
  const marks = checkedMarks(record);
  const sections: Node[] = [];
  const mapped: MappedBlock[] = [];
  const marksOver = new MarkSweep(marks);
  let pos = 0;
  for (let first = 0; first < blocks.length; first += BLOCKS_PER_SECTION) {
    const nodes: Node[] = [];
    pos += 1; // the section's opening token
    for (const block of blocks.slice(first, first + BLOCKS_PER_SECTION)) {
      const node = blockNode(record.text, block, marksOver.marksOver(block));
      mapped.push({ start: block.start, end: block.end, pos: pos + 1, synthetic: block.synthetic });
      nodes.push(node);
      pos += node.nodeSize;
    }
    pos += 1; // the section's closing token
    const lines = estimatedLines(blocks.slice(first, first + BLOCKS_PER_SECTION));
    sections.push(schema.nodes.section.create({ lines }, nodes));
  }
  const doc = schema.nodes.doc.create(null, sections);
  return { doc, map: new PositionMap(mapped, record.text.length, doc.content.size) };
}

/**
 * Maps between text offsets and positions of one viewer doc. Every lookup is a binary search
 * over the blocks: O(log blocks).
 */
export class PositionMap {
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly positions: number[];
  private readonly sectionStarts: number[];

  constructor(
    readonly blocks: readonly MappedBlock[],
    /** Length of the text, UTF-16 code units. */
    readonly textLength: number,
    /** `doc.content.size` of the viewer doc. */
    readonly docSize: number,
  ) {
    this.starts = blocks.map((b) => b.start);
    this.ends = blocks.map((b) => b.end);
    this.positions = blocks.map((b) => b.pos);
    // A section node sits 2 before its first block's content (section open, block open).
    this.sectionStarts = [];
    for (let i = 0; i < blocks.length; i += BLOCKS_PER_SECTION) {
      this.sectionStarts.push(blocks[i]!.pos - 2);
    }
  }

  /** The position showing text offset `offset`; an offset in a gap moves to the `assoc` side. */
  textOffsetToPos(offset: number, assoc: Assoc = 1): number {
    checkIndex(offset, this.textLength, 'text offset');
    const last = this.blocks.length - 1;
    const i = lastAtOrBefore(this.starts, offset);
    if (i >= 0 && offset <= this.ends[i]!) {
      if (assoc > 0 && offset === this.ends[i] && i < last && this.starts[i + 1] === offset) {
        return this.positions[i + 1]!;
      }
      if (assoc < 0 && offset === this.starts[i] && i > 0 && this.ends[i - 1] === offset) {
        return this.endPos(i - 1);
      }
      return this.positions[i]! + offset - this.starts[i]!;
    }
    if (assoc > 0) return i < last ? this.positions[i + 1]! : this.endPos(last);
    return i >= 0 ? this.endPos(i) : this.positions[0]!;
  }

  /** The text offset at position `pos`; a position between blocks moves to the `assoc` side. */
  posToTextOffset(pos: number, assoc: Assoc = 1): number {
    checkIndex(pos, this.docSize, 'position');
    const last = this.blocks.length - 1;
    const i = lastAtOrBefore(this.positions, pos);
    if (i >= 0 && pos <= this.endPos(i)) return this.starts[i]! + pos - this.positions[i]!;
    if (assoc > 0) return i < last ? this.starts[i + 1]! : this.ends[last]!;
    return i >= 0 ? this.ends[i]! : this.starts[0]!;
  }

  /** Number of section nodes in the doc. */
  get sectionCount(): number {
    return this.sectionStarts.length;
  }

  /** Index of the section holding position `pos` (the one starting there, at a boundary). */
  sectionOfPos(pos: number): number {
    checkIndex(pos, this.docSize, 'position');
    return Math.max(0, lastAtOrBefore(this.sectionStarts, pos));
  }

  /**
   * The position ranges that show text range `[start, end)`: one per block it overlaps, in
   * document order, none empty. A range entirely inside a gap has no pieces.
   */
  textRangeToPieces(start: number, end: number): PosRange[] {
    checkIndex(start, this.textLength, 'range start');
    checkIndex(end, this.textLength, 'range end');
    const pieces: PosRange[] = [];
    // Block ends ascend (blocks are sorted and disjoint), so the first block ending after
    // `start` is the first that can overlap.
    for (let i = firstAfter(this.ends, start); i < this.blocks.length; i++) {
      const blockStart = this.starts[i]!;
      if (blockStart >= end) break;
      const from = Math.max(start, blockStart);
      const to = Math.min(end, this.ends[i]!);
      if (from < to) {
        const base = this.positions[i]! - blockStart;
        pieces.push({ from: base + from, to: base + to });
      }
    }
    return pieces;
  }

  /**
   * The text range a position range (e.g. a selection) stands for, or null when it holds no
   * shown character. A range that starts at the very end of a block starts at the next block
   * instead, and one that ends at the very start of a block ends at the previous one, so a
   * selection dragged past a line's end does not take the blank lines after it.
   */
  posRangeToTextRange(from: number, to: number): TextRange | null {
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    let start = this.posToTextOffset(lo, 1);
    let end = this.posToTextOffset(hi, -1);
    const i = lastAtOrBefore(this.positions, lo);
    if (i >= 0 && i < this.blocks.length - 1 && lo === this.endPos(i)) start = this.starts[i + 1]!;
    const j = lastAtOrBefore(this.positions, hi);
    if (j > 0 && hi === this.positions[j]) end = this.ends[j - 1]!;
    return start < end ? { start, end } : null;
  }

  private endPos(i: number): number {
    return this.positions[i]! + this.ends[i]! - this.starts[i]!;
  }
}

// ---------------------------------------------------------------------------------------------
// Building

interface ShownBlock extends Block {
  readonly synthetic: boolean;
}

/** Validated, sorted, non-empty blocks. Throws on blocks outside the text or overlapping. */
function checkedBlocks(record: DocumentRecord): ShownBlock[] {
  const { text, blocks } = record;
  blocks.forEach((block, index) => {
    if (!isRangeIn(block, text.length)) {
      throw new RangeError(
        `Document "${record.id}": block ${index} (${block.kind} ${block.start}–${block.end}) ` +
          `is not a range inside the text (0–${text.length}); re-import the document.`,
      );
    }
  });
  // Empty blocks show nothing; dropping them first also keeps the overlap check to neighbours.
  const order = blocks
    .map((_, index) => index)
    .filter((index) => blocks[index]!.start < blocks[index]!.end)
    .sort((a, b) => blocks[a]!.start - blocks[b]!.start);
  for (let k = 1; k < order.length; k++) {
    const prev = blocks[order[k - 1]!]!;
    const next = blocks[order[k]!]!;
    if (prev.end > next.start) {
      throw new RangeError(
        `Document "${record.id}": blocks ${order[k - 1]} (${prev.start}–${prev.end}) and ` +
          `${order[k]} (${next.start}–${next.end}) overlap; re-import the document.`,
      );
    }
  }
  return order.map((index) => ({ ...blocks[index]!, synthetic: false }));
}

function checkedMarks(record: DocumentRecord): InlineMark[] {
  record.marks.forEach((mark, index) => {
    if (!isRangeIn(mark, record.text.length)) {
      throw new RangeError(
        `Document "${record.id}": mark ${index} (${mark.kind} ${mark.start}–${mark.end}) ` +
          `is not a range inside the text (0–${record.text.length}); re-import the document.`,
      );
    }
  });
  return record.marks.filter((m) => m.start < m.end).sort((a, b) => a.start - b.start);
}

/** `blocks` plus synthesised paragraphs for every non-blank stretch of text between them. */
function coverText(text: string, blocks: readonly ShownBlock[]): ShownBlock[] {
  const covered: ShownBlock[] = [];
  let cursor = 0;
  for (const block of blocks) {
    covered.push(...uncoveredParagraphs(text, cursor, block.start));
    covered.push(block);
    cursor = block.end;
  }
  covered.push(...uncoveredParagraphs(text, cursor, text.length));
  if (covered.length === 0) covered.push({ kind: 'paragraph', start: 0, end: 0, synthetic: true });
  return covered;
}

/** Paragraphs for the non-blank parts of `text[from, to)`, split at blank lines. */
function uncoveredParagraphs(text: string, from: number, to: number): ShownBlock[] {
  const paragraphs: ShownBlock[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isSpace(text, i)) i++;
    if (i >= to) break;
    const start = i;
    let end = i;
    while (i < to && !startsBlankLine(text, i, to)) {
      if (!isSpace(text, i)) end = i + 1;
      i++;
    }
    paragraphs.push({ kind: 'paragraph', start, end, synthetic: true });
  }
  return paragraphs;
}

/** True at a `\n` followed by only spaces and another `\n` (before `to`). */
function startsBlankLine(text: string, i: number, to: number): boolean {
  if (text[i] !== '\n') return false;
  for (let j = i + 1; j < to; j++) {
    if (text[j] === '\n') return true;
    if (!isSpace(text, j)) return false;
  }
  return false;
}

function isSpace(text: string, i: number): boolean {
  return /\s/.test(text[i]!);
}

/** Characters per line and lines between blocks assumed by the height estimate (viewer.css). */
const ESTIMATED_LINE_CHARS = 70;
const ESTIMATED_BLOCK_GAP_LINES = 0.5;

/** Roughly how many line heights the blocks take, for the section's placeholder height. */
function estimatedLines(blocks: readonly TextRange[]): number {
  let lines = 0;
  for (const b of blocks) {
    lines +=
      Math.max(1, Math.ceil((b.end - b.start) / ESTIMATED_LINE_CHARS)) + ESTIMATED_BLOCK_GAP_LINES;
  }
  return Math.ceil(lines);
}

/** A list item whose text brings its own marker ("1.", "a)", "-", "•") gets no drawn bullet. */
const OWN_LIST_MARKER = /^\s*(?:[-*•‣◦·–—]|\(?[0-9a-zA-Z]{1,3}[.)])\s/;

function blockNode(text: string, block: ShownBlock, marks: readonly InlineMark[]): Node {
  const content = textNodes(text, block, marks);
  switch (block.kind) {
    case 'heading':
      return schema.nodes.heading.create({ level: block.level ?? 1 }, content);
    case 'quote':
      return schema.nodes.quote.create(null, content);
    case 'list_item': {
      const bulleted = !OWN_LIST_MARKER.test(text.slice(block.start, block.end));
      return schema.nodes.list_item.create({ bulleted }, content);
    }
    case 'paragraph':
      return schema.nodes.paragraph.create(null, content);
  }
}

/** The block's text split where marks begin or end, each piece carrying the marks over it. */
function textNodes(text: string, block: TextRange, marks: readonly InlineMark[]): Node[] {
  const cuts = new Set([block.start, block.end]);
  for (const mark of marks) {
    if (mark.start > block.start && mark.start < block.end) cuts.add(mark.start);
    if (mark.end > block.start && mark.end < block.end) cuts.add(mark.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes: Node[] = [];
  for (let k = 1; k < points.length; k++) {
    const from = points[k - 1]!;
    const to = points[k]!;
    let set: readonly Mark[] = [];
    for (const mark of marks) {
      if (mark.start <= from && mark.end >= to) set = toMark(mark).addToSet(set);
    }
    nodes.push(schema.text(text.slice(from, to), set));
  }
  return nodes;
}

function toMark(mark: InlineMark): Mark {
  switch (mark.kind) {
    case 'em':
      return schema.marks.em.create();
    case 'strong':
      return schema.marks.strong.create();
    case 'link':
      return schema.marks.link.create({ href: mark.href ?? '' });
  }
}

/**
 * Hands out the marks overlapping each block, for blocks visited in text order: O(marks +
 * blocks × marks-per-block) instead of O(blocks × marks).
 */
class MarkSweep {
  private next = 0;
  private active: InlineMark[] = [];

  constructor(private readonly sorted: readonly InlineMark[]) {}

  marksOver(block: TextRange): InlineMark[] {
    while (this.next < this.sorted.length && this.sorted[this.next]!.start < block.end) {
      this.active.push(this.sorted[this.next++]!);
    }
    this.active = this.active.filter((mark) => mark.end > block.start);
    return this.active.slice();
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function isRangeIn(range: TextRange, length: number): boolean {
  return (
    Number.isInteger(range.start) &&
    Number.isInteger(range.end) &&
    range.start >= 0 &&
    range.start <= range.end &&
    range.end <= length
  );
}

function checkIndex(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} ${value} is outside 0–${max}`);
  }
}

/** Index of the last value <= x in an ascending array, or -1. */
function lastAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the first value > x in an ascending array (its length if none). */
function firstAfter(sorted: readonly number[], x: number): number {
  return lastAtOrBefore(sorted, x) + 1;
}

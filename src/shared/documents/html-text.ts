/**
 * The canonical text of a page's article content, as a reader of the rendered page sees it,
 * with its structure as stand-off blocks and marks (UTF-16 offsets into the text).
 *
 * - Whitespace is laid out as a browser lays out normal flow: HTML source whitespace (space,
 *   tab, newline, form feed) is not content, so every run of it becomes one space, and none is
 *   kept at the start or end of a line. U+00A0 and other Unicode spaces are text and stay.
 *   Inside <pre> (and the obsolete <listing>, <xmp>, <plaintext>) whitespace is kept as written.
 * - <br> is a line break ("\n") inside its block.
 * - Block elements start new blocks, joined by a blank line as Markdown blocks are: h1–h6 →
 *   'heading' with that level; text inside <blockquote> → 'quote', inside <li> → 'list_item'
 *   (the innermost decides); other text → 'paragraph'. Table cells are blocks of their own.
 * - <em>/<i> → 'em', <strong>/<b> → 'strong', <a href> → 'link', which keeps its href only for
 *   http(s) and mailto (safeHref); a mark inside a mark of its kind adds nothing; a mark that
 *   spans blocks is split at the block boundaries, and never starts or ends with whitespace.
 * - What the caller's `treatment` omits is skipped with its subtree; inside a 'headings_only'
 *   element only the text of headings is taken.
 */
import type { Block, BlockKind, InlineMark } from '../model';
import {
  attribute,
  headingLevel,
  isBlockElement,
  isElement,
  isHtmlTag,
  textOf,
  type HtmlChild,
  type HtmlElement,
} from './html-dom';
import type { Treatment } from './html-pruning';
import { BLOCK_SEPARATOR, safeHref } from './markdown';
import type { StructuredText } from './structured-text';

/** The pieces of a text node: runs of HTML whitespace, and what lies between them. */
const WHITESPACE_RUNS = /([\t\n\f\r ]+)/;
const IS_WHITESPACE_RUN = /^[\t\n\f\r ]/;

/** Elements whose whitespace is kept as written (the UA style sheet's `white-space: pre`). */
const PREFORMATTED = ['pre', 'listing', 'xmp', 'plaintext'];

interface OpenMark {
  readonly kind: InlineMark['kind'];
  readonly href: string | undefined;
  /** Where the mark starts in the current block's text (UTF-16). */
  start: number;
}

/** What entering an element changed, undone when it is left. */
interface Scope {
  readonly element: HtmlElement;
  readonly block: boolean;
  readonly container?: { kind: BlockKind; level?: number };
  readonly mark?: OpenMark;
  readonly preformatted: boolean;
  readonly headingsOnly: boolean;
}

/**
 * Renders `roots` (whole, in the order given) to structured text. `treatment` decides for every
 * element below a root whether it is content (html-pruning.ts plus the extractor's link lists).
 */
export function renderHtmlText(
  roots: readonly HtmlElement[],
  treatment: (element: HtmlElement) => Treatment,
): StructuredText {
  const builder = new HtmlTextBuilder();
  type Step = { enter: HtmlChild; root: boolean } | { leave: Scope };
  const steps: Step[] = roots.map((root) => ({ enter: root, root: true })).reverse();
  while (steps.length > 0) {
    const step = steps.pop()!;
    if ('leave' in step) {
      builder.leave(step.leave);
      continue;
    }
    const node = step.enter;
    const value = textOf(node);
    if (value !== undefined) {
      builder.addText(value);
      continue;
    }
    if (!isElement(node)) continue;
    const how = step.root ? 'content' : treatment(node);
    if (how === 'omit') continue;
    const scope = builder.enter(node, how === 'headings_only');
    steps.push({ leave: scope });
    for (let i = node.childNodes.length - 1; i >= 0; i--) {
      steps.push({ enter: node.childNodes[i]!, root: false });
    }
  }
  return builder.finish();
}

class HtmlTextBuilder {
  private text = '';
  private readonly blocks: Block[] = [];
  private readonly marks: InlineMark[] = [];

  /** The block being assembled, and its marks, in offsets local to it. */
  private line = '';
  private lineMarks: InlineMark[] = [];
  /** Collapsed whitespace waiting for the next visible character (never ends a line). */
  private pendingSpace = false;

  private readonly containers: { kind: BlockKind; level?: number }[] = [];
  private readonly openMarks: OpenMark[] = [];
  private preformatted = 0;
  private headingsOnly = 0;
  private headings = 0;

  enter(element: HtmlElement, headingsOnly: boolean): Scope {
    const block = isBlockElement(element);
    if (block) this.endBlock();
    const level = headingLevel(element);
    const container =
      level !== undefined
        ? { kind: 'heading' as const, level }
        : isHtmlTag(element, 'blockquote')
          ? { kind: 'quote' as const }
          : isHtmlTag(element, 'li')
            ? { kind: 'list_item' as const }
            : undefined;
    if (container) this.containers.push(container);
    if (level !== undefined) this.headings++;
    const preformatted = isHtmlTag(element, ...PREFORMATTED);
    if (preformatted) this.preformatted++;
    if (headingsOnly) this.headingsOnly++;
    if (isHtmlTag(element, 'br')) this.addLineBreak();
    const mark = this.openMark(element);
    return { element, block, container, mark, preformatted, headingsOnly };
  }

  leave(scope: Scope): void {
    if (scope.mark) {
      this.closeMark(scope.mark);
      this.openMarks.splice(this.openMarks.lastIndexOf(scope.mark), 1);
    }
    if (scope.block) this.endBlock();
    if (scope.container) this.containers.pop();
    if (headingLevel(scope.element) !== undefined) this.headings--;
    if (scope.preformatted) this.preformatted--;
    if (scope.headingsOnly) this.headingsOnly--;
  }

  addText(value: string): void {
    if (this.headingsOnly > 0 && this.headings === 0) return;
    if (this.preformatted > 0) {
      this.emit(value);
      return;
    }
    for (const piece of value.split(WHITESPACE_RUNS)) {
      if (piece === '') continue;
      if (IS_WHITESPACE_RUN.test(piece)) {
        this.pendingSpace = this.line !== '' && !this.line.endsWith('\n');
      } else {
        this.emit(piece);
      }
    }
  }

  finish(): StructuredText {
    this.endBlock();
    this.marks.sort((a, b) => a.start - b.start || b.end - a.end);
    return { text: this.text, blocks: this.blocks, marks: this.marks };
  }

  private emit(piece: string): void {
    if (this.pendingSpace) this.line += ' ';
    this.pendingSpace = false;
    this.line += piece;
  }

  private addLineBreak(): void {
    if (this.headingsOnly > 0 && this.headings === 0) return;
    this.pendingSpace = false;
    this.line += '\n';
  }

  private openMark(element: HtmlElement): OpenMark | undefined {
    let kind: InlineMark['kind'];
    if (isHtmlTag(element, 'em', 'i')) kind = 'em';
    else if (isHtmlTag(element, 'strong', 'b')) kind = 'strong';
    else if (isHtmlTag(element, 'a') && attribute(element, 'href') !== undefined) kind = 'link';
    else return undefined;
    // <b> inside <b> adds nothing; skipping it also keeps the open marks at three at most, so
    // a page nesting thousands of <b> around blocks cannot multiply marks.
    if (this.openMarks.some((open) => open.kind === kind)) return undefined;
    const href = kind === 'link' ? safeHref(attribute(element, 'href')) : undefined;
    const mark: OpenMark = { kind, href, start: this.line.length };
    this.openMarks.push(mark);
    return mark;
  }

  /** Records the mark's part in the current block; trimming and placing happen in endBlock. */
  private closeMark(mark: OpenMark): void {
    const end = this.line.length;
    if (end <= mark.start) return;
    this.lineMarks.push(
      mark.href === undefined
        ? { kind: mark.kind, start: mark.start, end }
        : { kind: mark.kind, start: mark.start, end, href: mark.href },
    );
  }

  /** Places the current block, trimmed of edge whitespace; an empty block is left out. */
  private endBlock(): void {
    for (const mark of this.openMarks) {
      this.closeMark(mark);
      mark.start = 0;
    }
    const line = this.line;
    const lineMarks = this.lineMarks;
    this.line = '';
    this.lineMarks = [];
    this.pendingSpace = false;
    const body = line.trim();
    if (body === '') return;
    const leading = line.length - line.trimStart().length;
    if (this.blocks.length > 0) this.text += BLOCK_SEPARATOR;
    const offset = this.text.length;
    this.text += body;
    const container = this.containers.at(-1);
    const kind = container?.kind ?? 'paragraph';
    const end = offset + body.length;
    this.blocks.push(
      container?.level === undefined
        ? { kind, start: offset, end }
        : { kind, start: offset, end, level: container.level },
    );
    for (const mark of lineMarks) {
      let start = Math.max(mark.start - leading, 0);
      let stop = Math.min(mark.end - leading, body.length);
      while (start < stop && /\s/.test(body[start]!)) start++;
      while (stop > start && /\s/.test(body[stop - 1]!)) stop--;
      if (stop > start) this.marks.push({ ...mark, start: offset + start, end: offset + stop });
    }
  }
}

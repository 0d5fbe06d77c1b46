/**
 * Markdown (.md) import. The canonical text is what a reader of the rendered article sees, not
 * the Markdown source: markup characters, escapes and entities are resolved
 * (`&amp;` → `&`, `\*` → `*`), and the structure becomes stand-off blocks and marks.
 *
 * How the text is assembled (UTF-16 offsets throughout):
 * - Blocks are joined with a blank line ("\n\n"), like paragraphs of a .txt file, so the text
 *   reads naturally when exported and a search across a block boundary does not glue words.
 * - Headings → 'heading' with their level; paragraphs → 'paragraph'; paragraphs and code
 *   inside a block quote → 'quote', inside a list item → 'list_item' (the innermost container
 *   decides). List markers and numbers are not text; the block kind carries them.
 * - Inside a paragraph a soft line break stays "\n" (as in a .txt paragraph) and a hard line
 *   break becomes "\n".
 * - Emphasis, strong emphasis and links become marks; a link keeps its `href` only for http(s)
 *   and mailto (a `javascript:` or relative target is not followable from the workbench).
 * - Inline code and code blocks are kept as plain text (a reader sees the code).
 * - Images are dropped: the workbench shows no images, and alt text is not article prose.
 * - Raw HTML is dropped, never rendered and never shown as tags: inline tags vanish while the
 *   Markdown text between them stays (`<b>bold</b>` → `bold`); an HTML block (e.g. a `<div>`
 *   embed or an `<!-- comment -->`) is dropped whole.
 * - Thematic breaks and link reference definitions are not visible text and are dropped.
 * - YAML front matter becomes `meta` (see meta.ts), read with the YAML failsafe schema so every
 *   value stays exactly as written (`published: 2016-01-08` stays that string, `0x10` is not
 *   turned into 16).
 */
import type { Definition, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { WorkbenchError } from '../api';
import type { Block, BlockKind, DocumentMeta, InlineMark } from '../model';
import { metaFromValue } from './meta';
import { canonicalText, type StructuredText } from './structured-text';

export interface MarkdownDocument extends StructuredText {
  /** Front matter values, unvalidated beyond being flat strings. */
  readonly meta: DocumentMeta;
}

/** Between two blocks in the canonical text. */
export const BLOCK_SEPARATOR = '\n\n';

/** Throws WorkbenchError('invalid_argument') when the front matter cannot be read. */
export function parseMarkdown(raw: string): MarkdownDocument {
  const source = canonicalText(raw);
  const tree = fromMarkdown(source, {
    extensions: [frontmatter(['yaml'])],
    mdastExtensions: [frontmatterFromMarkdown(['yaml'])],
  });
  const meta = readFrontMatter(tree);
  const builder = new TextBuilder(collectDefinitions(tree));
  builder.addBlocks(tree.children, 'paragraph');
  return {
    text: builder.text,
    blocks: builder.blocks,
    marks: builder.marks.sort(byPosition),
    meta,
  };
}

function readFrontMatter(tree: Root): DocumentMeta {
  const first = tree.children[0];
  if (first?.type !== 'yaml') return {};
  let value: unknown;
  try {
    value = parseYaml(first.value, { schema: 'failsafe', prettyErrors: false });
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    // The YAML starts on the line after the opening `---`, which is line 1 of the file.
    const yamlLine = first.value.slice(0, error.pos[0]).split('\n').length;
    throw new WorkbenchError(
      'invalid_argument',
      `front matter, line ${yamlLine + 1}: ${error.message}. Fix the YAML between the --- lines.`,
    );
  }
  return metaFromValue(value, 'front matter');
}

/** Link reference definitions by their normalised identifier, for `[text][ref]` links. */
function collectDefinitions(tree: Root): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  const visit = (node: Nodes): void => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) {
      definitions.set(node.identifier, node);
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return definitions;
}

/** Only targets a person can safely follow from the workbench keep their address. */
export function safeHref(url: string | undefined): string | undefined {
  const trimmed = url?.trim();
  return trimmed && /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : undefined;
}

type Container = Exclude<BlockKind, 'heading'>;

/** One block's text before it is placed: local offsets start at 0. */
interface Inline {
  text: string;
  marks: InlineMark[];
}

class TextBuilder {
  text = '';
  readonly blocks: Block[] = [];
  readonly marks: InlineMark[] = [];

  constructor(private readonly definitions: Map<string, Definition>) {}

  addBlocks(nodes: readonly RootContent[], container: Container): void {
    for (const node of nodes) {
      switch (node.type) {
        case 'heading':
          this.place('heading', node.depth, this.inline(node.children));
          break;
        case 'paragraph':
          this.place(container, undefined, this.inline(node.children));
          break;
        case 'code':
          this.place(container, undefined, { text: node.value, marks: [] });
          break;
        case 'blockquote':
          this.addBlocks(node.children, 'quote');
          break;
        case 'list':
          for (const item of node.children) this.addBlocks(item.children, 'list_item');
          break;
        case 'listItem':
          this.addBlocks(node.children, 'list_item');
          break;
        case 'yaml':
        case 'html':
        case 'thematicBreak':
        case 'definition':
          break;
        default:
          // Constructs of extensions this parser does not enable (tables, footnotes) cannot
          // occur; should one appear, its children are still text a reader sees.
          if ('children' in node) this.addBlocks(node.children as RootContent[], container);
      }
    }
  }

  private inline(nodes: readonly PhrasingContent[]): Inline {
    const out: Inline = { text: '', marks: [] };
    const walk = (children: readonly PhrasingContent[]): void => {
      for (const node of children) {
        switch (node.type) {
          case 'text':
          case 'inlineCode':
            out.text += node.value;
            break;
          case 'break':
            out.text += '\n';
            break;
          case 'emphasis':
          case 'strong': {
            const start = out.text.length;
            walk(node.children);
            closeMark(out, node.type === 'emphasis' ? 'em' : 'strong', start);
            break;
          }
          case 'link':
          case 'linkReference': {
            const start = out.text.length;
            walk(node.children);
            const url =
              node.type === 'link' ? node.url : this.definitions.get(node.identifier)?.url;
            closeMark(out, 'link', start, safeHref(url));
            break;
          }
          case 'html':
          case 'image':
          case 'imageReference':
            break;
          default:
            if ('children' in node) walk(node.children as PhrasingContent[]);
        }
      }
    };
    walk(nodes);
    return out;
  }

  /** Appends one block, trimmed of edge whitespace; an empty block is left out. */
  private place(kind: BlockKind, level: number | undefined, inline: Inline): void {
    const leading = inline.text.length - inline.text.trimStart().length;
    const body = inline.text.trim();
    if (body === '') return;
    if (this.blocks.length > 0) this.text += BLOCK_SEPARATOR;
    const offset = this.text.length;
    this.text += body;
    this.blocks.push(
      level === undefined
        ? { kind, start: offset, end: offset + body.length }
        : { kind, start: offset, end: offset + body.length, level },
    );
    for (const mark of inline.marks) {
      const start = Math.max(mark.start - leading, 0);
      const end = Math.min(mark.end - leading, body.length);
      if (end > start) this.marks.push({ ...mark, start: offset + start, end: offset + end });
    }
  }
}

/** Records a mark from `start` to the current end of the text, if it spans anything. */
function closeMark(out: Inline, kind: InlineMark['kind'], start: number, href?: string): void {
  const end = out.text.length;
  if (end === start) return;
  out.marks.push(href === undefined ? { kind, start, end } : { kind, start, end, href });
}

/** Marks in reading order; an enclosing mark before the marks it contains. */
function byPosition(a: InlineMark, b: InlineMark): number {
  return a.start - b.start || b.end - a.end;
}

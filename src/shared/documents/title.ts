/**
 * A document's title, the name it goes by in the document list and in exports.
 */
import type { Block, DocumentMeta } from '../model';
import { splitsSurrogatePair } from '../offsets';

/** Longest title taken from the text itself, in UTF-16 code units (including the "…"). */
export const TITLE_MAX_LENGTH = 120;

export interface TitleSources {
  readonly meta: DocumentMeta;
  readonly text: string;
  readonly blocks: readonly Block[];
  readonly fileName: string;
}

/**
 * The first that exists: `meta.title` (front matter or sidecar), the first heading, the first
 * line of the first block, the file name without its extension. Titles taken from the text are
 * trimmed, have their whitespace runs collapsed to one space and are cut at a word boundary.
 */
export function chooseTitle({ meta, text, blocks, fileName }: TitleSources): string {
  const given = meta.title?.trim();
  if (given) return given;
  const heading = blocks.find((block) => block.kind === 'heading');
  if (heading) return shorten(text.slice(heading.start, heading.end));
  const first = blocks[0];
  if (first) return shorten(text.slice(first.start, first.end).split('\n')[0] ?? '');
  const baseName = fileName.split(/[\\/]/).pop() ?? fileName;
  return baseName.replace(/\.[^.]*$/, '') || baseName;
}

function shorten(line: string): string {
  const title = line.replace(/\s+/g, ' ').trim();
  if (title.length <= TITLE_MAX_LENGTH) return title;
  let cut = TITLE_MAX_LENGTH - 1;
  const space = title.lastIndexOf(' ', cut);
  // Prefer a word boundary, unless it would throw away more than half the title.
  if (space > TITLE_MAX_LENGTH / 2) cut = space;
  else if (splitsSurrogatePair(title, cut)) cut--;
  return `${title.slice(0, cut).trimEnd()}…`;
}

/**
 * For plain text: the first paragraph whose text is exactly the title becomes a level-1
 * heading. A .txt file cannot say "this line is the headline", but a line that *is* the title
 * (the article's headline, or the title a sidecar names) is one, and the viewer should render
 * it as such. Only the first match changes: an article that repeats its headline (e.g. above
 * a photo credit) has one title. Returns a new array; `blocks` is not modified.
 */
export function markTitleHeading(text: string, blocks: readonly Block[], title: string): Block[] {
  const index = blocks.findIndex(
    (block) => block.kind === 'paragraph' && text.slice(block.start, block.end) === title,
  );
  return blocks.map((block, i) =>
    i === index ? { kind: 'heading', start: block.start, end: block.end, level: 1 } : block,
  );
}

/**
 * Web page (.html, .htm) import: the article a reader came for, without the page around it.
 *
 * The page is parsed by parse5 exactly as a browser parses it (entities, broken markup, foreign
 * content), never matched with patterns. html-readability.ts chooses the content, html-text.ts
 * lays it out as canonical text with blocks and marks, html-meta.ts reads what the page states
 * about the article. Scripts, styles, templates, frames, comments, event handler attributes and
 * unsafe link targets have no way into the result: only text nodes of content elements become
 * text, and a link keeps its href only for http(s) and mailto.
 */
import type { DocumentMeta } from '../model';
import { parseHtmlDocument, type HtmlElement } from './html-dom';
import { articleTime, pageMeta } from './html-meta';
import { treatmentOf, type Treatment } from './html-pruning';
import { chooseContent } from './html-readability';
import { renderHtmlText } from './html-text';
import { stripByteOrderMark, type StructuredText } from './structured-text';

export interface HtmlPage extends StructuredText {
  /** What the page states: title, author, published, url, source, section (when present). */
  readonly meta: DocumentMeta;
}

/** Never throws; a page without article text comes back without blocks. */
export function parseHtml(raw: string): HtmlPage {
  const document = parseHtmlDocument(stripByteOrderMark(raw));
  const meta = pageMeta(document);
  const { roots, headline, linkLists } = chooseContent(document, meta.title);
  const published = meta.published ?? articleTime(roots);
  if (published !== undefined) meta.published = published;
  const treatment = (element: HtmlElement): Treatment =>
    linkLists.has(element) ? 'omit' : treatmentOf(element);
  const content = renderHtmlText(roots, treatment);
  // A headline the content left out goes first, unless the content opens with a heading: then
  // the <h1> the title names is more likely the site's name above every page.
  if (headline && content.blocks[0]?.kind !== 'heading') {
    return { ...renderHtmlText([headline, ...roots], treatment), meta };
  }
  return { ...content, meta };
}

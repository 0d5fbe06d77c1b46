/**
 * The metadata a web page states about its article: title, author, publication time, canonical
 * address, site and section — from <meta>, <link rel="canonical">, <title> and <time>, never
 * guessed from the prose. Values are trimmed, with whitespace runs collapsed to one space.
 */
import type { DocumentMeta } from '../model';
import {
  attribute,
  closestAncestor,
  collapsedText,
  descendants,
  HTML_WHITESPACE,
  isHtmlElement,
  isHtmlTag,
  type HtmlDocument,
  type HtmlElement,
} from './html-dom';
import { isNeverText } from './html-pruning';

/** Each meta key with the <meta> names/properties that state it, in order of preference. */
const META_SOURCES: readonly [key: string, names: readonly string[]][] = [
  ['title', ['og:title', 'twitter:title']],
  ['author', ['author', 'article:author', 'dc.creator']],
  ['published', ['article:published_time', 'dc.date.issued', 'date']],
  ['source', ['og:site_name']],
  ['section', ['article:section']],
];

/**
 * Metadata from the page as a whole. `title` is og:title (the headline as the publisher shares
 * it) or else <title> (which usually carries the site's name too); `url` is the canonical link
 * or og:url, and only an http(s) address.
 */
export function pageMeta(document: HtmlDocument): DocumentMeta {
  // <meta> and <link> belong in <head>, but a parser moves misplaced ones into <body>; neither
  // is ever inside SVG, MathML or a template's content.
  const elements = [...descendants(document, isHtmlElement)];
  const named = new Map<string, string>();
  for (const element of elements) {
    if (!isHtmlTag(element, 'meta')) continue;
    const content = clean(attribute(element, 'content'));
    if (!content) continue;
    for (const name of [attribute(element, 'property'), attribute(element, 'name')]) {
      const key = name?.trim().toLowerCase();
      if (key && !named.has(key)) named.set(key, content);
    }
  }
  const meta: DocumentMeta = {};
  for (const [key, names] of META_SOURCES) {
    const value = names.map((name) => named.get(name)).find((v) => v !== undefined);
    if (value !== undefined) meta[key] = value;
  }
  if (meta.title === undefined) {
    const title = elements.find((element) => isHtmlTag(element, 'title'));
    const text = title ? collapsedText(title) : '';
    if (text !== '') meta.title = text;
  }
  const canonical = elements.find(
    (element) =>
      isHtmlTag(element, 'link') &&
      (attribute(element, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
  );
  const url =
    webAddress(canonical && attribute(canonical, 'href')) ?? webAddress(named.get('og:url'));
  if (url !== undefined) meta.url = url;
  return meta;
}

/**
 * When the page states no publication time in its <meta>: the first <time datetime> of the
 * article that holds the content (the content itself, or the <article> around it).
 */
export function articleTime(roots: readonly HtmlElement[]): string | undefined {
  for (const root of roots) {
    const scope = closestAncestor(root, (a) => isHtmlTag(a, 'article')) ?? root;
    for (const element of [scope, ...descendants(scope, (e) => !isNeverText(e))]) {
      if (!isHtmlTag(element, 'time')) continue;
      const value = clean(attribute(element, 'datetime'));
      if (value) return value;
    }
  }
  return undefined;
}

function clean(value: string | undefined): string | undefined {
  return value?.replace(HTML_WHITESPACE, ' ').trim() || undefined;
}

function webAddress(value: string | undefined): string | undefined {
  const address = value?.trim();
  return address && /^https?:\/\/[^\s]+$/i.test(address) ? address : undefined;
}

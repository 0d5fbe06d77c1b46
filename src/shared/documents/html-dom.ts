/**
 * Read-only access to a parse5 tree (the default tree adapter's plain objects), so that the HTML
 * importer's other modules speak of elements, attributes and text, not of parse5's node shapes.
 * Nothing here changes the tree.
 */
import { parse, type DefaultTreeAdapterTypes } from 'parse5';

export type HtmlDocument = DefaultTreeAdapterTypes.Document;
export type HtmlNode = DefaultTreeAdapterTypes.Node;
export type HtmlElement = DefaultTreeAdapterTypes.Element;
export type HtmlChild = DefaultTreeAdapterTypes.ChildNode;

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/**
 * Parses a page as a browser would (the WHATWG algorithm: entities decoded, CRLF normalised,
 * unclosed tags closed, `<template>` content kept apart from the tree). Never throws: HTML has
 * no syntax errors, only recoveries.
 */
export function parseHtmlDocument(html: string): HtmlDocument {
  return parse(html);
}

export function isElement(node: HtmlNode): node is HtmlElement {
  return 'tagName' in node;
}

/** Text node content, already entity-decoded by the parser. */
export function textOf(node: HtmlNode): string | undefined {
  return node.nodeName === '#text' && 'value' in node ? node.value : undefined;
}

export function childrenOf(node: HtmlNode): readonly HtmlChild[] {
  return 'childNodes' in node ? node.childNodes : [];
}

export function childElements(node: HtmlNode): HtmlElement[] {
  return childrenOf(node).filter(isElement);
}

/** The attribute's value, or undefined when the element does not carry it. */
export function attribute(element: HtmlElement, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

/** Whether `element` is an HTML element, not SVG or MathML (foreign content). */
export function isHtmlElement(element: HtmlElement): boolean {
  return element.namespaceURI === HTML_NAMESPACE;
}

/** Whether `element` is an HTML element named one of `tags` (lower case). */
export function isHtmlTag(element: HtmlElement, ...tags: string[]): boolean {
  return isHtmlElement(element) && tags.includes(element.tagName);
}

/** Elements in document order (pre-order), descending only where `enter` allows. */
export function* descendants(
  root: HtmlNode,
  enter: (element: HtmlElement) => boolean = () => true,
): Generator<HtmlElement> {
  const stack: HtmlChild[] = [...childrenOf(root)].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node) || !enter(node)) continue;
    yield node;
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/**
 * Elements that start a new block of text when rendered (the CSS `display: block`-like elements
 * of the HTML rendering section, plus table parts and list items); everything else flows inline.
 */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'plaintext',
  'pre',
  'search',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'xmp',
]);

export function isBlockElement(element: HtmlElement): boolean {
  return isHtmlElement(element) && BLOCK_TAGS.has(element.tagName);
}

/** The level (1–6) of an h1–h6 element, else undefined. */
export function headingLevel(element: HtmlElement): number | undefined {
  return isHtmlTag(element, 'h1', 'h2', 'h3', 'h4', 'h5', 'h6')
    ? Number(element.tagName[1])
    : undefined;
}

/** HTML's "ASCII whitespace": what a browser collapses in normal flow (not U+00A0). */
export const HTML_WHITESPACE = /[\t\n\f\r ]+/g;

/**
 * The text of `root`'s subtree as a browser lays out one line of it: runs of HTML whitespace
 * collapsed to one space, trimmed; elements `enter` refuses are left out with their subtree.
 */
export function collapsedText(
  root: HtmlElement,
  enter: (element: HtmlElement) => boolean = () => true,
): string {
  let text = '';
  const stack: HtmlChild[] = [...root.childNodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    const value = textOf(node);
    if (value !== undefined) text += value;
    else if (isElement(node) && enter(node)) {
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
    }
  }
  return text.replace(HTML_WHITESPACE, ' ').trim();
}

/** The nearest ancestor (not `element` itself) that satisfies `test`, or undefined. */
export function closestAncestor(
  element: HtmlElement,
  test: (ancestor: HtmlElement) => boolean,
): HtmlElement | undefined {
  for (let node = element.parentNode; node && isElement(node); node = node.parentNode) {
    if (test(node)) return node;
  }
  return undefined;
}

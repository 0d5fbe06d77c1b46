/**
 * What on a web page is never article text, decided per element from the element alone (its
 * tag, namespace, attributes and sectioning ancestors): code, page furniture, forms, embedded
 * content, hidden elements, and containers whose class or id says "comments", "sidebar", ….
 * Both the content scorer and the text renderer skip such an element with everything inside it,
 * so a script, a style sheet or an event handler can never reach the text.
 */
import { attribute, closestAncestor, isHtmlElement, isHtmlTag, type HtmlElement } from './html-dom';

/**
 * - 'content': may hold article text.
 * - 'omit': skipped with its whole subtree.
 * - 'headings_only': an article's own `<header>`: its headings (the headline) are article text;
 *   the rest of it (byline, date line, share bar) is not.
 */
export type Treatment = 'content' | 'omit' | 'headings_only';

/** Code, metadata, embedded and interactive content, and page-level furniture. */
const OMITTED_TAGS = new Set([
  'head',
  'title',
  'meta',
  'link',
  'base',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'canvas',
  'img',
  'picture',
  'video',
  'audio',
  'source',
  'track',
  'map',
  'nav',
  'aside',
  'footer',
  'form',
  'button',
  'input',
  'select',
  'option',
  'datalist',
  'textarea',
  'dialog',
]);

/** ARIA roles of navigation, page banners and other furniture (role="navigation" on a div). */
const OMITTED_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'complementary',
  'menu',
  'menubar',
  'toolbar',
  'search',
  'dialog',
  'alertdialog',
  'tooltip',
]);

/**
 * A `<header>` inside these is that section's introduction (HTML-AAM: only a header scoped to
 * the body is the page's banner landmark).
 */
const SECTIONING = ['article', 'aside', 'main', 'nav', 'section'];

/**
 * Class and id words of page furniture, and words that overrule them: Mozilla Readability's
 * "unlikely candidate" heuristics. Matched against attribute values, never against markup.
 */
const UNLIKELY_CLASS =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const LIKELY_CLASS = /and|article|body|column|content|main|mathjax|shadow/i;

/**
 * Elements a class name never removes: the page, its main landmarks, headings and links, and
 * <header>, which its place decides (a page banner, or an article's own header).
 */
const NEVER_UNLIKELY = new Set([
  'html',
  'body',
  'article',
  'main',
  'header',
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/** `display: none` or `visibility: hidden` in an inline style declaration. */
const HIDDEN_STYLE =
  /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

export function treatmentOf(element: HtmlElement): Treatment {
  if (isNeverText(element)) return 'omit';
  const roles = (attribute(element, 'role') ?? '').toLowerCase().split(/\s+/);
  if (roles.some((role) => OMITTED_ROLES.has(role))) return 'omit';
  if (isUnlikelyByName(element)) return 'omit';
  if (element.tagName === 'header') {
    const scoped = closestAncestor(element, (a) => isHtmlTag(a, ...SECTIONING));
    return scoped ? 'headings_only' : 'omit';
  }
  return 'content';
}

/**
 * Never text whatever the page's layout: code, metadata, embedded and interactive content,
 * navigation, and hidden elements. SVG and MathML (with any HTML inside their foreignObject)
 * are drawings and formulas, not prose; an SVG <script> or <title> is skipped with them.
 */
export function isNeverText(element: HtmlElement): boolean {
  return !isHtmlElement(element) || OMITTED_TAGS.has(element.tagName) || isHidden(element);
}

/**
 * Hidden from every reader: the `hidden` attribute (except "until-found", which a browser's
 * find-in-page reveals: collapsed sections of the article), `aria-hidden="true"`, and an inline
 * style that hides the element.
 */
function isHidden(element: HtmlElement): boolean {
  const hidden = attribute(element, 'hidden');
  if (hidden !== undefined && hidden.trim().toLowerCase() !== 'until-found') return true;
  if (attribute(element, 'aria-hidden')?.trim().toLowerCase() === 'true') return true;
  const style = attribute(element, 'style');
  return style !== undefined && HIDDEN_STYLE.test(style);
}

function isUnlikelyByName(element: HtmlElement): boolean {
  if (NEVER_UNLIKELY.has(element.tagName)) return false;
  const names = `${attribute(element, 'class') ?? ''} ${attribute(element, 'id') ?? ''}`;
  return UNLIKELY_CLASS.test(names) && !LIKELY_CLASS.test(names);
}

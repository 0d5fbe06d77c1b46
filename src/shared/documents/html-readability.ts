/**
 * Which part of a web page is the article: a readability-style extractor in the manner of
 * Mozilla Readability, reduced to what a saved news page needs.
 *
 * 1. Page furniture, code and hidden elements are never considered (html-pruning.ts).
 * 2. Every paragraph of at least MIN_PARAGRAPH_LENGTH characters scores its container and, with
 *    falling weight, up to four more ancestors: long paragraphs and commas score higher.
 *    Containers start from a tag weight (a <div> is likelier than a <ul>) and a class/id weight
 *    ("content", "story" up; "comment", "share" down), and their final score is scaled by
 *    (1 − link density), so a block of links never wins.
 * 3. The best container is widened to the <article> around it, or narrowed to the one <article>
 *    inside it that holds at least half its text; failing that, the same with <main>. Without
 *    either, its siblings that score well or read like prose join it.
 * 4. Inside the chosen content, lists and boxes that are mostly links ("Related", "More on") are
 *    left out.
 * 5. When the content shows no <h1>, an <h1> elsewhere that the page title names is offered as
 *    the headline (the caller decides whether to put it first).
 *
 * Lengths are counted in UTF-16 code units of text with HTML whitespace runs collapsed. Every
 * pass is linear in the size of the page: text statistics are measured once, bottom-up.
 */
import {
  attribute,
  childElements,
  closestAncestor,
  collapsedText,
  descendants,
  HTML_WHITESPACE,
  headingLevel,
  isBlockElement,
  isElement,
  isHtmlTag,
  textOf,
  type HtmlDocument,
  type HtmlElement,
} from './html-dom';
import { isNeverText, treatmentOf } from './html-pruning';

/** Shorter blocks of text are captions, bylines and buttons, not paragraphs. */
export const MIN_PARAGRAPH_LENGTH = 25;

/** Ancestors a paragraph scores beyond its container. */
const SCORED_ANCESTORS = 4;

/** <h1> elements looked at when searching for a headline outside the content. */
const MAX_HEADLINE_CANDIDATES = 10;

/** A list or box inside the article whose text is more than this share links is navigation. */
const MAX_LINK_DENSITY = 0.5;

const POSITIVE_NAME =
  /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
const NEGATIVE_NAME =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget/i;

/** Commas in Latin, Arabic, CJK and other scripts: each one is a clause, a sign of prose. */
const COMMAS = /[\u002C\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C]/g;

export interface ContentSelection {
  /** The subtrees holding the article, in document order. */
  readonly roots: HtmlElement[];
  /**
   * An <h1> that the page title names but the content leaves out: the article's headline, to
   * put before the content when the content does not open with a heading of its own.
   */
  readonly headline?: HtmlElement;
  /** Mostly-link lists and boxes inside the roots, to be left out with their subtrees. */
  readonly linkLists: ReadonlySet<HtmlElement>;
}

interface TextStats {
  /** All text in the subtree. */
  text: number;
  /** Text inside links (`<a href>`). */
  links: number;
  commas: number;
  /** Text not inside a block child: the element's own paragraph, if it has one. */
  looseText: number;
  looseCommas: number;
}

/**
 * Chooses the article's content. `pageTitle` (og:title or <title>) identifies a headline that
 * sits outside the content. An empty `roots` means the page has no body at all.
 */
export function chooseContent(document: HtmlDocument, pageTitle?: string): ContentSelection {
  const body = [...descendants(document)].find((element) => isHtmlTag(element, 'body'));
  if (!body) return { roots: [], linkLists: new Set() };
  const stats = measure(body);
  const scores = scoreContainers(body, stats);
  const roots = widen(body, stats, scores);
  const linkLists = findLinkLists(roots, stats);
  const headline = findHeadline(body, roots, linkLists, pageTitle);
  return headline ? { roots, headline, linkLists } : { roots, linkLists };
}

/** Text statistics of every element that may hold article text, bottom-up in one pass. */
function measure(body: HtmlElement): Map<HtmlElement, TextStats> {
  const order = [body, ...descendants(body, (element) => treatmentOf(element) === 'content')];
  const stats = new Map<HtmlElement, TextStats>();
  for (let i = order.length - 1; i >= 0; i--) {
    const element = order[i]!;
    const own: TextStats = { text: 0, links: 0, commas: 0, looseText: 0, looseCommas: 0 };
    for (const child of element.childNodes) {
      const value = textOf(child);
      if (value !== undefined) {
        const length = value.replace(HTML_WHITESPACE, ' ').length;
        const commas = countCommas(value);
        own.text += length;
        own.looseText += length;
        own.commas += commas;
        own.looseCommas += commas;
        continue;
      }
      if (!isElement(child)) continue;
      const inner = stats.get(child);
      if (!inner) continue;
      own.text += inner.text;
      own.links += inner.links;
      own.commas += inner.commas;
      if (!isBlockElement(child)) {
        own.looseText += inner.text;
        own.looseCommas += inner.commas;
      }
    }
    if (isHtmlTag(element, 'a') && attribute(element, 'href') !== undefined) own.links = own.text;
    stats.set(element, own);
  }
  return stats;
}

function countCommas(text: string): number {
  return text.match(COMMAS)?.length ?? 0;
}

function linkDensity(stats: TextStats | undefined): number {
  return stats && stats.text > 0 ? stats.links / stats.text : 0;
}

/** Final scores of every container a paragraph scored. */
function scoreContainers(
  body: HtmlElement,
  stats: Map<HtmlElement, TextStats>,
): Map<HtmlElement, number> {
  const scores = new Map<HtmlElement, number>();
  // measure() filled `stats` bottom-up; reversed, it is document order, so ties go to the first.
  for (const [element, own] of [...stats].reverse()) {
    let length: number;
    let commas: number;
    let container: HtmlElement | undefined;
    if (isHtmlTag(element, 'p', 'pre', 'td')) {
      length = own.text;
      commas = own.commas;
      container = parentElement(element);
    } else if (isBlockElement(element) && headingLevel(element) === undefined) {
      // Text loose in a <div> (between <br>s, say) is a paragraph of that <div>.
      length = own.looseText;
      commas = own.looseCommas;
      container = element;
    } else {
      continue;
    }
    if (length < MIN_PARAGRAPH_LENGTH || !container) continue;
    const score = 1 + commas + Math.min(Math.floor(length / 100), 3);
    for (let level = 0; container && level <= SCORED_ANCESTORS; level++) {
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(container, (scores.get(container) ?? initialScore(container)) + score / divider);
      container = container === body ? undefined : parentElement(container);
    }
  }
  for (const [element, score] of scores) {
    scores.set(element, score * (1 - linkDensity(stats.get(element))));
  }
  return scores;
}

function initialScore(element: HtmlElement): number {
  let score = 0;
  if (isHtmlTag(element, 'div')) score += 5;
  else if (isHtmlTag(element, 'pre', 'td', 'blockquote')) score += 3;
  else if (isHtmlTag(element, 'address', 'ol', 'ul', 'dl', 'dd', 'dt', 'li', 'form')) score -= 3;
  else if (headingLevel(element) !== undefined || isHtmlTag(element, 'th')) score -= 5;
  for (const name of [attribute(element, 'class'), attribute(element, 'id')]) {
    if (!name) continue;
    if (NEGATIVE_NAME.test(name)) score -= 25;
    if (POSITIVE_NAME.test(name)) score += 25;
  }
  return score;
}

/** Steps 3 of the module comment: from the best container to the content roots. */
function widen(
  body: HtmlElement,
  stats: Map<HtmlElement, TextStats>,
  scores: Map<HtmlElement, number>,
): HtmlElement[] {
  let top: HtmlElement | undefined;
  let topScore = -Infinity;
  for (const [element, score] of scores) {
    if (score > topScore) [top, topScore] = [element, score];
  }
  // No paragraph anywhere: the whole body, for a page of short lines.
  if (!top) return [body];

  const topText = stats.get(top)?.text ?? 0;
  for (const isLandmark of [isArticle, isMain]) {
    if (isLandmark(top)) return [top];
    const around = closestAncestor(top, isLandmark);
    if (around) return [around];
    const inside = outermost(top, isLandmark, stats);
    const [only] = inside;
    if (inside.length === 1 && only && (stats.get(only)?.text ?? 0) * 2 >= topText) return [only];
  }
  return withSiblings(top, topScore, stats, scores);
}

/** The elements inside `top` that satisfy `test` and have no ancestor below `top` that does. */
function outermost(
  top: HtmlElement,
  test: (element: HtmlElement) => boolean,
  stats: Map<HtmlElement, TextStats>,
): HtmlElement[] {
  const found: HtmlElement[] = [];
  const stack = childElements(top);
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (!stats.has(element)) continue;
    if (test(element)) found.push(element);
    else for (const child of childElements(element)) stack.push(child);
  }
  return found;
}

function isArticle(element: HtmlElement): boolean {
  return isHtmlTag(element, 'article');
}

function isMain(element: HtmlElement): boolean {
  return isHtmlTag(element, 'main') || attribute(element, 'role')?.trim().toLowerCase() === 'main';
}

/**
 * The best container and those of its siblings that belong to the article too: a sibling that
 * scores at least a fifth of it (more easily if it shares its class), or a paragraph that reads
 * like prose (long with few links, or short, link-free and ending a sentence).
 */
function withSiblings(
  top: HtmlElement,
  topScore: number,
  stats: Map<HtmlElement, TextStats>,
  scores: Map<HtmlElement, number>,
): HtmlElement[] {
  const parent = top.parentNode;
  if (!parent || !isElement(parent) || isHtmlTag(parent, 'html')) return [top];
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = attribute(top, 'class') ?? '';
  return childElements(parent).filter((sibling) => {
    if (sibling === top) return true;
    const own = stats.get(sibling);
    if (!own) return false;
    const bonus = topClass !== '' && attribute(sibling, 'class') === topClass ? topScore * 0.2 : 0;
    if ((scores.get(sibling) ?? -Infinity) + bonus >= threshold) return true;
    if (!isHtmlTag(sibling, 'p')) return false;
    const density = linkDensity(own);
    if (own.text > 80) return density < 0.25;
    return own.text > 0 && density === 0 && /\.( |$)/.test(collapsedText(sibling));
  });
}

/** Mostly-link lists and boxes inside the roots (not the roots themselves). */
function findLinkLists(
  roots: readonly HtmlElement[],
  stats: Map<HtmlElement, TextStats>,
): Set<HtmlElement> {
  const linkLists = new Set<HtmlElement>();
  const stack = roots.flatMap((root) => childElements(root));
  while (stack.length > 0) {
    const element = stack.pop()!;
    const own = stats.get(element);
    if (!own) continue;
    if (
      isHtmlTag(element, 'ul', 'ol', 'dl', 'div', 'section', 'table') &&
      linkDensity(own) > MAX_LINK_DENSITY
    ) {
      linkLists.add(element);
    } else {
      for (const child of childElements(element)) stack.push(child);
    }
  }
  return linkLists;
}

/**
 * The page's headline when the content as rendered shows no <h1>: among the first few
 * visible <h1> that the content leaves out (outside it, or inside a part of it that is left out,
 * like a `<div class="entry-header">`), the first whose text the page title contains. A site's
 * logo is an <h1> too, but a link, so an <h1> that is all link text is not taken.
 */
function findHeadline(
  body: HtmlElement,
  roots: readonly HtmlElement[],
  linkLists: ReadonlySet<HtmlElement>,
  pageTitle: string | undefined,
): HtmlElement | undefined {
  const title = pageTitle?.replace(HTML_WHITESPACE, ' ').trim();
  if (!title) return undefined;
  const rendered = (e: HtmlElement) => treatmentOf(e) !== 'omit' && !linkLists.has(e);
  if (roots.some((root) => isH1(root) || [...descendants(root, rendered)].some(isH1))) {
    return undefined;
  }
  let looked = 0;
  for (const element of descendants(body, (e) => !isNeverText(e))) {
    if (!isH1(element)) continue;
    const text = collapsedText(element, (e) => !isNeverText(e));
    const linkText = collapsedText(element, (e) => !isNeverText(e) && !isHtmlTag(e, 'a'));
    if (text !== '' && linkText !== '' && title.includes(text)) return element;
    // Bounds the work on a page of thousands of (nested) <h1>: a headline comes early.
    if (++looked === MAX_HEADLINE_CANDIDATES) break;
  }
  return undefined;
}

function isH1(element: HtmlElement): boolean {
  return isHtmlTag(element, 'h1');
}

function parentElement(element: HtmlElement): HtmlElement | undefined {
  const parent = element.parentNode;
  return parent && isElement(parent) ? parent : undefined;
}

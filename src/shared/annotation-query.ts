/**
 * The annotation list's query, as a pure function over the spans in scope: filter by label,
 * attribute value, linked entity and text; sort; cut one page. The service gathers the spans
 * (one document or all, one annotator's layer or everyone's) and hands them here.
 */
import type { AnnotationListQuery } from './api';
import type { Annotation, AttributeValue } from './model';

/** One span with what the list shows beside it. */
export interface ListedSpan {
  readonly annotation: Annotation;
  readonly docTitle: string;
  /** The document's place in the project's document list: "document" order follows it. */
  readonly docIndex: number;
}

export type AnnotationFilter = Pick<AnnotationListQuery, 'label' | 'attribute' | 'entity' | 'text'>;
export type AnnotationSortKey = NonNullable<AnnotationListQuery['sort']>;

export interface AnnotationPage {
  /** Spans matching the filter, on every page. */
  readonly total: number;
  readonly rows: readonly ListedSpan[];
}

/** Case, Unicode composition and kinds of space do not matter to the text filter. */
function fold(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ');
}

const isMissing = (value: AttributeValue | undefined) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A predicate for the filter; every criterion given must hold. */
export function spanFilter(filter: AnnotationFilter): (span: ListedSpan) => boolean {
  const needle = filter.text?.trim() ? fold(filter.text.trim()) : null;
  const { label, attribute, entity } = filter;
  return ({ annotation: a }) => {
    if (label !== undefined && a.label !== label) return false;
    if (entity !== undefined && (a.entity ?? null) !== entity) return false;
    if (attribute !== undefined) {
      const value = a.attributes[attribute.name];
      const wanted = attribute.value === null ? isMissing(value) : value === attribute.value;
      if (!wanted) return false;
    }
    return needle === null || fold(a.quote).includes(needle);
  };
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function byPlace(x: ListedSpan, y: ListedSpan): number {
  const a = x.annotation;
  const b = y.annotation;
  return (
    x.docIndex - y.docIndex ||
    a.start - b.start ||
    a.end - b.end ||
    collator.compare(a.annotator, b.annotator) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

type Compare = (x: ListedSpan, y: ListedSpan) => number;

const COMPARE: Record<Exclude<AnnotationSortKey, 'document'>, Compare> = {
  label: (x, y) => collator.compare(x.annotation.label, y.annotation.label),
  text: (x, y) => collator.compare(x.annotation.quote, y.annotation.quote),
  annotator: (x, y) => collator.compare(x.annotation.annotator, y.annotation.annotator),
  modified: (x, y) =>
    x.annotation.modified < y.annotation.modified
      ? -1
      : x.annotation.modified > y.annotation.modified
        ? 1
        : 0,
};

/**
 * Sorted by `key`, ties in document order (document, then position); `descending` reverses the
 * key but not the ties, so spans with the same label still read top to bottom.
 */
export function sortSpans(
  spans: readonly ListedSpan[],
  key: AnnotationSortKey,
  descending: boolean,
): ListedSpan[] {
  const sign = descending ? -1 : 1;
  if (key === 'document') return [...spans].sort((x, y) => sign * byPlace(x, y));
  const compare = COMPARE[key];
  return [...spans].sort((x, y) => sign * compare(x, y) || byPlace(x, y));
}

/** Filter, sort and cut the page `[offset, offset + limit)`. */
export function queryAnnotations(
  spans: readonly ListedSpan[],
  query: AnnotationFilter & {
    sort: AnnotationSortKey;
    descending: boolean;
    offset: number;
    limit: number;
  },
): AnnotationPage {
  const matching = spans.filter(spanFilter(query));
  const sorted = sortSpans(matching, query.sort, query.descending);
  return { total: matching.length, rows: sorted.slice(query.offset, query.offset + query.limit) };
}

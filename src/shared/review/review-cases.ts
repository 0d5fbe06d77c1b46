/**
 * Review cases: the places where annotators' spans in one document are compared, each classified
 * by how the annotators differ there. A case holds at most one span per annotator; spans are
 * grouped into cases in four rounds, each round only joining what the rounds before left apart:
 *
 *   1. identical spans: same start, end and label;
 *   2. same start and end, other label;
 *   3. overlapping, same label (the best overlap first: intersection over union);
 *   4. overlapping, other label.
 *
 * Two groups join only when they have no annotator in common and every pair of spans across
 * them meets the round's condition, so a case never chains spans that do not themselves meet.
 * What no round joins stays a case of its own: a span only one annotator marked.
 *
 * Offsets are UTF-16 code units, as everywhere inside the app. Pure; deterministic for a given
 * input (ties are broken by position, then annotator order, then id).
 */
import { WorkbenchError } from '../api';
import type { Annotation, Attributes } from '../model';
import type { CaseKind, Difference } from './review-schema';

/** What the comparison reads of a span. Full `Annotation`s qualify. */
export type ComparableSpan = Pick<Annotation, 'id' | 'label' | 'start' | 'end' | 'attributes'>;

export interface CaseVersion<S extends ComparableSpan> {
  readonly annotator: string;
  readonly span: S;
}

export interface ReviewCase<S extends ComparableSpan = ComparableSpan> {
  /** The compared spans as "annotator/spanId", sorted, joined by "+": the same whatever order
   * the annotators were chosen in. */
  readonly key: string;
  /** A hash of the spans' content (offsets, labels, attributes): changes when any of them does. */
  readonly fingerprint: string;
  readonly kind: CaseKind;
  readonly differences: Difference[];
  /** The stretch the case covers: from its first start to its last end (UTF-16). */
  readonly start: number;
  readonly end: number;
  /** One per annotator who marked something here, in the order the annotators were given. */
  readonly versions: CaseVersion<S>[];
  /** The annotators who marked nothing here, in the order given. */
  readonly missing: string[];
}

/** True for every kind but `agree`: the cases a reviewer steps through. */
export function isDisagreement(kind: CaseKind): boolean {
  return kind !== 'agree';
}

/**
 * Groups the annotators' spans of one document into cases and classifies each. `layers` maps
 * an annotator to their spans; an annotator without an entry marked nothing.
 */
export function reviewCases<S extends ComparableSpan>(
  annotators: readonly string[],
  layers: Readonly<Record<string, readonly S[]>>,
): ReviewCase<S>[] {
  checkAnnotators(annotators);
  const entries: Entry<S>[] = [];
  annotators.forEach((annotator, rater) => {
    for (const span of layers[annotator] ?? []) {
      entries.push({ rater, span, group: entries.length });
    }
  });
  entries.sort(compareEntries);
  const groups = new Groups(entries);
  for (const round of ROUNDS) {
    for (const [a, b] of round.candidates(entries)) groups.join(a, b, round.meets);
  }
  return groups
    .list()
    .map((members) => describeCase(annotators, members))
    .sort((x, y) => x.start - y.start || x.end - y.end || compareStrings(x.key, y.key));
}

/** Attributes with null values left out and keys sorted: `{a: null}` and `{}` say the same. */
export function canonicalAttributes(attributes: Attributes): string {
  const keys = Object.keys(attributes)
    .filter((k) => attributes[k] !== null)
    .sort(compareStrings);
  return JSON.stringify(keys.map((k) => [k, attributes[k]]));
}

/** Whether two spans are the same version: offsets, label and attributes. */
export function sameVersion(a: Omit<ComparableSpan, 'id'>, b: Omit<ComparableSpan, 'id'>): boolean {
  return (
    a.start === b.start &&
    a.end === b.end &&
    a.label === b.label &&
    canonicalAttributes(a.attributes) === canonicalAttributes(b.attributes)
  );
}

// ---------------------------------------------------------------------------------------------

interface Entry<S extends ComparableSpan> {
  /** Index of the annotator in the order given. */
  readonly rater: number;
  readonly span: S;
  /** Index into `entries` before sorting: the entry's group id at the start. */
  readonly group: number;
}

type Condition = (a: ComparableSpan, b: ComparableSpan) => boolean;

interface Round {
  /** Pairs of entries from different annotators that meet the condition, best first. */
  candidates<S extends ComparableSpan>(entries: readonly Entry<S>[]): Array<[Entry<S>, Entry<S>]>;
  readonly meets: Condition;
}

const sameRange: Condition = (a, b) => a.start === b.start && a.end === b.end;
const identical: Condition = (a, b) => sameRange(a, b) && a.label === b.label;
const overlapping: Condition = (a, b) => a.start < b.end && b.start < a.end;
const overlappingSameLabel: Condition = (a, b) => overlapping(a, b) && a.label === b.label;

const ROUNDS: readonly Round[] = [
  {
    candidates: (entries) => pairsWithin(entries, (s) => `${s.start}:${s.end}:${s.label}`),
    meets: identical,
  },
  { candidates: (entries) => pairsWithin(entries, (s) => `${s.start}:${s.end}`), meets: sameRange },
  {
    candidates: (entries) => overlapPairs(entries, overlappingSameLabel),
    meets: overlappingSameLabel,
  },
  { candidates: (entries) => overlapPairs(entries, overlapping), meets: overlapping },
];

/** Pairs of entries of different annotators with the same key, in position order. */
function pairsWithin<S extends ComparableSpan>(
  entries: readonly Entry<S>[],
  keyOf: (span: S) => string,
): Array<[Entry<S>, Entry<S>]> {
  const byKey = new Map<string, Entry<S>[]>();
  for (const entry of entries) {
    const key = keyOf(entry.span);
    const list = byKey.get(key);
    if (list) list.push(entry);
    else byKey.set(key, [entry]);
  }
  const pairs: Array<[Entry<S>, Entry<S>]> = [];
  for (const list of byKey.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if (list[i]!.rater !== list[j]!.rater) pairs.push([list[i]!, list[j]!]);
      }
    }
  }
  return pairs;
}

/**
 * Overlapping pairs of entries of different annotators that meet `condition`, by a sweep over
 * the entries (sorted by start), best overlap first: intersection over union, then position.
 */
function overlapPairs<S extends ComparableSpan>(
  entries: readonly Entry<S>[],
  condition: Condition,
): Array<[Entry<S>, Entry<S>]> {
  const scored: Array<{ pair: [Entry<S>, Entry<S>]; score: number; order: number }> = [];
  let active: Entry<S>[] = [];
  for (const entry of entries) {
    active = active.filter((other) => other.span.end > entry.span.start);
    for (const other of active) {
      if (other.rater !== entry.rater && condition(other.span, entry.span)) {
        scored.push({
          pair: [other, entry],
          score: jaccard(other.span, entry.span),
          order: scored.length,
        });
      }
    }
    active.push(entry);
  }
  scored.sort((x, y) => y.score - x.score || x.order - y.order);
  return scored.map((s) => s.pair);
}

function jaccard(a: ComparableSpan, b: ComparableSpan): number {
  const intersection = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return intersection / union;
}

/** Groups of entries (union–find with the member lists kept at the roots). */
class Groups<S extends ComparableSpan> {
  private readonly parent: number[];
  private readonly members: Array<Entry<S>[] | undefined>;

  constructor(entries: readonly Entry<S>[]) {
    this.parent = entries.map((_, i) => i);
    this.members = new Array(entries.length);
    for (const entry of entries) this.members[entry.group] = [entry];
  }

  /** Joins the groups of a and b if they share no annotator and every cross pair meets. */
  join(a: Entry<S>, b: Entry<S>, meets: Condition): void {
    const ra = this.root(a.group);
    const rb = this.root(b.group);
    if (ra === rb) return;
    const left = this.members[ra]!;
    const right = this.members[rb]!;
    const raters = new Set(left.map((e) => e.rater));
    if (right.some((e) => raters.has(e.rater))) return;
    if (!left.every((x) => right.every((y) => meets(x.span, y.span)))) return;
    this.parent[rb] = ra;
    this.members[ra] = [...left, ...right];
    this.members[rb] = undefined;
  }

  list(): Entry<S>[][] {
    return this.members.filter((m): m is Entry<S>[] => m !== undefined);
  }

  private root(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
}

function describeCase<S extends ComparableSpan>(
  annotators: readonly string[],
  members: readonly Entry<S>[],
): ReviewCase<S> {
  const sorted = [...members].sort((a, b) => a.rater - b.rater);
  const versions = sorted.map((e) => ({ annotator: annotators[e.rater]!, span: e.span }));
  const present = new Set(sorted.map((e) => e.rater));
  const missing = annotators.filter((_, r) => !present.has(r));
  const spans = versions.map((v) => v.span);
  const distinct = (f: (s: S) => string) => new Set(spans.map(f)).size > 1;

  const differences: Difference[] = [];
  if (missing.length > 0) differences.push('presence');
  if (distinct((s) => `${s.start}:${s.end}`)) differences.push('boundary');
  const labelsDiffer = distinct((s) => s.label);
  if (labelsDiffer) differences.push('label');
  // Attributes belong to a label; across labels they differ as a matter of course.
  if (!labelsDiffer && distinct((s) => canonicalAttributes(s.attributes))) {
    differences.push('attributes');
  }

  return {
    key: versions
      .map((v) => `${v.annotator}/${v.span.id}`)
      .sort(compareStrings)
      .join('+'),
    fingerprint: fingerprintOf(versions),
    kind: kindOf(versions.length, missing.length, differences),
    differences,
    start: Math.min(...spans.map((s) => s.start)),
    end: Math.max(...spans.map((s) => s.end)),
    versions,
    missing,
  };
}

function kindOf(present: number, missing: number, differences: readonly Difference[]): CaseKind {
  if (missing > 0) return present === 1 ? 'only_one' : 'only_some';
  if (differences.includes('boundary')) return 'boundary_differs';
  if (differences.includes('label')) return 'label_differs';
  if (differences.includes('attributes')) return 'attribute_differs';
  return 'agree';
}

/** cyrb53 of the versions' content, as 14 hex digits: short, and stable across runs. */
function fingerprintOf(versions: readonly CaseVersion<ComparableSpan>[]): string {
  const content = versions
    .map(
      ({ annotator, span }) =>
        `${annotator}\u0000${span.id}\u0000${span.start}\u0000${span.end}\u0000${span.label}\u0000${canonicalAttributes(span.attributes)}`,
    )
    .sort(compareStrings)
    .join('\u0001');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

function compareEntries<S extends ComparableSpan>(a: Entry<S>, b: Entry<S>): number {
  return (
    a.span.start - b.span.start ||
    a.span.end - b.span.end ||
    a.rater - b.rater ||
    compareStrings(a.span.id, b.span.id)
  );
}

function checkAnnotators(annotators: readonly string[]): void {
  if (annotators.length < 2) {
    throw new WorkbenchError(
      'invalid_argument',
      `Review compares two or more annotators; ${annotators.length} given.`,
    );
  }
  const seen = new Set<string>();
  for (const name of annotators) {
    if (seen.has(name)) {
      throw new WorkbenchError('invalid_argument', `Annotator "${name}" is listed twice.`);
    }
    seen.add(name);
  }
}

/** Code unit order, the same on every machine. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

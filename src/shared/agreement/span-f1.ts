/**
 * Pairwise span F1 between two annotators, per label and over all labels, under two matching
 * rules:
 *
 * - exact: a span of A and a span of B match when start, end and label are all equal. Identical
 *   duplicates pair up one-to-one (two equal spans of A and one of B make one match).
 * - overlap: a span of A and a span of B may match when they have the same label and their
 *   half-open ranges intersect (share at least one position). Each span is used at most once,
 *   and the matching is a MAXIMUM one-to-one matching: as many pairs as possible. It is found
 *   greedily — A's spans by increasing end, each taking the intersecting unmatched B span that
 *   ends first — which is provably maximal for intervals (exchange argument: any maximum matching
 *   can be rewritten into the greedy one without losing a pair). So nested or chained spans are
 *   never counted twice, and the score does not depend on input order.
 *
 * A is treated as the reference: precision = matches / |B|, recall = matches / |A|. F1 =
 * 2·matches / (|A| + |B|) is symmetric in A and B. Values are null where undefined: precision when
 * B has no spans, recall when A has none, F1 when neither has any.
 *
 * Offsets may be on any integer continuum (the report concatenates documents); both annotators'
 * spans must use the same one. Cost: O(n log n) per label.
 */

/** A span with its label as an index (0 ≤ label < labelCount), half-open [start, end). */
export interface LabeledSpan {
  readonly start: number;
  readonly end: number;
  readonly label: number;
}

export interface F1Score {
  readonly matches: number;
  /** |A|: spans of the reference annotator. */
  readonly reference: number;
  /** |B|: spans of the other annotator. */
  readonly candidate: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
}

export interface SpanF1 {
  readonly exact: F1Score;
  readonly overlap: F1Score;
  /** Indexed by label. */
  readonly byLabel: ReadonlyArray<{ readonly exact: F1Score; readonly overlap: F1Score }>;
}

/** Span F1 of B against A (the reference), exact and overlap, per label and overall. */
export function spanF1(
  a: readonly LabeledSpan[],
  b: readonly LabeledSpan[],
  labelCount: number,
): SpanF1 {
  const aByLabel = groupByLabel(a, labelCount);
  const bByLabel = groupByLabel(b, labelCount);
  let exactTotal = 0;
  let overlapTotal = 0;
  const byLabel = aByLabel.map((aSpans, label) => {
    const bSpans = bByLabel[label] as LabeledSpan[];
    const exact = exactMatches(aSpans, bSpans);
    const overlap = overlapMatches(aSpans, bSpans);
    exactTotal += exact;
    overlapTotal += overlap;
    return {
      exact: score(exact, aSpans.length, bSpans.length),
      overlap: score(overlap, aSpans.length, bSpans.length),
    };
  });
  return {
    exact: score(exactTotal, a.length, b.length),
    overlap: score(overlapTotal, a.length, b.length),
    byLabel,
  };
}

function score(matches: number, reference: number, candidate: number): F1Score {
  return {
    matches,
    reference,
    candidate,
    precision: candidate > 0 ? matches / candidate : null,
    recall: reference > 0 ? matches / reference : null,
    f1: reference + candidate > 0 ? (2 * matches) / (reference + candidate) : null,
  };
}

function groupByLabel(spans: readonly LabeledSpan[], labelCount: number): LabeledSpan[][] {
  const groups: LabeledSpan[][] = Array.from({ length: labelCount }, () => []);
  for (const span of spans) {
    const group = groups[span.label];
    if (!group) throw new RangeError(`label index ${span.label} is not below ${labelCount}`);
    group.push(span);
  }
  return groups;
}

const byStartThenEnd = (x: LabeledSpan, y: LabeledSpan) => x.start - y.start || x.end - y.end;

/** Size of the multiset intersection of (start, end) among spans of one label. */
function exactMatches(a: readonly LabeledSpan[], b: readonly LabeledSpan[]): number {
  const sa = [...a].sort(byStartThenEnd);
  const sb = [...b].sort(byStartThenEnd);
  let matches = 0;
  let i = 0;
  let j = 0;
  while (i < sa.length && j < sb.length) {
    const order = byStartThenEnd(sa[i] as LabeledSpan, sb[j] as LabeledSpan);
    if (order === 0) {
      matches++;
      i++;
      j++;
    } else if (order < 0) {
      i++;
    } else {
      j++;
    }
  }
  return matches;
}

/**
 * Size of a maximum one-to-one matching between intersecting spans of one label (greedy, see the
 * module comment). B's spans become available as A's ends pass their starts; among available
 * unmatched B spans the one with the smallest end beyond A's start is taken, found in O(log n)
 * with a Fenwick tree over B ranked by end.
 */
function overlapMatches(a: readonly LabeledSpan[], b: readonly LabeledSpan[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const aByEnd = [...a].sort((x, y) => x.end - y.end || x.start - y.start);
  // B as indices: by start (the order they become available), and each one's rank by end.
  const bByStart = b
    .map((_, i) => i)
    .sort((x, y) => byStartThenEnd(b[x] as LabeledSpan, b[y] as LabeledSpan));
  const bByEnd = b
    .map((_, i) => i)
    .sort((x, y) => (b[x] as LabeledSpan).end - (b[y] as LabeledSpan).end);
  const endRank = new Int32Array(b.length);
  bByEnd.forEach((index, rank) => (endRank[index] = rank));
  const bEnds = bByEnd.map((index) => (b[index] as LabeledSpan).end);

  const available = new FenwickTree(b.length);
  let next = 0;
  let matches = 0;
  for (const span of aByEnd) {
    while (next < b.length && (b[bByStart[next] as number] as LabeledSpan).start < span.end) {
      available.add(endRank[bByStart[next] as number] as number, 1);
      next++;
    }
    // Available B spans all start before span.end; they intersect it iff they end after its start.
    const from = upperBound(bEnds, span.start);
    const rank = available.firstAtOrAfter(from);
    if (rank >= 0) {
      available.add(rank, -1);
      matches++;
    }
  }
  return matches;
}

/** First index k with sorted[k] > value. */
function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Counts over positions 0..n−1 with prefix sums and "first occupied position ≥ k" in O(log n). */
class FenwickTree {
  private readonly tree: Int32Array;
  private readonly topBit: number;

  constructor(private readonly size: number) {
    this.tree = new Int32Array(size + 1);
    this.topBit = size > 0 ? 2 ** Math.floor(Math.log2(size)) : 0;
  }

  add(position: number, delta: number): void {
    for (let i = position + 1; i <= this.size; i += i & -i) this.tree[i]! += delta;
  }

  /** Sum of counts at positions < end. */
  private prefix(end: number): number {
    let sum = 0;
    for (let i = end; i > 0; i -= i & -i) sum += this.tree[i] as number;
    return sum;
  }

  /** The first position ≥ from with a count > 0, or −1. */
  firstAtOrAfter(from: number): number {
    const target = this.prefix(from) + 1; // the target-th occupied position overall
    let position = 0;
    let remaining = target;
    for (let step = this.topBit; step > 0; step >>= 1) {
      const next = position + step;
      if (next <= this.size && (this.tree[next] as number) < remaining) {
        position = next;
        remaining -= this.tree[next] as number;
      }
    }
    return position < this.size ? position : -1;
  }
}

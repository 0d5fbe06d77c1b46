/**
 * Lanes for overlapping spans: each span gets the lowest lane number that no span overlapping
 * it uses, so overlapping and nested spans draw their underlines at distinct depths.
 *
 * Lanes are stable: adding a span never moves an existing one (a new span takes the lowest lane
 * free over its range), and removing one frees its lane without reshuffling the rest — a
 * highlight the reader is looking at never jumps. Only a full load assigns lanes from scratch.
 * Offsets are whatever unit the caller uses (UTF-16 code units in the viewer), half-open.
 */

export interface LaneSpan {
  readonly start: number;
  readonly end: number;
}

/** Two half-open spans overlap when they share a character. Touching spans do not. */
export function overlaps(a: LaneSpan, b: LaneSpan): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Lanes for a whole set of spans, by the greedy interval colouring (spans in start order,
 * longer first, each into the lowest lane free at its start): as few lanes as the deepest
 * overlap needs, and an outer span always gets a lower lane than spans nested in it.
 * Returns the lane of `spans[i]` at index i. O(n log n + n × lanes).
 */
export function assignLanes(spans: readonly LaneSpan[]): number[] {
  const order = spans
    .map((_, i) => i)
    .sort((a, b) => spans[a]!.start - spans[b]!.start || spans[b]!.end - spans[a]!.end);
  const laneEnds: number[] = [];
  const lanes = new Array<number>(spans.length);
  for (const i of order) {
    const span = spans[i]!;
    let lane = laneEnds.findIndex((end) => end <= span.start);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = span.end;
    lanes[i] = lane;
  }
  return lanes;
}

/** The lowest lane that none of `placed` overlapping `span` uses. O(placed). */
export function freeLane(
  span: LaneSpan,
  placed: Iterable<{ readonly span: LaneSpan; readonly lane: number }>,
): number {
  const used = new Set<number>();
  for (const other of placed) if (overlaps(span, other.span)) used.add(other.lane);
  let lane = 0;
  while (used.has(lane)) lane++;
  return lane;
}

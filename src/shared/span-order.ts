/**
 * Stepping from span to span in reading order (next / previous annotation): by start, then by
 * end, then by id, so overlapping and nested spans all get a turn in a fixed order.
 *
 * Offsets are UTF-16 code units.
 */

export interface OrderedSpan {
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

export type StepDirection = 1 | -1;

export function compareSpans(a: OrderedSpan, b: OrderedSpan): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The span after (or before) the current one. Without a current span (or when it is gone), the
 * first span starting at or after `caret` (or the last starting before it); without a caret,
 * the first (or last) span. Null when there is none in that direction: no wrapping around, so
 * the person notices they have reached the end.
 */
export function adjacentSpan(
  spans: readonly OrderedSpan[],
  current: string | null,
  caret: number | null,
  direction: StepDirection,
): OrderedSpan | null {
  const sorted = [...spans].sort(compareSpans);
  const index = current === null ? -1 : sorted.findIndex((s) => s.id === current);
  if (index >= 0) return sorted[index + direction] ?? null;
  if (caret === null) return (direction > 0 ? sorted[0] : sorted.at(-1)) ?? null;
  return direction > 0
    ? (sorted.find((s) => s.start >= caret) ?? null)
    : (sorted.findLast((s) => s.start < caret) ?? null);
}

/**
 * Geometry of relation connectors, kept pure so it can be tested without a browser. Boxes are
 * CSS pixels in the overlay's coordinates (y grows downwards), as DOMRect reports them after
 * subtracting the overlay's origin.
 */

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** An SVG path from one span to another, and where its label goes. */
export interface Connector {
  readonly d: string;
  readonly label: Point;
}

/**
 * One box per line: a span split into pieces (by nested spans or inline marks) reports several
 * boxes on the same line; they are joined. Boxes of zero width (empty line ends) are dropped.
 */
export function lineBoxes(rects: readonly Box[]): Box[] {
  const lines: Box[] = [];
  const sorted = rects
    .filter((r) => r.right > r.left)
    .sort((a, b) => a.top - b.top || a.left - b.left);
  for (const r of sorted) {
    const last = lines.at(-1);
    // Same line: the boxes overlap vertically by more than half their height.
    const overlap = last ? Math.min(last.bottom, r.bottom) - Math.max(last.top, r.top) : 0;
    if (last && overlap > (r.bottom - r.top) / 2) {
      lines[lines.length - 1] = {
        left: Math.min(last.left, r.left),
        top: Math.min(last.top, r.top),
        right: Math.max(last.right, r.right),
        bottom: Math.max(last.bottom, r.bottom),
      };
    } else {
      lines.push(r);
    }
  }
  return lines;
}

/** The box of each span that lies closest to the other span (spans may wrap over lines). */
export function nearestBoxes(from: readonly Box[], to: readonly Box[]): [Box, Box] {
  let best: [Box, Box] = [from[0]!, to[0]!];
  let bestDistance = Infinity;
  for (const a of from) {
    for (const b of to) {
      const dx = Math.max(0, b.left - a.right, a.left - b.right);
      const dy = Math.abs(a.top - b.top);
      // Lines count more than columns: a link on one line reads better than one across lines.
      const distance = dy * 4 + dx;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = [a, b];
      }
    }
  }
  return best;
}

/** Closer than this, the two ends of an arc are pulled apart so that it stays visible (px). */
const MIN_SPAN = 16;

/** An arc over one line rises at least this much, and up to this much more for far ends (px). */
const MIN_RISE = 8;
const MAX_EXTRA_RISE = 8;
/** Within this vertical distance the label of a connector across lines sits at its middle (px). */
const NEAR = 120;
/** How far from its start a long connector carries its label (px). */
const LABEL_OFFSET = 10;

/**
 * The connector from `from` to `to`, leaving and arriving at `x1`, `x2` (by default the boxes'
 * middles):
 * - on one line, an arc into the gap above the line, rising a little for neighbours and more
 *   for far ones, so that arcs between different pairs nest; labelled at its top;
 * - across lines, an S-curve from the side of one box facing the other (the top of the lower
 *   box, the bottom of the upper one), so it runs through the gaps between lines rather than
 *   looping over a line; labelled at its middle when the spans are near, else just outside
 *   `from`, since the middle of a long connector is often off screen.
 */
export function connector(
  from: Box,
  to: Box,
  x1 = (from.left + from.right) / 2,
  x2 = (to.left + to.right) / 2,
): Connector {
  const sameLine = Math.abs(from.top - to.top) < (from.bottom - from.top) / 2;
  if (sameLine && Math.abs(x2 - x1) < MIN_SPAN) {
    // Nested or stacked spans: start and end side by side, in the order of the boxes.
    const direction = to.left >= from.left ? 1 : -1;
    const middle = (x1 + x2) / 2;
    x1 = middle - (direction * MIN_SPAN) / 2;
    x2 = middle + (direction * MIN_SPAN) / 2;
  }
  if (sameLine) {
    const y1 = from.top;
    const y2 = to.top;
    // The top stays in the gap above the line (~15 px at the viewer's line height).
    const c = Math.min(y1, y2) - (MIN_RISE + Math.min(MAX_EXTRA_RISE, Math.abs(x2 - x1) / 50));
    return {
      d: `M${r(x1)} ${r(y1)}C${r(x1)} ${r(c)} ${r(x2)} ${r(c)} ${r(x2)} ${r(y2)}`,
      // The cubic Bézier at t = ½: (P0 + 3·P1 + 3·P2 + P3) / 8.
      label: { x: r((x1 + x2) / 2), y: r((y1 + 6 * c + y2) / 8) },
    };
  }
  const up = to.top < from.top ? -1 : 1;
  const y1 = up < 0 ? from.top : from.bottom;
  const y2 = up < 0 ? to.bottom : to.top;
  const bend = up * Math.min(40, Math.abs(y2 - y1) / 2);
  return {
    d: `M${r(x1)} ${r(y1)}C${r(x1)} ${r(y1 + bend)} ${r(x2)} ${r(y2 - bend)} ${r(x2)} ${r(y2)}`,
    // A symmetric S-curve passes through the middle of its ends at t = ½.
    label:
      Math.abs(y2 - y1) <= NEAR
        ? { x: r((x1 + x2) / 2), y: r((y1 + y2) / 2) }
        : { x: r(x1), y: r(y1 + up * LABEL_OFFSET) },
  };
}

/**
 * Where the arcs leaving one line box start: spread evenly over the box, in the order of the
 * other ends (left to right), so that several relations of one span neither share a start nor
 * cross near it. Returns the x of each, in the order given.
 */
export function spreadAnchors(box: Box, otherEnds: readonly number[]): number[] {
  const order = otherEnds.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x || a.i - b.i);
  const xs = new Array<number>(otherEnds.length);
  const step = (box.right - box.left) / (otherEnds.length + 1);
  order.forEach(({ i }, k) => (xs[i] = r(box.left + step * (k + 1))));
  return xs;
}

/** One decimal is below a device pixel and keeps paths short. */
function r(value: number): number {
  return Math.round(value * 10) / 10;
}

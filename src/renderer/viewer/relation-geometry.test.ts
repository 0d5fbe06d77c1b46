import { describe, expect, it } from 'vitest';
import { connector, lineBoxes, nearestBoxes, spreadAnchors, type Box } from './relation-geometry';

const box = (left: number, top: number, right: number, bottom: number): Box => ({
  left,
  top,
  right,
  bottom,
});

describe('lineBoxes', () => {
  it('joins the pieces of one line and keeps lines apart, dropping empty boxes', () => {
    expect(
      lineBoxes([
        box(200, 40, 260, 60),
        box(100, 0, 150, 20),
        box(150, 1, 180, 21),
        box(0, 40, 50, 60),
        box(70, 40, 70, 60),
      ]),
    ).toEqual([box(100, 0, 180, 21), box(0, 40, 260, 60)]);
  });
});

describe('nearestBoxes', () => {
  it('picks the line boxes of two wrapped spans that are closest, one line before columns', () => {
    const claim = [box(300, 0, 600, 20), box(0, 36, 200, 56)];
    const actor = [box(250, 36, 400, 56)];
    expect(nearestBoxes(claim, actor)).toEqual([claim[1], actor[0]]);
  });
});

describe('connector', () => {
  it('arcs over one line from the middle top of one box to the other', () => {
    const { d, label } = connector(box(0, 100, 100, 120), box(300, 100, 400, 120));
    // Rises 8 px + a fiftieth of the 300 px between the middles.
    expect(d).toBe('M50 100C50 86 350 86 350 100');
    expect(label).toEqual({ x: 200, y: 89.5 });
  });

  it('runs across lines from the top of the lower box to the bottom of the upper one', () => {
    // The target two lines up: an S-curve through the gaps, labelled at its middle.
    const up = connector(box(0, 200, 100, 220), box(300, 128, 400, 148));
    expect(up.d).toBe('M50 200C50 174 350 174 350 148');
    expect(up.label).toEqual({ x: 200, y: 174 });
    // The target below: from the bottom of `from` to the top of `to`.
    const down = connector(box(0, 100, 100, 120), box(300, 136, 400, 156));
    expect(down.d).toBe('M50 120C50 128 350 128 350 136');
  });

  it('labels a long connector just outside its start, where it is on screen', () => {
    const { d, label } = connector(box(0, 1000, 100, 1020), box(300, 100, 400, 120));
    expect(d).toBe('M50 1000C50 960 350 160 350 120');
    expect(label).toEqual({ x: 50, y: 990 });
  });

  it('starts and ends where it is told', () => {
    const { d } = connector(box(0, 200, 100, 220), box(300, 128, 400, 148), 25, 390);
    expect(d).toBe('M25 200C25 174 390 174 390 148');
  });

  it('pulls apart the ends of nested spans so the arc stays visible', () => {
    const { d } = connector(box(0, 0, 100, 20), box(40, 0, 60, 20));
    expect(d).toBe('M42 0C42 -8.3 58 -8.3 58 0');
  });
});

describe('spreadAnchors', () => {
  it('spreads the starts over the box in the order of the other ends', () => {
    expect(spreadAnchors(box(0, 0, 300, 20), [500, -40, 100])).toEqual([225, 75, 150]);
    expect(spreadAnchors(box(10, 0, 30, 20), [0])).toEqual([20]);
  });
});

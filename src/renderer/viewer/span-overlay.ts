/**
 * What the viewer draws over the text beside the highlights: a connector arc for every relation
 * (from span to span, with its type as label and an arrowhead at the target) and a dashed
 * outline around every span that misses a required attribute.
 *
 * One SVG in the viewer's box (DocumentViewer.addOverlay), so it scrolls with the text and
 * needs redrawing only when what is drawn changes: after `update`, on scroll (sections near the
 * viewport get their highlights drawn), and when the viewer's box changes size (the text
 * reflows). A redraw takes the line boxes of the spans that are drawn now — only sections near
 * the viewport are — and draws only connectors with an end near the viewport, at most once per
 * frame. The SVG is hidden from assistive technology: the side panel lists the same relations.
 */
import type { Relation } from '../../shared/model';
import { connector, lineBoxes, nearestBoxes, spreadAnchors, type Box } from './relation-geometry';
import './span-overlay.css';

/** What the overlay needs of the viewer. */
export interface OverlayHost {
  getSpanRects(id: string): DOMRect[];
  addOverlay(element: Element): () => void;
}

export interface OverlayContent {
  readonly relations: readonly Relation[];
  /** Relations touching this span are emphasised and drawn on top. */
  readonly selected: string | null;
  /** Spans to outline as incomplete (a required attribute is missing). */
  readonly incomplete: readonly string[];
  /** A link not made yet, drawn dashed: the relation picker's highlighted choice. */
  readonly preview?: { readonly type: string; readonly from: string; readonly to: string } | null;
}

const SVG = 'http://www.w3.org/2000/svg';
/** Connectors and outlines this far outside the window are drawn too (px). */
const MARGIN = 200;
/** After the last scroll event: sections the browser rendered late get their connectors (ms). */
const SETTLE_MS = 150;

let overlays = 0;

export class SpanOverlay {
  private content: OverlayContent = { relations: [], selected: null, incomplete: [] };
  private readonly svg: SVGSVGElement;
  private readonly layer: SVGGElement;
  private readonly markers: { plain: string; selected: string };
  private readonly removeOverlay: () => void;
  private readonly resizeObserver: ResizeObserver;
  private frame = 0;
  private settle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: OverlayHost) {
    const n = ++overlays;
    this.markers = { plain: `wb-arrow-${n}`, selected: `wb-arrow-selected-${n}` };
    this.svg = svgElement('svg', { class: 'wb-span-overlay', 'aria-hidden': 'true' });
    const defs = svgElement('defs', {});
    for (const [kind, id] of Object.entries(this.markers)) {
      const marker = svgElement('marker', {
        id,
        class: `wb-relation-arrow is-${kind}`,
        viewBox: '0 0 8 8',
        refX: '7',
        refY: '4',
        markerWidth: '7',
        markerHeight: '7',
        orient: 'auto',
      });
      marker.append(svgElement('path', { d: 'M0 0L8 4L0 8z' }));
      defs.append(marker);
    }
    this.layer = svgElement('g', {});
    this.svg.append(defs, this.layer);
    this.removeOverlay = host.addOverlay(this.svg);
    document.addEventListener('scroll', this.scrolled, { capture: true, passive: true });
    this.resizeObserver = new ResizeObserver(() => this.schedule());
    if (this.svg.parentElement) this.resizeObserver.observe(this.svg.parentElement);
  }

  /** Sets what to draw; drawn in the next frame. */
  update(content: OverlayContent): void {
    this.content = content;
    this.schedule();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.settle);
    document.removeEventListener('scroll', this.scrolled, { capture: true });
    this.resizeObserver.disconnect();
    this.removeOverlay();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private readonly scrolled = (event: Event): void => {
    const target = event.target === document ? document.documentElement : event.target;
    if (!(target instanceof Element) || !target.contains(this.svg)) return;
    this.schedule();
    clearTimeout(this.settle);
    this.settle = setTimeout(() => this.schedule(), SETTLE_MS);
  };

  private draw(): void {
    const origin = this.svg.getBoundingClientRect();
    // The band near the window, in overlay coordinates.
    const top = -origin.top - MARGIN;
    const bottom = window.innerHeight - origin.top + MARGIN;
    const near = (b: Box) => b.bottom >= top && b.top <= bottom;
    const boxes = new Map<string, Box[]>();
    const boxesOf = (id: string): Box[] => {
      let found = boxes.get(id);
      if (!found) {
        found = lineBoxes(
          this.host.getSpanRects(id).map((rect) => ({
            left: rect.left - origin.left,
            top: rect.top - origin.top,
            right: rect.right - origin.left,
            bottom: rect.bottom - origin.top,
          })),
        );
        boxes.set(id, found);
      }
      return found;
    };

    const outlines: SVGElement[] = [];
    for (const id of this.content.incomplete) {
      for (const b of boxesOf(id).filter(near)) {
        outlines.push(
          svgElement('rect', {
            class: 'wb-incomplete',
            'data-annotation-id': id,
            x: String(b.left - 2),
            y: String(b.top - 1),
            width: String(b.right - b.left + 4),
            height: String(b.bottom - b.top + 2),
            rx: '3',
          }),
        );
      }
    }

    const plain: SVGElement[] = [];
    const selected: SVGElement[] = [];
    const { selected: selectedSpan, preview } = this.content;
    const links = preview
      ? [...this.content.relations, { ...preview, id: 'preview', isPreview: true }]
      : this.content.relations;
    type Arc = { relation: (typeof links)[number]; ends: [Box, Box]; x: [number, number] };
    const arcs: Arc[] = [];
    // The arc ends meeting at each line box, to be spread over it.
    const meeting = new Map<string, { box: Box; ends: { arc: Arc; end: 0 | 1 }[] }>();
    for (const relation of links) {
      const from = boxesOf(relation.from);
      const to = boxesOf(relation.to);
      if (from.length === 0 || to.length === 0) continue;
      if (!from.some(near) && !to.some(near)) continue;
      const arc: Arc = { relation, ends: nearestBoxes(from, to), x: [0, 0] };
      arcs.push(arc);
      for (const end of [0, 1] as const) {
        const box = arc.ends[end];
        const key = `${end === 0 ? relation.from : relation.to} ${box.left} ${box.top}`;
        const entry = meeting.get(key) ?? { box, ends: [] };
        entry.ends.push({ arc, end });
        meeting.set(key, entry);
      }
    }
    for (const { box, ends } of meeting.values()) {
      const middle = (b: Box) => (b.left + b.right) / 2;
      const xs = spreadAnchors(
        box,
        ends.map(({ arc, end }) => middle(arc.ends[end === 0 ? 1 : 0])),
      );
      ends.forEach(({ arc, end }, k) => (arc.x[end] = xs[k]!));
    }

    for (const { relation, ends, x } of arcs) {
      const isPreview = 'isPreview' in relation;
      const isSelected =
        isPreview || relation.from === selectedSpan || relation.to === selectedSpan;
      const { d, label } = connector(ends[0], ends[1], x[0], x[1]);
      const group = svgElement('g', {
        class: `wb-relation${isSelected ? ' is-selected' : ''}${isPreview ? ' is-preview' : ''}`,
        'data-relation-id': relation.id,
        'data-relation-type': relation.type,
      });
      const line = svgElement('path', {
        class: 'wb-relation-line',
        d,
        'marker-end': `url(#${isSelected ? this.markers.selected : this.markers.plain})`,
      });
      const text = svgElement('text', {
        class: 'wb-relation-label',
        x: String(label.x),
        y: String(label.y),
      });
      text.textContent = relation.type;
      group.append(line, text);
      (isSelected ? selected : plain).push(group);
    }
    this.layer.replaceChildren(...outlines, ...plain, ...selected);
  }
}

function svgElement<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string>,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

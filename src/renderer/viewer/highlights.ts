/**
 * Highlights: the plugin whose state holds one inline decoration per annotation (per block
 * piece of it), updated incrementally — `DecorationSet.add`/`remove` touch only the sections a
 * span lies in; rebuilding the set costs ~177 ms per change on a 1 MB article (DESIGN.md).
 *
 * Changes arrive as transaction metas (`highlightChange`): add (an upsert), remove, select, and
 * replace — the one full rebuild, for loading a whole layer. The document never changes (the
 * view is read-only), so decorations never need mapping and the ones kept per annotation are
 * exactly the ones `remove` must be given.
 *
 * Each piece renders as its own `<mark>` (an explicit `nodeName` makes ProseMirror nest one
 * element per decoration instead of merging overlapping ones into one span), carrying its
 * annotation id, its label for assistive technology, and classes for its lane (underline depth,
 * see lanes.ts) and its label's colour (label-colors.ts); viewer.css does the rest. Only
 * attributes and classes, no inline style: on open that is ~20,000 elements.
 */
import type { Node } from 'prosemirror-model';
import type { EditorState, Transaction } from 'prosemirror-state';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Annotation } from '../../shared/model';
import { assignLanes, freeLane } from './lanes';
import type { PositionMap } from './position-map';

/** Lanes from this one on share the deepest underline (viewer.css defines wb-lane-0…3). */
export const DEEPEST_LANE = 3;

/** Attribute carrying the annotation id on every highlight element. */
export const ANNOTATION_ID_ATTRIBUTE = 'data-annotation-id';

export interface Highlight {
  readonly annotation: Annotation;
  readonly lane: number;
  /** One per block piece of the span; none when it lies entirely in a gap between blocks. */
  readonly decorations: readonly Decoration[];
}

export interface HighlightState {
  readonly decorations: DecorationSet;
  readonly highlights: ReadonlyMap<string, Highlight>;
  /** The annotation drawn with an outline, if any. */
  readonly selected: string | null;
}

export type HighlightChange =
  /** Adds spans; one whose id is already shown replaces it (so it also serves for updates). */
  | { readonly kind: 'add'; readonly annotations: readonly Annotation[] }
  | { readonly kind: 'remove'; readonly ids: readonly string[] }
  /** Shows exactly these spans, built from scratch: for loading a layer, never per edit. */
  | { readonly kind: 'replace'; readonly annotations: readonly Annotation[] }
  | { readonly kind: 'select'; readonly id: string | null };

export interface HighlightOptions {
  readonly map: PositionMap;
  readonly annotations: readonly Annotation[];
  /** The class giving a label's colour (label-colors.ts), e.g. `wb-label-0`. */
  readonly labelClass: (label: string) => string;
}

export const highlightsKey = new PluginKey<HighlightState>('highlights');

/** Marks `tr` to apply `change` to the highlights. */
export function highlightChange(tr: Transaction, change: HighlightChange): Transaction {
  return tr.setMeta(highlightsKey, change);
}

export function highlightState(state: EditorState): HighlightState {
  const value = highlightsKey.getState(state);
  if (!value) throw new Error('The highlights plugin is not part of this editor state.');
  return value;
}

export function highlightsPlugin(options: HighlightOptions): Plugin<HighlightState> {
  const build = new HighlightBuilder(options);
  return new Plugin<HighlightState>({
    key: highlightsKey,
    state: {
      init: (_, state) => build.all(state.doc, options.annotations, null),
      apply(tr, value, _old, state) {
        const change = tr.getMeta(highlightsKey) as HighlightChange | undefined;
        if (!change) return value;
        switch (change.kind) {
          case 'add':
            return build.add(state.doc, value, change.annotations);
          case 'remove':
            return build.remove(state.doc, value, change.ids);
          case 'replace':
            return build.all(state.doc, change.annotations, value.selected);
          case 'select':
            return build.select(state.doc, value, change.id);
        }
      },
    },
    props: {
      decorations: (state) => highlightState(state).decorations,
    },
  });
}

/**
 * Spans ordered innermost first: shortest first, and among equally long ones the later start
 * first (the one the pointer most likely aimed at when they are side by side).
 */
export function innermostFirst<T extends { start: number; end: number }>(spans: readonly T[]): T[] {
  return [...spans].sort((a, b) => a.end - a.start - (b.end - b.start) || b.start - a.start);
}

class HighlightBuilder {
  constructor(private readonly options: HighlightOptions) {}

  all(doc: Node, annotations: readonly Annotation[], selected: string | null): HighlightState {
    this.check(annotations);
    const latest = latestById(annotations);
    const lanes = assignLanes(latest);
    const highlights = new Map<string, Highlight>();
    const decorations: Decoration[] = [];
    latest.forEach((annotation, i) => {
      const highlight = this.highlight(annotation, lanes[i]!, annotation.id === selected);
      highlights.set(annotation.id, highlight);
      decorations.push(...highlight.decorations);
    });
    return {
      decorations: DecorationSet.create(doc, decorations),
      highlights,
      selected: selected !== null && highlights.has(selected) ? selected : null,
    };
  }

  add(doc: Node, value: HighlightState, list: readonly Annotation[]): HighlightState {
    this.check(list);
    const annotations = latestById(list);
    const highlights = new Map(value.highlights);
    const stale: Decoration[] = [];
    const keptLane = new Map<string, number>();
    for (const annotation of annotations) {
      const old = highlights.get(annotation.id);
      if (!old) continue;
      stale.push(...old.decorations);
      highlights.delete(annotation.id);
      // Same range, same lane: relabelling a span must not move its underline.
      const moved =
        old.annotation.start !== annotation.start || old.annotation.end !== annotation.end;
      if (!moved) keptLane.set(annotation.id, old.lane);
    }
    const fresh: Decoration[] = [];
    for (const annotation of annotations) {
      const lane = keptLane.get(annotation.id) ?? freeLane(annotation, placed(highlights));
      const highlight = this.highlight(annotation, lane, annotation.id === value.selected);
      highlights.set(annotation.id, highlight);
      fresh.push(...highlight.decorations);
    }
    return { ...value, decorations: update(doc, value.decorations, stale, fresh), highlights };
  }

  remove(doc: Node, value: HighlightState, ids: readonly string[]): HighlightState {
    const highlights = new Map(value.highlights);
    const stale: Decoration[] = [];
    for (const id of ids) {
      const old = highlights.get(id);
      if (!old) continue;
      stale.push(...old.decorations);
      highlights.delete(id);
    }
    if (highlights.size === value.highlights.size) return value;
    const selected =
      value.selected !== null && highlights.has(value.selected) ? value.selected : null;
    return { decorations: update(doc, value.decorations, stale, []), highlights, selected };
  }

  /** Moves the outline: redraws only the previously and the newly selected span. */
  select(doc: Node, value: HighlightState, id: string | null): HighlightState {
    const next = id !== null && value.highlights.has(id) ? id : null;
    if (next === value.selected) return value;
    const highlights = new Map(value.highlights);
    const stale: Decoration[] = [];
    const fresh: Decoration[] = [];
    for (const changed of [value.selected, next]) {
      const old = changed === null ? undefined : highlights.get(changed);
      if (!old) continue;
      const redrawn = this.highlight(old.annotation, old.lane, changed === next);
      highlights.set(old.annotation.id, redrawn);
      stale.push(...old.decorations);
      fresh.push(...redrawn.decorations);
    }
    return {
      decorations: update(doc, value.decorations, stale, fresh),
      highlights,
      selected: next,
    };
  }

  private highlight(annotation: Annotation, lane: number, selected: boolean): Highlight {
    const pieces = this.options.map.textRangeToPieces(annotation.start, annotation.end);
    if (pieces.length === 0) return { annotation, lane, decorations: [] };
    const lanes = `wb-lane-${Math.min(lane, DEEPEST_LANE)}`;
    const attrs = {
      nodeName: 'mark',
      class: `wb-hl ${lanes} ${this.options.labelClass(annotation.label)}${selected ? ' wb-hl-selected' : ''}`,
      [ANNOTATION_ID_ATTRIBUTE]: annotation.id,
      'aria-description': annotation.label,
    };
    const spec = { annotationId: annotation.id };
    const decorations = pieces.map((p) => Decoration.inline(p.from, p.to, attrs, spec));
    return { annotation, lane, decorations };
  }

  /** Throws, before anything changes, on a span that is not a range of this document's text. */
  private check(annotations: readonly Annotation[]): void {
    const length = this.options.map.textLength;
    for (const a of annotations) {
      const valid =
        Number.isInteger(a.start) &&
        Number.isInteger(a.end) &&
        a.start >= 0 &&
        a.start <= a.end &&
        a.end <= length;
      if (!valid) {
        throw new RangeError(
          `Annotation "${a.id}" (${a.label} ${a.start}–${a.end}) is not a range inside the ` +
            `document text (0–${length}); it cannot be shown.`,
        );
      }
    }
  }
}

function update(
  doc: Node,
  set: DecorationSet,
  stale: Decoration[],
  fresh: Decoration[],
): DecorationSet {
  const removed = stale.length > 0 ? set.remove(stale) : set;
  return fresh.length > 0 ? removed.add(doc, fresh) : removed;
}

/** One annotation per id, the last given winning (a list may carry an id twice). */
function latestById(annotations: readonly Annotation[]): Annotation[] {
  return [...new Map(annotations.map((a) => [a.id, a])).values()];
}

function* placed(highlights: ReadonlyMap<string, Highlight>) {
  for (const h of highlights.values()) yield { span: h.annotation, lane: h.lane };
}

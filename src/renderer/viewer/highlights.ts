/**
 * Highlights: the plugin whose state holds one inline decoration per annotation per block piece,
 * updated incrementally — `DecorationSet.add`/`remove` touch only the sections a span lies in;
 * rebuilding the set costs ~177 ms per change on a 1 MB article (DESIGN.md).
 *
 * Only the sections near the viewport are decorated ("shown" sections, reported by the viewer
 * as the browser starts or stops rendering them). Every span's pieces are computed and kept,
 * but only those in shown sections are in the DecorationSet, so opening a 1 MB article with
 * 10,000 spans draws a few hundred highlight elements instead of ~20,000, and an edit costs the
 * same wherever it is. Showing or hiding a section adds or removes just its pieces.
 *
 * Changes arrive as transaction metas (`highlightChange`): add (an upsert), remove, select,
 * show-sections, and replace — the one full rebuild, for loading a whole layer. The document
 * never changes (the view is read-only), so decorations never need mapping and the ones kept per
 * annotation are exactly the ones `remove` must be given.
 *
 * Each piece renders as its own `<mark>` (an explicit `nodeName` makes ProseMirror nest one
 * element per decoration instead of merging overlapping ones into one span), carrying its
 * annotation id, its label for assistive technology, and classes for its lane (underline depth,
 * see lanes.ts) and its label's colour (label-colors.ts); viewer.css does the rest. Only
 * attributes and classes, no inline style, which would cost a CSS parse per element.
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

export interface HighlightPiece {
  /** Index of the section node the piece lies in. */
  readonly section: number;
  readonly decoration: Decoration;
}

export interface Highlight {
  readonly annotation: Annotation;
  readonly lane: number;
  /** One per block piece of the span; none when it lies entirely in a gap between blocks. */
  readonly pieces: readonly HighlightPiece[];
}

export interface HighlightState {
  /** The pieces of every span that lie in a shown section. */
  readonly decorations: DecorationSet;
  readonly highlights: ReadonlyMap<string, Highlight>;
  /** The annotation drawn as selected (deeper tint), if any. */
  readonly selected: string | null;
  /** Sections whose highlights are drawn. */
  readonly shown: ReadonlySet<number>;
  /** By section index: the ids of the spans with a piece in that section. */
  readonly bySection: readonly ReadonlySet<string>[];
}

export type HighlightChange =
  /** Adds spans; one whose id is already shown replaces it (so it also serves for updates). */
  | { readonly kind: 'add'; readonly annotations: readonly Annotation[] }
  | { readonly kind: 'remove'; readonly ids: readonly string[] }
  /** Shows exactly these spans, built from scratch: for loading a layer, never per edit. */
  | { readonly kind: 'replace'; readonly annotations: readonly Annotation[] }
  | { readonly kind: 'select'; readonly id: string | null }
  /** Draws the highlights of exactly these sections (the ones near the viewport). */
  | { readonly kind: 'show-sections'; readonly sections: readonly number[] };

export interface HighlightOptions {
  readonly map: PositionMap;
  readonly annotations: readonly Annotation[];
  /** Sections drawn from the start, before the browser has said which ones it renders. */
  readonly shownSections: readonly number[];
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
      init: (_, state) =>
        build.all(state.doc, options.annotations, null, new Set(options.shownSections)),
      apply(tr, value, _old, state) {
        const change = tr.getMeta(highlightsKey) as HighlightChange | undefined;
        if (!change) return value;
        switch (change.kind) {
          case 'add':
            return build.add(state.doc, value, change.annotations);
          case 'remove':
            return build.remove(state.doc, value, change.ids);
          case 'replace':
            return build.all(state.doc, change.annotations, value.selected, value.shown);
          case 'select':
            return build.select(state.doc, value, change.id);
          case 'show-sections':
            return build.show(state.doc, value, new Set(change.sections));
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

/** The decorations of the pieces of `highlight` that lie in a shown section. */
function drawn(highlight: Highlight, shown: ReadonlySet<number>): Decoration[] {
  return highlight.pieces.filter((p) => shown.has(p.section)).map((p) => p.decoration);
}

class HighlightBuilder {
  constructor(private readonly options: HighlightOptions) {}

  all(
    doc: Node,
    annotations: readonly Annotation[],
    selected: string | null,
    shown: ReadonlySet<number>,
  ): HighlightState {
    this.check(annotations);
    const latest = latestById(annotations);
    const lanes = assignLanes(latest);
    const highlights = new Map<string, Highlight>();
    const bySection = new SectionIndex(this.emptyIndex());
    const decorations: Decoration[] = [];
    latest.forEach((annotation, i) => {
      const highlight = this.highlight(annotation, lanes[i]!, annotation.id === selected);
      highlights.set(annotation.id, highlight);
      bySection.add(highlight);
      decorations.push(...drawn(highlight, shown));
    });
    return {
      decorations: DecorationSet.create(doc, decorations),
      highlights,
      selected: selected !== null && highlights.has(selected) ? selected : null,
      shown,
      bySection: bySection.result(),
    };
  }

  add(doc: Node, value: HighlightState, list: readonly Annotation[]): HighlightState {
    this.check(list);
    const annotations = latestById(list);
    const highlights = new Map(value.highlights);
    const bySection = new SectionIndex(value.bySection);
    const stale: Decoration[] = [];
    const keptLane = new Map<string, number>();
    for (const annotation of annotations) {
      const old = highlights.get(annotation.id);
      if (!old) continue;
      stale.push(...drawn(old, value.shown));
      bySection.delete(old);
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
      bySection.add(highlight);
      fresh.push(...drawn(highlight, value.shown));
    }
    return {
      ...value,
      decorations: update(doc, value.decorations, stale, fresh),
      highlights,
      bySection: bySection.result(),
    };
  }

  remove(doc: Node, value: HighlightState, ids: readonly string[]): HighlightState {
    const highlights = new Map(value.highlights);
    const bySection = new SectionIndex(value.bySection);
    const stale: Decoration[] = [];
    for (const id of ids) {
      const old = highlights.get(id);
      if (!old) continue;
      stale.push(...drawn(old, value.shown));
      bySection.delete(old);
      highlights.delete(id);
    }
    if (highlights.size === value.highlights.size) return value;
    return {
      ...value,
      decorations: update(doc, value.decorations, stale, []),
      highlights,
      selected: value.selected !== null && highlights.has(value.selected) ? value.selected : null,
      bySection: bySection.result(),
    };
  }

  /** Moves the selection mark: redraws only the previously and the newly selected span. */
  select(doc: Node, value: HighlightState, id: string | null): HighlightState {
    const next = id !== null && value.highlights.has(id) ? id : null;
    if (next === value.selected) return value;
    const highlights = new Map(value.highlights);
    const stale: Decoration[] = [];
    const fresh: Decoration[] = [];
    for (const changed of [value.selected, next]) {
      const old = changed === null ? undefined : highlights.get(changed);
      if (!old) continue;
      // Same pieces in the same sections, so the section index stays as it is.
      const redrawn = this.highlight(old.annotation, old.lane, changed === next);
      highlights.set(old.annotation.id, redrawn);
      stale.push(...drawn(old, value.shown));
      fresh.push(...drawn(redrawn, value.shown));
    }
    return {
      ...value,
      decorations: update(doc, value.decorations, stale, fresh),
      highlights,
      selected: next,
    };
  }

  /** Draws the sections that came near the viewport, and undraws those that left it. */
  show(doc: Node, value: HighlightState, sections: ReadonlySet<number>): HighlightState {
    const shown = new Set([...sections].filter((s) => s >= 0 && s < value.bySection.length));
    const piecesIn = (section: number) =>
      [...value.bySection[section]!].flatMap((id) =>
        value.highlights
          .get(id)!
          .pieces.filter((p) => p.section === section)
          .map((p) => p.decoration),
      );
    const stale = [...value.shown].filter((s) => !shown.has(s)).flatMap(piecesIn);
    const fresh = [...shown].filter((s) => !value.shown.has(s)).flatMap(piecesIn);
    if (stale.length === 0 && fresh.length === 0 && shown.size === value.shown.size) return value;
    return { ...value, decorations: update(doc, value.decorations, stale, fresh), shown };
  }

  private emptyIndex(): ReadonlySet<string>[] {
    return Array.from({ length: this.options.map.sectionCount }, () => new Set<string>());
  }

  private highlight(annotation: Annotation, lane: number, selected: boolean): Highlight {
    const { map } = this.options;
    const ranges = map.textRangeToPieces(annotation.start, annotation.end);
    if (ranges.length === 0) return { annotation, lane, pieces: [] };
    const lanes = `wb-lane-${Math.min(lane, DEEPEST_LANE)}`;
    const label = this.options.labelClass(annotation.label);
    const attrs = {
      nodeName: 'mark',
      class: `wb-hl ${lanes} ${label}${selected ? ' wb-hl-selected' : ''}`,
      [ANNOTATION_ID_ATTRIBUTE]: annotation.id,
      'aria-description': annotation.label,
    };
    const spec = { annotationId: annotation.id };
    const pieces = ranges.map((r) => ({
      section: map.sectionOfPos(r.from),
      decoration: Decoration.inline(r.from, r.to, attrs, spec),
    }));
    return { annotation, lane, pieces };
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

/**
 * The by-section id index of one change, copied on write: a change copies the list of sets and
 * only the sets of the sections it touches, so earlier states stay as they were.
 */
class SectionIndex {
  private readonly sets: ReadonlySet<string>[];
  private readonly copied = new Set<number>();

  constructor(base: readonly ReadonlySet<string>[]) {
    this.sets = base.slice();
  }

  add(highlight: Highlight): void {
    for (const { section } of highlight.pieces) this.own(section).add(highlight.annotation.id);
  }

  delete(highlight: Highlight): void {
    for (const { section } of highlight.pieces) this.own(section).delete(highlight.annotation.id);
  }

  result(): readonly ReadonlySet<string>[] {
    return this.sets;
  }

  private own(section: number): Set<string> {
    if (!this.copied.has(section)) {
      this.sets[section] = new Set(this.sets[section]);
      this.copied.add(section);
    }
    return this.sets[section] as Set<string>;
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

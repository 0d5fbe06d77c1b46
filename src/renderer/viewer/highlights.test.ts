import { EditorState } from 'prosemirror-state';
import type { Decoration } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import type { Annotation, DocumentRecord } from '../../shared/model';
import type { HighlightChange } from './highlights';
import {
  ANNOTATION_ID_ATTRIBUTE,
  highlightChange,
  highlightState,
  highlightsPlugin,
  innermostFirst,
} from './highlights';
import { buildViewerDocument } from './position-map';

const TEXT = 'The minister said taxes will rise.\n\nCritics disagreed strongly.\n\nEnd.';
const DOC: DocumentRecord = {
  format: 'workbench.document',
  version: 1,
  id: 'doc-1',
  title: 'Test',
  meta: {},
  text: TEXT,
  blocks: [
    { kind: 'paragraph', start: 0, end: 34 },
    { kind: 'paragraph', start: 36, end: 63 },
    { kind: 'paragraph', start: 65, end: 69 },
  ],
  marks: [],
  sha256: '0'.repeat(64),
  imported: '2026-01-01T00:00:00Z',
};

function span(id: string, label: string, quote: string, from = 0): Annotation {
  const start = TEXT.indexOf(quote, from);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return {
    id,
    doc: 'doc-1',
    label,
    start,
    end: start + quote.length,
    quote,
    prefix: '',
    suffix: '',
    attributes: {},
    annotator: 'tester',
    created: '2026-01-01T00:00:00Z',
    modified: '2026-01-01T00:00:00Z',
    origin: { kind: 'manual' },
  };
}

const LABEL_CLASSES: Record<string, string> = { Actor: 'wb-label-0', Claim: 'wb-label-1' };

function setup(annotations: Annotation[] = []) {
  const { doc, map } = buildViewerDocument(DOC);
  let state = EditorState.create({
    doc,
    plugins: [
      highlightsPlugin({
        map,
        annotations,
        shownSections: [0],
        labelClass: (l) => LABEL_CLASSES[l]!,
      }),
    ],
  });
  const apply = (change: HighlightChange) => {
    state = state.apply(highlightChange(state.tr, change));
    return highlightState(state);
  };
  /** What is drawn: [annotation id, shown text, class] per decoration, outer before inner. */
  const drawn = () =>
    highlightState(state)
      .decorations.find()
      .sort((a, b) => a.from - b.from || b.to - a.to)
      .map((d: Decoration) => {
        const attrs = (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
        return [attrs[ANNOTATION_ID_ATTRIBUTE], doc.textBetween(d.from, d.to), attrs.class];
      });
  return { apply, drawn, state: () => highlightState(state) };
}

describe('highlights plugin', () => {
  it('draws the initial layer, one decoration per block piece, with lanes for nesting', () => {
    const claim = span('c1', 'Claim', 'minister said taxes will rise.\n\nCritics');
    const actor = span('a1', 'Actor', 'minister');
    const other = span('a2', 'Actor', 'Critics');
    const h = setup([claim, actor, other]);
    expect(h.drawn()).toEqual([
      ['c1', 'minister said taxes will rise.', 'wb-hl wb-lane-0 wb-label-1'],
      ['a1', 'minister', 'wb-hl wb-lane-1 wb-label-0'],
      ['c1', 'Critics', 'wb-hl wb-lane-0 wb-label-1'],
      ['a2', 'Critics', 'wb-hl wb-lane-1 wb-label-0'],
    ]);
  });

  it('marks each piece with its id, label and colour class, and no inline style', () => {
    const h = setup([span('a1', 'Actor', 'minister')]);
    const [decoration] = h.state().decorations.find();
    const attrs = (decoration as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
    expect(attrs).toEqual({
      nodeName: 'mark',
      class: 'wb-hl wb-lane-0 wb-label-0',
      [ANNOTATION_ID_ATTRIBUTE]: 'a1',
      'aria-description': 'Actor',
    });
    expect(decoration!.spec).toEqual({ annotationId: 'a1' });
  });

  it('adds a span without moving the existing ones', () => {
    const h = setup([span('c1', 'Claim', 'taxes will rise')]);
    const before = h.state().highlights.get('c1')!.pieces;
    h.apply({ kind: 'add', annotations: [span('a1', 'Actor', 'taxes')] });
    expect(h.state().highlights.get('c1')!.pieces).toBe(before);
    expect(h.drawn()).toEqual([
      ['c1', 'taxes will rise', 'wb-hl wb-lane-0 wb-label-1'],
      ['a1', 'taxes', 'wb-hl wb-lane-1 wb-label-0'],
    ]);
  });

  it('gives an added span the lowest lane free over its range', () => {
    const h = setup([span('c1', 'Claim', 'minister said taxes'), span('a1', 'Actor', 'said')]);
    h.apply({ kind: 'add', annotations: [span('a2', 'Actor', 'taxes will')] });
    // Lanes 0 (c1) is taken over "taxes"; "said" (lane 1) does not overlap "taxes will".
    expect(h.state().highlights.get('a2')!.lane).toBe(1);
    h.apply({ kind: 'add', annotations: [span('a3', 'Actor', 'said taxes')] });
    expect(h.state().highlights.get('a3')!.lane).toBe(2);
  });

  it('removes every piece of a span that crosses blocks', () => {
    const h = setup([span('c1', 'Claim', 'rise.\n\nCritics disagreed strongly.\n\nEnd')]);
    expect(h.drawn().map(([, text]) => text)).toEqual([
      'rise.',
      'Critics disagreed strongly.',
      'End',
    ]);
    h.apply({ kind: 'remove', ids: ['c1'] });
    expect(h.drawn()).toEqual([]);
    expect(h.state().highlights.size).toBe(0);
  });

  it('frees a removed span’s lane without moving the others', () => {
    const h = setup([
      span('c1', 'Claim', 'minister said taxes'),
      span('a1', 'Actor', 'said'),
      span('a2', 'Actor', 'said taxes'),
    ]);
    const lanes = () =>
      Object.fromEntries([...h.state().highlights].map(([id, x]) => [id, x.lane]));
    expect(lanes()).toEqual({ c1: 0, a2: 1, a1: 2 });
    h.apply({ kind: 'remove', ids: ['a2'] });
    expect(lanes()).toEqual({ c1: 0, a1: 2 });
    h.apply({ kind: 'add', annotations: [span('a3', 'Actor', 'taxes')] });
    expect(lanes()).toEqual({ c1: 0, a1: 2, a3: 1 });
  });

  it('updates a span in place: a relabel keeps its lane, a moved range is redrawn', () => {
    const h = setup([span('c1', 'Claim', 'minister said'), span('a1', 'Actor', 'said')]);
    h.apply({ kind: 'add', annotations: [{ ...span('a1', 'Claim', 'said') }] });
    expect(h.state().highlights.get('a1')!.lane).toBe(1);
    expect(h.drawn()).toHaveLength(2);
    h.apply({ kind: 'add', annotations: [span('a1', 'Claim', 'taxes')] });
    expect(h.drawn()).toEqual([
      ['c1', 'minister said', 'wb-hl wb-lane-0 wb-label-1'],
      ['a1', 'taxes', 'wb-hl wb-lane-0 wb-label-1'],
    ]);
  });

  it('marks the selected span and moves the mark', () => {
    const h = setup([span('a1', 'Actor', 'minister'), span('a2', 'Actor', 'Critics')]);
    h.apply({ kind: 'select', id: 'a1' });
    expect(h.drawn().map(([id, , cls]) => [id, cls])).toEqual([
      ['a1', 'wb-hl wb-lane-0 wb-label-0 wb-hl-selected'],
      ['a2', 'wb-hl wb-lane-0 wb-label-0'],
    ]);
    h.apply({ kind: 'select', id: 'a2' });
    expect(h.drawn().map(([id, , cls]) => [id, cls])).toEqual([
      ['a1', 'wb-hl wb-lane-0 wb-label-0'],
      ['a2', 'wb-hl wb-lane-0 wb-label-0 wb-hl-selected'],
    ]);
    // Removing the selected span clears the selection; selecting an unknown id selects nothing.
    h.apply({ kind: 'remove', ids: ['a2'] });
    expect(h.state().selected).toBeNull();
    expect(h.apply({ kind: 'select', id: 'nope' }).selected).toBeNull();
  });

  it('keeps an updated selected span selected', () => {
    const h = setup([span('a1', 'Actor', 'minister')]);
    h.apply({ kind: 'select', id: 'a1' });
    h.apply({ kind: 'add', annotations: [span('a1', 'Claim', 'minister')] });
    expect(h.drawn()).toEqual([['a1', 'minister', 'wb-hl wb-lane-0 wb-label-1 wb-hl-selected']]);
  });

  it('replaces the whole layer on load', () => {
    const h = setup([span('a1', 'Actor', 'minister')]);
    h.apply({ kind: 'replace', annotations: [span('a2', 'Actor', 'Critics')] });
    expect(h.drawn()).toEqual([['a2', 'Critics', 'wb-hl wb-lane-0 wb-label-0']]);
  });

  it('keeps spans that show nothing (empty, or inside a gap) so they can still be removed', () => {
    const gap = { ...span('g1', 'Claim', 'rise.'), start: 34, end: 36 };
    const empty = { ...span('e1', 'Claim', 'rise.'), end: span('e1', 'Claim', 'rise.').start };
    const h = setup([gap, empty]);
    expect(h.drawn()).toEqual([]);
    expect([...h.state().highlights.keys()]).toEqual(['g1', 'e1']);
    h.apply({ kind: 'remove', ids: ['g1', 'e1'] });
    expect(h.state().highlights.size).toBe(0);
  });

  it('rejects a span outside the text with a message naming it, and changes nothing', () => {
    const h = setup([span('a1', 'Actor', 'minister')]);
    const bad = { ...span('x1', 'Claim', 'End.'), end: TEXT.length + 5 };
    expect(() => h.apply({ kind: 'add', annotations: [span('a2', 'Actor', 'End'), bad] })).toThrow(
      /Annotation "x1" \(Claim 65–74\) is not a range inside the document text \(0–69\)/,
    );
    expect([...h.state().highlights.keys()]).toEqual(['a1']);
  });

  it('ignores a repeated id in one change, drawing only the last version', () => {
    const h = setup();
    h.apply({
      kind: 'add',
      annotations: [span('a1', 'Actor', 'minister'), span('a1', 'Actor', 'Critics')],
    });
    expect(h.drawn()).toEqual([['a1', 'Critics', 'wb-hl wb-lane-0 wb-label-0']]);
    h.apply({ kind: 'remove', ids: ['a1'] });
    expect(h.drawn()).toEqual([]);
  });
});

describe('highlights of sections near the viewport', () => {
  // 120 one-sentence paragraphs: sections 0 (paragraphs 0–49), 1 (50–99) and 2 (100–119).
  const paragraphs = Array.from({ length: 120 }, (_, i) => `Paragraph number ${i} here.`);
  const text = paragraphs.join('\n\n');
  const blocks = paragraphs.map((p, i) => {
    const start = paragraphs.slice(0, i).join('\n\n').length + (i > 0 ? 2 : 0);
    return { kind: 'paragraph' as const, start, end: start + p.length };
  });
  const record: DocumentRecord = { ...DOC, text, blocks };
  const at = (id: string, paragraph: number, toParagraph = paragraph): Annotation => ({
    ...span(id, 'Actor', 'minister'),
    start: blocks[paragraph]!.start,
    end: blocks[toParagraph]!.end,
  });

  function setupSections(annotations: Annotation[], shownSections: number[]) {
    const { doc, map } = buildViewerDocument(record);
    let state = EditorState.create({
      doc,
      plugins: [
        highlightsPlugin({ map, annotations, shownSections, labelClass: () => 'wb-label-0' }),
      ],
    });
    const apply = (change: HighlightChange) => {
      state = state.apply(highlightChange(state.tr, change));
    };
    /** [id, section] of every drawn decoration, sorted. */
    const drawn = () =>
      highlightState(state)
        .decorations.find()
        .map(
          (d) => `${(d.spec as { annotationId: string }).annotationId}@${map.sectionOfPos(d.from)}`,
        )
        .sort();
    return { apply, drawn, state: () => highlightState(state) };
  }

  it('draws only the pieces in shown sections, and keeps the rest ready', () => {
    // "cross" runs from paragraph 49 (section 0) into paragraph 50 (section 1).
    const h = setupSections([at('a', 3), at('cross', 49, 50), at('b', 60), at('c', 110)], [0]);
    expect(h.drawn()).toEqual(['a@0', 'cross@0']);
    expect(h.state().bySection.map((ids) => [...ids].sort())).toEqual([
      ['a', 'cross'],
      ['b', 'cross'],
      ['c'],
    ]);
    h.apply({ kind: 'show-sections', sections: [1] });
    expect(h.drawn()).toEqual(['b@1', 'cross@1']);
    h.apply({ kind: 'show-sections', sections: [0, 1, 2] });
    expect(h.drawn()).toEqual(['a@0', 'b@1', 'c@2', 'cross@0', 'cross@1']);
    h.apply({ kind: 'show-sections', sections: [] });
    expect(h.drawn()).toEqual([]);
  });

  it('keeps edits to hidden sections for when they are shown', () => {
    const h = setupSections([at('a', 3), at('c', 110)], [0]);
    h.apply({ kind: 'add', annotations: [at('new', 111), at('moved-in', 4)] });
    h.apply({ kind: 'remove', ids: ['c'] });
    h.apply({ kind: 'select', id: 'new' });
    expect(h.drawn()).toEqual(['a@0', 'moved-in@0']);
    // Move "a" from section 0 to section 2: it leaves section 0's drawing and index.
    h.apply({ kind: 'add', annotations: [at('a', 115)] });
    expect(h.drawn()).toEqual(['moved-in@0']);
    expect([...h.state().bySection[0]!]).toEqual(['moved-in']);
    h.apply({ kind: 'show-sections', sections: [2] });
    expect(h.drawn()).toEqual(['a@2', 'new@2']);
    const selected = h
      .state()
      .decorations.find(undefined, undefined, (spec) => spec.annotationId === 'new');
    expect(
      (selected[0] as unknown as { type: { attrs: { class: string } } }).type.attrs.class,
    ).toContain('wb-hl-selected');
  });

  it('ignores sections that do not exist', () => {
    const h = setupSections([at('a', 3)], [0]);
    h.apply({ kind: 'show-sections', sections: [0, 7, -1] });
    expect([...h.state().shown]).toEqual([0]);
    expect(h.drawn()).toEqual(['a@0']);
  });
});

describe('innermostFirst', () => {
  it('orders spans shortest first, later start first among equals', () => {
    const spans = [
      { id: 'outer', start: 0, end: 30 },
      { id: 'inner', start: 5, end: 10 },
      { id: 'middle', start: 2, end: 20 },
      { id: 'twin', start: 12, end: 17 },
    ];
    expect(innermostFirst(spans).map((s) => s.id)).toEqual(['twin', 'inner', 'middle', 'outer']);
  });
});

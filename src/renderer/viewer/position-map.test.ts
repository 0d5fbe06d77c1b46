import fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import type { Block, BlockKind, DocumentRecord, InlineMark } from '../../shared/model';
import type { Assoc, ViewerDocument } from './position-map';
import { BLOCKS_PER_SECTION, buildViewerDocument } from './position-map';

function record(text: string, blocks: Block[], marks: InlineMark[] = []): DocumentRecord {
  return {
    format: 'workbench.document',
    version: 1,
    id: 'doc-1',
    title: 'Test',
    meta: {},
    text,
    blocks,
    marks,
    sha256: '0'.repeat(64),
    imported: '2026-01-01T00:00:00Z',
  };
}

/** Blocks for every stretch of `text` between blank lines ("\n\n"); kinds cycle if given. */
function paragraphs(text: string, kinds: BlockKind[] = ['paragraph']): Block[] {
  const blocks: Block[] = [];
  const re = /[^\n]+(?:\n(?!\n)[^\n]*)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const kind = kinds[blocks.length % kinds.length]!;
    blocks.push({
      kind,
      start: m.index,
      end: m.index + m[0].length,
      ...(kind === 'heading' ? { level: 2 } : {}),
    });
  }
  return blocks;
}

const EMOJI = '\u{1F600}';
const NBSP = '\u00a0';

/** Sample documents whose blocks cover every non-blank character (so coverage is the blocks'). */
const SAMPLES: Record<string, DocumentRecord> = {
  'one block': record('Hello world', [{ kind: 'paragraph', start: 0, end: 11 }]),
  'headings, emoji, NBSP, double spaces, line break': (() => {
    const text = `Title ${EMOJI} here\n\nFirst${NBSP}para  with  double spaces.\nSecond line ${EMOJI}${EMOJI}.\n\n\n“Quoted” — text ${EMOJI}`;
    return record(text, paragraphs(text, ['heading', 'paragraph', 'quote']));
  })(),
  'adjacent blocks without a gap': record('AlphaBetaGamma', [
    { kind: 'paragraph', start: 0, end: 5 },
    { kind: 'list_item', start: 5, end: 9 },
    { kind: 'list_item', start: 9, end: 14 },
  ]),
  'leading and trailing blank text': (() => {
    const text = '\n\n  First block.  \n\nSecond.\n\n';
    return record(text, [
      { kind: 'paragraph', start: 4, end: 16 },
      { kind: 'paragraph', start: 20, end: 27 },
    ]);
  })(),
  'marks across blocks': (() => {
    const text = 'Some emphasised text\n\ncontinues strong and linked.';
    return record(text, paragraphs(text), [
      { kind: 'em', start: 5, end: 30 },
      { kind: 'strong', start: 32, end: 38 },
      { kind: 'link', start: 25, end: 49, href: 'https://example.org/' },
    ]);
  })(),
  'many blocks (several sections)': (() => {
    const text = Array.from({ length: 130 }, (_, i) => `Paragraph ${i}${i % 7 ? '' : EMOJI}.`).join(
      '\n\n',
    );
    return record(text, paragraphs(text, ['heading', 'paragraph', 'paragraph']));
  })(),
};

/** Which text offsets the record's blocks cover, computed by brute force from the record. */
function coveredChars(doc: DocumentRecord): boolean[] {
  const covered = Array.from({ length: doc.text.length }, () => false);
  for (const block of doc.blocks) for (let i = block.start; i < block.end; i++) covered[i] = true;
  return covered;
}

function textblocks(doc: Node): Node[] {
  const found: Node[] = [];
  doc.descendants((node) => {
    if (node.isTextblock) found.push(node);
    return !node.isTextblock;
  });
  return found;
}

function isInTextblock(view: ViewerDocument, pos: number): boolean {
  return view.doc.resolve(pos).parent.isTextblock;
}

describe('buildViewerDocument', () => {
  it.each(Object.entries(SAMPLES))('%s: builds a valid doc of sections of blocks', (_, doc) => {
    const { doc: pm, map } = buildViewerDocument(doc);
    pm.check();
    expect(pm.childCount).toBe(Math.ceil(map.blocks.length / BLOCKS_PER_SECTION));
    pm.forEach((section) => expect(section.childCount).toBeLessThanOrEqual(BLOCKS_PER_SECTION));
    // Each textblock holds exactly its slice of the text, in order.
    expect(textblocks(pm).map((node) => node.textContent)).toEqual(
      map.blocks.map((b) => doc.text.slice(b.start, b.end)),
    );
    expect(map.blocks.every((b) => !b.synthetic)).toBe(true);
  });

  it('keeps heading levels and block kinds', () => {
    const { doc } = buildViewerDocument(
      SAMPLES['headings, emoji, NBSP, double spaces, line break']!,
    );
    expect(textblocks(doc).map((n) => n.type.name)).toEqual(['heading', 'paragraph', 'quote']);
    expect(textblocks(doc)[0]!.attrs.level).toBe(2);
  });

  it('puts marks on exactly their characters, split at block boundaries', () => {
    const doc = SAMPLES['marks across blocks']!;
    const { doc: pm, map } = buildViewerDocument(doc);
    for (let offset = 0; offset < doc.text.length; offset++) {
      if (doc.text[offset] === '\n') continue;
      const pos = map.textOffsetToPos(offset);
      const node = pm.nodeAt(pos)!;
      const expected = doc.marks
        .filter((m) => m.start <= offset && offset < m.end)
        .map((m) => m.kind)
        .sort();
      expect(node.marks.map((m) => m.type.name).sort(), `offset ${offset}`).toEqual(expected);
    }
    const link = pm.nodeAt(map.textOffsetToPos(40))!.marks.find((m) => m.type.name === 'link');
    expect(link?.attrs.href).toBe('https://example.org/');
  });

  it('marks list items that bring their own marker so no second bullet is drawn', () => {
    const text = '1. first\n\n- second\n\nthird';
    const { doc } = buildViewerDocument(record(text, paragraphs(text, ['list_item'])));
    expect(textblocks(doc).map((n) => n.attrs.bulleted)).toEqual([false, false, true]);
  });

  it('never hides uncovered text: synthesises paragraphs split at blank lines', () => {
    const text =
      'Stray intro\n\n  Covered.\n\nOrphan one\nstill one\n \nOrphan two  \n\nCovered too';
    const at = (s: string) => ({
      kind: 'paragraph' as const,
      start: text.indexOf(s),
      end: text.indexOf(s) + s.length,
    });
    const covered = [at('Covered.'), at('Covered too')];
    const { doc, map } = buildViewerDocument(record(text, covered));
    expect(textblocks(doc).map((n) => n.textContent)).toEqual([
      'Stray intro',
      'Covered.',
      'Orphan one\nstill one',
      'Orphan two',
      'Covered too',
    ]);
    expect(map.blocks.map((b) => b.synthetic)).toEqual([true, false, true, true, false]);
    // Every non-whitespace character is shown.
    for (let i = 0; i < text.length; i++) {
      if (/\s/.test(text[i]!)) continue;
      expect(
        map.blocks.some((b) => b.start <= i && i < b.end),
        `offset ${i}`,
      ).toBe(true);
    }
  });

  it('shows a document without blocks, and an empty one', () => {
    const { doc } = buildViewerDocument(record('Just text.\n\nMore.', []));
    expect(textblocks(doc).map((n) => n.textContent)).toEqual(['Just text.', 'More.']);
    const empty = buildViewerDocument(record('', []));
    empty.doc.check();
    expect(empty.map.textOffsetToPos(0)).toBe(2);
    expect(empty.map.posToTextOffset(2)).toBe(0);
    expect(empty.map.posRangeToTextRange(0, empty.doc.content.size)).toBeNull();
  });

  it('drops empty blocks', () => {
    const { map } = buildViewerDocument(
      record('ab', [
        { kind: 'paragraph', start: 0, end: 0 },
        { kind: 'paragraph', start: 0, end: 2 },
      ]),
    );
    expect(map.blocks.map((b) => [b.start, b.end])).toEqual([[0, 2]]);
  });

  it.each([
    ['a block outside the text', [{ kind: 'paragraph', start: 0, end: 99 }], [], /block 0 .*0–99/],
    [
      'a reversed block',
      [{ kind: 'paragraph', start: 5, end: 2 }],
      [],
      /block 0 \(paragraph 5–2\)/,
    ],
    [
      'overlapping blocks',
      [
        { kind: 'paragraph', start: 0, end: 6 },
        { kind: 'paragraph', start: 4, end: 9 },
      ],
      [],
      /blocks 0 \(0–6\) and 1 \(4–9\) overlap/,
    ],
    ['a mark outside the text', [], [{ kind: 'em', start: 3, end: 40 }], /mark 0 \(em 3–40\)/],
  ] as [string, Block[], InlineMark[], RegExp][])(
    'rejects %s with a message naming the document and the range',
    (_, blocks, marks, message) => {
      const bad = record('Some text here', blocks, marks);
      expect(() => buildViewerDocument(bad)).toThrow(message);
      expect(() => buildViewerDocument(bad)).toThrow(/Document "doc-1"/);
    },
  );
});

describe('PositionMap', () => {
  describe.each(Object.entries(SAMPLES))('%s', (_, doc) => {
    const view = buildViewerDocument(doc);
    const { map } = view;
    const covered = coveredChars(doc);
    /** Offsets inside or at the edge of a block (the closed range). */
    const inBlock = (o: number) => doc.blocks.some((b) => b.start <= o && o <= b.end);

    it('maps every offset to a position inside a textblock and back', () => {
      for (let offset = 0; offset <= doc.text.length; offset++) {
        for (const assoc of [-1, 1] as Assoc[]) {
          const pos = map.textOffsetToPos(offset, assoc);
          expect(isInTextblock(view, pos), `offset ${offset}`).toBe(true);
          const back = map.posToTextOffset(pos, assoc);
          if (inBlock(offset)) {
            expect(back, `offset ${offset} assoc ${assoc}`).toBe(offset);
          } else {
            // A gap offset moves to the next block's start (1) or the previous block's end (-1).
            const next = doc.blocks.find((b) => b.start > offset);
            const prev = [...doc.blocks].reverse().find((b) => b.end < offset);
            const expected = assoc > 0 ? (next?.start ?? prev!.end) : (prev?.end ?? next!.start);
            expect(back, `gap offset ${offset} assoc ${assoc}`).toBe(expected);
          }
        }
      }
    });

    it('maps every position inside a textblock to an offset and back', () => {
      for (let pos = 0; pos <= view.doc.content.size; pos++) {
        if (!isInTextblock(view, pos)) continue;
        const $pos = view.doc.resolve(pos);
        // At a block's start the right side is this block; at its end the left side is.
        const assoc: Assoc = $pos.parentOffset === 0 ? 1 : -1;
        const offset = map.posToTextOffset(pos, assoc);
        expect(map.textOffsetToPos(offset, assoc), `pos ${pos}`).toBe(pos);
        // The character after the position is the character at the offset.
        if ($pos.parentOffset < $pos.parent.content.size) {
          expect(view.doc.textBetween(pos, pos + 1)).toBe(doc.text[offset]);
        }
      }
    });

    it('maps positions between blocks to the neighbouring block edges', () => {
      for (let pos = 0; pos <= view.doc.content.size; pos++) {
        if (isInTextblock(view, pos)) continue;
        const next = map.blocks.find((b) => b.pos > pos);
        const prev = [...map.blocks].reverse().find((b) => b.pos < pos);
        expect(map.posToTextOffset(pos, 1)).toBe(next?.start ?? prev!.end);
        expect(map.posToTextOffset(pos, -1)).toBe(prev?.end ?? next!.start);
      }
    });

    it('shows exactly the covered text of any range, block by block', () => {
      const n = doc.text.length;
      // Every range of the small samples; a lattice of ~60 × 60 ranges over the large one.
      const step = n > 200 ? Math.ceil(n / 60) : 1;
      for (let start = 0; start <= n; start += step) {
        for (let end = start; end <= n; end += step) {
          const pieces = map.textRangeToPieces(start, end);
          const shown = pieces.map((p) => view.doc.textBetween(p.from, p.to)).join('');
          let expected = '';
          for (let i = start; i < end; i++) if (covered[i]) expected += doc.text[i];
          expect(shown, `range ${start}–${end}`).toBe(expected);
          for (const piece of pieces) {
            expect(piece.from).toBeLessThan(piece.to);
            expect(view.doc.resolve(piece.from).parent).toBe(view.doc.resolve(piece.to).parent);
          }
        }
      }
    });

    it('maps a position range back to the text range it shows', () => {
      const positions: number[] = [];
      for (let pos = 0; pos <= view.doc.content.size; pos++) positions.push(pos);
      const step = positions.length > 200 ? Math.ceil(positions.length / 60) : 1;
      for (let a = 0; a < positions.length; a += step) {
        for (let b = a; b < positions.length; b += step) {
          const range = map.posRangeToTextRange(positions[a]!, positions[b]!);
          const shown = view.doc.textBetween(positions[a]!, positions[b]!);
          if (!range) {
            expect(shown, `positions ${a}–${b}`).toBe('');
            continue;
          }
          // The range's shown characters are exactly those selected, and its ends are shown.
          let expected = '';
          for (let i = range.start; i < range.end; i++) if (covered[i]) expected += doc.text[i];
          expect(expected, `positions ${a}–${b}`).toBe(shown);
          expect(covered[range.start]).toBe(true);
          expect(covered[range.end - 1]).toBe(true);
        }
      }
    });
  });

  it('moves selection ends off the gap at the edges of the range', () => {
    const text = 'First.\n\nSecond.\n\nThird.';
    const { map } = buildViewerDocument(record(text, paragraphs(text)));
    const endOfFirst = map.textOffsetToPos(6, -1);
    const startOfSecond = map.textOffsetToPos(8, 1);
    const endOfSecond = map.textOffsetToPos(15, -1);
    const startOfThird = map.textOffsetToPos(17, 1);
    expect(map.posRangeToTextRange(endOfFirst, endOfSecond)).toEqual({ start: 8, end: 15 });
    expect(map.posRangeToTextRange(startOfSecond, startOfThird)).toEqual({ start: 8, end: 15 });
    expect(map.posRangeToTextRange(endOfFirst, startOfSecond)).toBeNull();
    // Inside, the gap between blocks belongs to the range: it is part of the canonical text.
    expect(map.posRangeToTextRange(map.textOffsetToPos(3), map.textOffsetToPos(11))).toEqual({
      start: 3,
      end: 11,
    });
    // Reversed ranges (a backwards selection) read the same.
    expect(map.posRangeToTextRange(map.textOffsetToPos(11), map.textOffsetToPos(3))).toEqual({
      start: 3,
      end: 11,
    });
  });

  it('splits a range across blocks into one piece per block, skipping the gaps', () => {
    const text = 'First.\n\nSecond.\n\nThird.';
    const { doc, map } = buildViewerDocument(record(text, paragraphs(text)));
    const pieces = map.textRangeToPieces(3, 19);
    expect(pieces.map((p) => doc.textBetween(p.from, p.to))).toEqual(['st.', 'Second.', 'Th']);
    expect(map.textRangeToPieces(6, 8)).toEqual([]);
    expect(map.textRangeToPieces(4, 4)).toEqual([]);
  });

  it('rejects offsets and positions outside the document', () => {
    const { map } = buildViewerDocument(SAMPLES['one block']!);
    expect(() => map.textOffsetToPos(12)).toThrow(/text offset 12 is outside 0–11/);
    expect(() => map.textOffsetToPos(-1)).toThrow(RangeError);
    expect(() => map.posToTextOffset(1.5)).toThrow(/position 1.5/);
    expect(() => map.textRangeToPieces(0, 12)).toThrow(/range end 12/);
  });

  it('round-trips every offset of random documents', () => {
    const char = fc.constantFrom('a', 'b', ' ', '  ', '\n', '\n\n', NBSP, EMOJI, 'é', '“');
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 60 }).map((parts) => parts.join('')),
        fc.array(fc.nat(), { maxLength: 8 }),
        (text, cutSeeds) => {
          // Blocks from random cut points; some stretches stay uncovered (synthesised if needed).
          const cuts = [...new Set(cutSeeds.map((c) => c % (text.length + 1)))].sort(
            (a, b) => a - b,
          );
          const blocks: Block[] = [];
          for (let k = 0; k + 1 < cuts.length; k += 2) {
            blocks.push({ kind: 'paragraph', start: cuts[k]!, end: cuts[k + 1]! });
          }
          const view = buildViewerDocument(record(text, blocks));
          view.doc.check();
          const { map } = view;
          for (let i = 0; i < text.length; i++) {
            if (!/\s/.test(text[i]!))
              expect(map.blocks.some((b) => b.start <= i && i < b.end)).toBe(true);
          }
          for (const block of map.blocks) {
            for (let o = block.start; o <= block.end; o++) {
              const assoc: Assoc = o === block.start ? 1 : -1;
              expect(map.posToTextOffset(map.textOffsetToPos(o, assoc), assoc)).toBe(o);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('sections', () => {
  it('tells the section of every position', () => {
    const doc = SAMPLES['many blocks (several sections)']!;
    const view = buildViewerDocument(doc);
    expect(view.map.sectionCount).toBe(view.doc.childCount);
    let sectionStart = 0;
    view.doc.forEach((section, offset, index) => {
      sectionStart = offset;
      for (let pos = offset; pos < offset + section.nodeSize; pos++) {
        expect(view.map.sectionOfPos(pos), `pos ${pos}`).toBe(index);
      }
    });
    expect(sectionStart).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { Block, InlineMark } from '../model';
import { canonicalText, structureProblems } from './structured-text';

describe('canonicalText', () => {
  it.each([
    ['a\r\nb\rc\nd', 'a\nb\nc\nd'],
    ['\uFEFF\uFEFFx', '\uFEFFx'],
    ['  “q”\u00a0  ©\t\n', '  “q”\u00a0  ©\t\n'],
  ])('%j → %j', (raw, text) => {
    expect(canonicalText(raw)).toBe(text);
  });
});

describe('structureProblems', () => {
  const text = 'Title\n\nBody  text';
  const p = (start: number, end: number): Block => ({ kind: 'paragraph', start, end });
  const ok: Block[] = [{ kind: 'heading', start: 0, end: 5, level: 1 }, p(7, 17)];

  it('accepts a sound structure', () => {
    expect(structureProblems({ text, blocks: ok, marks: [] })).toEqual([]);
  });

  it.each<{ name: string; blocks?: Block[]; marks?: InlineMark[]; problem: RegExp }>([
    { name: 'an empty block', blocks: [p(0, 0), p(0, 17)], problem: /block 0 .* empty/ },
    { name: 'a block past the end', blocks: [p(0, 18)], problem: /outside the text/ },
    { name: 'overlapping blocks', blocks: [p(0, 5), p(3, 17)], problem: /overlaps/ },
    { name: 'whitespace at an edge', blocks: [p(0, 6), p(7, 17)], problem: /whitespace/ },
    { name: 'uncovered text', blocks: [p(7, 17)], problem: /text before block 0/ },
    { name: 'uncovered tail', blocks: [p(0, 5)], problem: /after the last block/ },
    {
      name: 'a heading without a level',
      blocks: [{ kind: 'heading', start: 0, end: 5 }, p(7, 17)],
      problem: /level/,
    },
    {
      name: 'a mark across two blocks',
      marks: [{ kind: 'em', start: 3, end: 9 }],
      problem: /mark 0 \(em\)/,
    },
  ])('reports $name', ({ blocks = ok, marks = [], problem }) => {
    expect(structureProblems({ text, blocks, marks }).join('\n')).toMatch(problem);
  });
});

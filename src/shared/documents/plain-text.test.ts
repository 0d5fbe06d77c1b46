import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block } from '../model';
import { parsePlainText } from './plain-text';
import { structureProblems } from './structured-text';

const corpusDir = new URL('../../../corpus/', import.meta.url);
const corpusFiles = readdirSync(corpusDir).filter((name) => name.endsWith('.txt'));

const p = (start: number, end: number): Block => ({ kind: 'paragraph', start, end });

describe('parsePlainText', () => {
  it.each<{ name: string; raw: string; text: string; blocks: Block[] }>([
    { name: 'empty file', raw: '', text: '', blocks: [] },
    { name: 'whitespace only', raw: '  \n\n \t\u00a0\n', text: '  \n\n \t\u00a0\n', blocks: [] },
    { name: 'one line', raw: 'Hello', text: 'Hello', blocks: [p(0, 5)] },
    { name: 'two paragraphs', raw: 'a\n\nb', text: 'a\n\nb', blocks: [p(0, 1), p(3, 4)] },
    {
      name: 'single newline stays inside the paragraph',
      raw: 'one\ntwo\n\nthree',
      text: 'one\ntwo\n\nthree',
      blocks: [p(0, 7), p(9, 14)],
    },
    {
      name: 'several blank lines, leading and trailing newlines',
      raw: '\n\na\n\n\n\nb\n',
      text: '\n\na\n\n\n\nb\n',
      blocks: [p(2, 3), p(7, 8)],
    },
    { name: 'CRLF', raw: 'a\r\n\r\nb\r\nc\r\n', text: 'a\n\nb\nc\n', blocks: [p(0, 1), p(3, 6)] },
    { name: 'lone CR', raw: 'a\r\rb\rc', text: 'a\n\nb\nc', blocks: [p(0, 1), p(3, 6)] },
    { name: 'mixed endings', raw: 'a\r\n\rb\n', text: 'a\n\nb\n', blocks: [p(0, 1), p(3, 4)] },
    { name: 'leading BOM is stripped', raw: '\uFEFFTitle', text: 'Title', blocks: [p(0, 5)] },
    {
      name: 'a BOM later in the text is text',
      raw: 'a\uFEFFb',
      text: 'a\uFEFFb',
      blocks: [p(0, 3)],
    },
    {
      name: 'a line of spaces and no-break spaces separates paragraphs',
      raw: 'a\n \u00a0 \nb',
      text: 'a\n \u00a0 \nb',
      blocks: [p(0, 1), p(6, 7)],
    },
    {
      name: 'characters survive exactly; block edges are trimmed, the text is not',
      raw: '  “Quoted”\u00a0 ©  text  \n',
      text: '  “Quoted”\u00a0 ©  text  \n',
      blocks: [p(2, 19)],
    },
    {
      name: 'astral characters count as two UTF-16 units',
      raw: '😀 smile\n\nok',
      text: '😀 smile\n\nok',
      blocks: [p(0, 8), p(10, 12)],
    },
  ])('$name', ({ raw, text, blocks }) => {
    const doc = parsePlainText(raw);
    expect(doc.text).toBe(text);
    expect(doc.blocks).toEqual(blocks);
    expect(doc.marks).toEqual([]);
    expect(structureProblems(doc)).toEqual([]);
  });

  it.each(corpusFiles)('keeps corpus file %s byte for byte, one block per paragraph', (name) => {
    const raw = readFileSync(new URL(name, corpusDir), 'utf8');
    const doc = parsePlainText(raw);
    expect(doc.text).toBe(raw);
    expect(structureProblems(doc)).toEqual([]);
    const paragraphs = raw.split(/\n\s*\n/).filter((part) => part.trim() !== '');
    expect(doc.blocks.map((b) => doc.text.slice(b.start, b.end))).toEqual(
      paragraphs.map((part) => part.trim()),
    );
  });

  it('keeps every character but line endings, and keeps the structure sound, for any input', () => {
    const alphabet = ['a', 'b', ' ', '\t', '\n', '\r', '\r\n', '\u00a0', 'é', '😀', '\uFEFF'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet)), (parts) => {
        const raw = parts.join('');
        const doc = parsePlainText(raw);
        const expected = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
        expect(doc.text).toBe(expected);
        expect(structureProblems(doc)).toEqual([]);
      }),
    );
  });
});

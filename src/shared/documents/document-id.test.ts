import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAFE_ID } from '../model';
import { DocumentIdAllocator, documentIdBase } from './document-id';

describe('documentIdBase', () => {
  it.each([
    ['000_3c96c7399f2592f5.txt', '000_3c96c7399f2592f5'],
    ['article.md', 'article'],
    ['Économie 2016 (draft).txt', 'Economie-2016-draft'],
    ['report.final.txt', 'report-final'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\a b.md', 'a-b'],
    ['.hidden.txt', 'hidden'],
    ['___.txt', 'document'],
    ['日本語.txt', 'document'],
    ['', 'document'],
    ['con.txt', 'con-doc'],
    ['LPT1.md', 'LPT1-doc'],
    ['console.txt', 'console'],
    [`${'a'.repeat(99)} tail.txt`, 'a'.repeat(99)],
    [`${'b'.repeat(300)}.txt`, 'b'.repeat(100)],
  ])('%s → %s', (name, id) => {
    expect(documentIdBase(name)).toBe(id);
  });
});

describe('DocumentIdAllocator', () => {
  it('suffixes taken ids with the smallest free number, ignoring case', () => {
    const ids = new DocumentIdAllocator(['a', 'a-2']);
    expect(['a.txt', 'a.md', 'A.txt', 'b.txt', 'a-3.txt'].map((n) => ids.allocate(n))).toEqual([
      'a-3',
      'a-4',
      'A-5',
      'b',
      'a-3-2',
    ]);
  });

  it('gives the same ids for the same files and existing ids', () => {
    const names = ['x.txt', 'x.md', 'y.txt', 'x.txt'];
    const run = () => {
      const ids = new DocumentIdAllocator(['y']);
      return names.map((n) => ids.allocate(n));
    };
    expect(run()).toEqual(['x', 'x-2', 'y-2', 'x-3']);
    expect(run()).toEqual(run());
  });

  it('always hands out safe, unique ids', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 140 }), { maxLength: 30 }),
        (names) => {
          const ids = new DocumentIdAllocator();
          const allocated = names.map((n) => ids.allocate(n));
          for (const id of allocated) expect(id).toMatch(SAFE_ID);
          expect(new Set(allocated.map((id) => id.toLowerCase())).size).toBe(allocated.length);
        },
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { Block, DocumentMeta } from '../model';
import { chooseTitle, markTitleHeading, TITLE_MAX_LENGTH } from './title';

const p = (start: number, end: number): Block => ({ kind: 'paragraph', start, end });

describe('chooseTitle', () => {
  const long = `${'word '.repeat(40)}end`;
  it.each<{ name: string; meta?: DocumentMeta; text: string; blocks: Block[]; title: string }>([
    {
      name: 'meta.title wins, trimmed',
      meta: { title: '  Given  ' },
      text: 'Heading',
      blocks: [{ kind: 'heading', start: 0, end: 7, level: 1 }],
      title: 'Given',
    },
    {
      name: 'a blank meta.title is ignored',
      meta: { title: ' ' },
      text: 'First',
      blocks: [p(0, 5)],
      title: 'First',
    },
    {
      name: 'else the first heading, whitespace collapsed',
      text: 'Intro\n\nThe\n  heading',
      blocks: [p(0, 5), { kind: 'heading', start: 7, end: 20, level: 2 }],
      title: 'The heading',
    },
    {
      name: 'else the first line of the first block',
      text: 'First line\nsecond line',
      blocks: [p(0, 22)],
      title: 'First line',
    },
    {
      name: 'a long line is cut at a word boundary',
      text: long,
      blocks: [p(0, long.length)],
      title: `${'word '.repeat(24).trimEnd()}…`,
    },
    {
      name: 'a long line without spaces is cut hard, never inside a surrogate pair',
      text: `${'x'.repeat(TITLE_MAX_LENGTH - 2)}😀😀`,
      blocks: [p(0, TITLE_MAX_LENGTH + 2)],
      title: `${'x'.repeat(TITLE_MAX_LENGTH - 2)}…`,
    },
    { name: 'else the file name without extension', text: '', blocks: [], title: 'notes' },
  ])('$name', ({ meta = {}, text, blocks, title }) => {
    const chosen = chooseTitle({ meta, text, blocks, fileName: 'dir/notes.txt' });
    expect(chosen).toBe(title);
    expect(chosen.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
  });
});

describe('markTitleHeading', () => {
  const text = 'Credit\n\nHeadline\n\nHeadline\nCredit again\n\nHeadline';
  const blocks = [p(0, 6), p(8, 16), p(18, 39), p(41, 49)];

  it('turns the first paragraph that is exactly the title into a level-1 heading', () => {
    expect(markTitleHeading(text, blocks, 'Headline')).toEqual([
      p(0, 6),
      { kind: 'heading', start: 8, end: 16, level: 1 },
      p(18, 39),
      p(41, 49),
    ]);
    expect(blocks[1]).toEqual(p(8, 16));
  });

  it('changes nothing when no paragraph is exactly the title', () => {
    expect(markTitleHeading(text, blocks, 'Headlin')).toEqual(blocks);
  });
});

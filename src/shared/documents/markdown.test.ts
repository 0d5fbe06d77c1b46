import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block, InlineMark } from '../model';
import { parseMarkdown, safeHref } from './markdown';
import { structureProblems } from './structured-text';

interface Case {
  name: string;
  raw: string;
  text: string;
  /** Each block as [kind, slice] (level 1–6 for headings as a third element). */
  blocks: [Block['kind'], string, number?][];
  marks?: [InlineMark['kind'], string, string?][];
  meta?: Record<string, string>;
}

describe('parseMarkdown', () => {
  it.each<Case>([
    {
      name: 'heading and paragraph, joined by a blank line',
      raw: '# Title\n\nBody text.\n',
      text: 'Title\n\nBody text.',
      blocks: [
        ['heading', 'Title', 1],
        ['paragraph', 'Body text.'],
      ],
    },
    {
      name: 'heading levels',
      raw: '### Deep\n\nSetext\n======\n',
      text: 'Deep\n\nSetext',
      blocks: [
        ['heading', 'Deep', 3],
        ['heading', 'Setext', 1],
      ],
    },
    {
      name: 'emphasis, strong and links become marks; unsafe targets lose their href',
      raw: 'A *b* **c** [d](https://x.org/p) [e](javascript:alert(1)) [f](/relative)',
      text: 'A b c d e f',
      blocks: [['paragraph', 'A b c d e f']],
      marks: [
        ['em', 'b'],
        ['strong', 'c'],
        ['link', 'd', 'https://x.org/p'],
        ['link', 'e'],
        ['link', 'f'],
      ],
    },
    {
      name: 'nested marks: the enclosing one first',
      raw: '**bold *both***',
      text: 'bold both',
      blocks: [['paragraph', 'bold both']],
      marks: [
        ['strong', 'bold both'],
        ['em', 'both'],
      ],
    },
    {
      name: 'reference links, autolinks and mailto',
      raw: '[site][ref] and <mailto:desk@example.org>\n\n[ref]: http://example.org\n',
      text: 'site and mailto:desk@example.org',
      blocks: [['paragraph', 'site and mailto:desk@example.org']],
      marks: [
        ['link', 'site', 'http://example.org'],
        ['link', 'mailto:desk@example.org', 'mailto:desk@example.org'],
      ],
    },
    {
      name: 'escapes and entities are decoded as a reader sees them',
      raw: 'Fish &amp; chips \\*not em\\* &copy; &#8220;q&#x201D; &nbsp;x',
      text: 'Fish & chips *not em* © “q” \u00a0x',
      blocks: [['paragraph', 'Fish & chips *not em* © “q” \u00a0x']],
    },
    {
      name: 'characters written directly survive exactly',
      raw: 'He said “no”\u00a0 twice  — ©',
      text: 'He said “no”\u00a0 twice  — ©',
      blocks: [['paragraph', 'He said “no”\u00a0 twice  — ©']],
    },
    {
      name: 'raw HTML is dropped: inline tags vanish, their text stays; HTML blocks go whole',
      raw: 'a <b>bold</b> c<br>\n\n<div>\nembed <script>x()</script>\n</div>\n\n<!-- note -->\n\nafter',
      text: 'a bold c\n\nafter',
      blocks: [
        ['paragraph', 'a bold c'],
        ['paragraph', 'after'],
      ],
    },
    {
      name: 'inline code and code blocks are text; images are dropped',
      raw: 'Use `npm test` now ![logo](x.png)\n\n```js\nrun();\n```\n\n![only an image](y.png)',
      text: 'Use npm test now\n\nrun();',
      blocks: [
        ['paragraph', 'Use npm test now'],
        ['paragraph', 'run();'],
      ],
    },
    {
      name: 'a mark after a dropped leading image keeps its place',
      raw: '![x](y.png) *em* tail',
      text: 'em tail',
      blocks: [['paragraph', 'em tail']],
      marks: [['em', 'em']],
    },
    {
      name: 'quotes and list items; the innermost container decides',
      raw: '> quoted\n> on two lines\n\n- one\n- two\n  > inner\n\n1. three\n\n> - listed in a quote\n',
      text: 'quoted\non two lines\n\none\n\ntwo\n\ninner\n\nthree\n\nlisted in a quote',
      blocks: [
        ['quote', 'quoted\non two lines'],
        ['list_item', 'one'],
        ['list_item', 'two'],
        ['quote', 'inner'],
        ['list_item', 'three'],
        ['list_item', 'listed in a quote'],
      ],
    },
    {
      name: 'soft breaks stay newlines, hard breaks become newlines',
      raw: 'line one\nline two  \nline three\\\nfour',
      text: 'line one\nline two\nline three\nfour',
      blocks: [['paragraph', 'line one\nline two\nline three\nfour']],
    },
    {
      name: 'thematic breaks and empty headings leave nothing behind',
      raw: 'a\n\n---\n\n#\n\nb',
      text: 'a\n\nb',
      blocks: [
        ['paragraph', 'a'],
        ['paragraph', 'b'],
      ],
    },
    {
      name: 'front matter becomes meta, every value as written',
      raw: '---\ntitle: Hi there\npublished: 2016-01-08\nn: 0x10\nflag: true\nempty:\n---\nBody',
      text: 'Body',
      blocks: [['paragraph', 'Body']],
      meta: { title: 'Hi there', published: '2016-01-08', n: '0x10', flag: 'true', empty: '' },
    },
    {
      name: 'CRLF line endings',
      raw: '---\r\nauthor: A\r\n---\r\n# T\r\n\r\nBody\r\nmore\r\n',
      text: 'T\n\nBody\nmore',
      blocks: [
        ['heading', 'T', 1],
        ['paragraph', 'Body\nmore'],
      ],
      meta: { author: 'A' },
    },
    {
      name: 'a leading BOM does not hide the front matter',
      raw: '\uFEFF---\ntitle: X\n---\nBody',
      text: 'Body',
      blocks: [['paragraph', 'Body']],
      meta: { title: 'X' },
    },
    { name: 'empty file', raw: '', text: '', blocks: [] },
    { name: 'whitespace only', raw: ' \n\n\t\n', text: '', blocks: [] },
    {
      name: 'front matter only',
      raw: '---\ntitle: T\n---\n',
      text: '',
      blocks: [],
      meta: { title: 'T' },
    },
  ])('$name', ({ raw, text, blocks, marks = [], meta = {} }) => {
    const doc = parseMarkdown(raw);
    expect(doc.text).toBe(text);
    expect(
      doc.blocks.map((b) => {
        const slice = doc.text.slice(b.start, b.end);
        return b.level === undefined ? [b.kind, slice] : [b.kind, slice, b.level];
      }),
    ).toEqual(blocks);
    expect(
      doc.marks.map((m) => {
        const slice = doc.text.slice(m.start, m.end);
        return m.href === undefined ? [m.kind, slice] : [m.kind, slice, m.href];
      }),
    ).toEqual(marks);
    expect(doc.meta).toEqual(meta);
    expect(structureProblems(doc)).toEqual([]);
  });

  it.each([
    {
      name: 'unreadable YAML, with the line in the file',
      raw: '---\nauthor: A\ntitle: [unclosed\n---\nBody',
      message: /^front matter, line 3: .*Fix the YAML/,
    },
    {
      name: 'a duplicate key',
      raw: '---\na: 1\na: 2\n---\n',
      message: /^front matter, line 3: Map keys must be unique/,
    },
    {
      name: 'a list value',
      raw: '---\ntags:\n  - a\n---\nx',
      message: /"tags" is a list; only plain values/,
    },
    {
      name: 'a nested map',
      raw: '---\nauthor:\n  name: A\n---\nx',
      message: /"author" is a nested map/,
    },
    {
      name: 'front matter that is not key: value pairs',
      raw: '---\njust text\n---\nx',
      message: /front matter must be a set of "key: value" pairs/,
    },
  ])('refuses $name', ({ raw, message }) => {
    expect(() => parseMarkdown(raw)).toThrow(message);
  });

  it('keeps the structure sound for any mix of Markdown syntax', () => {
    const pieces = [
      'a',
      ' ',
      '\n',
      '\n\n',
      '*',
      '_',
      '#',
      '> ',
      '- ',
      '1. ',
      '`',
      '[x](http://y)',
      '<b>',
      '&amp;',
      '\\',
      '😀',
      '\u00a0',
      '\r\n',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        expect(structureProblems(parseMarkdown(parts.join('')))).toEqual([]);
      }),
    );
  });
});

describe('safeHref', () => {
  it.each([
    ['https://example.org', 'https://example.org'],
    ['HTTP://EXAMPLE.ORG', 'HTTP://EXAMPLE.ORG'],
    ['mailto:a@b.org', 'mailto:a@b.org'],
    ['javascript:alert(1)', undefined],
    ['  javascript:alert(1)', undefined],
    ['data:text/html,x', undefined],
    ['/relative', undefined],
    ['file:///etc/passwd', undefined],
    [undefined, undefined],
  ])('%s → %s', (url, href) => {
    expect(safeHref(url)).toBe(href);
  });
});

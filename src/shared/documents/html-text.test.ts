import { describe, expect, it } from 'vitest';
import type { Block, InlineMark } from '../model';
import { descendants, isHtmlTag, parseHtmlDocument } from './html-dom';
import { treatmentOf } from './html-pruning';
import { renderHtmlText } from './html-text';
import { structureProblems } from './structured-text';

/** Renders a page's whole <body> (no content choice), as the extractor renders its roots. */
function render(body: string) {
  const document = parseHtmlDocument(`<!doctype html><body>${body}`);
  const root = [...descendants(document)].find((element) => isHtmlTag(element, 'body'))!;
  return renderHtmlText([root], treatmentOf);
}

interface Case {
  name: string;
  html: string;
  text: string;
  /** Each block as [kind, slice] (level 1–6 for headings as a third element). */
  blocks: [Block['kind'], string, number?][];
  marks?: [InlineMark['kind'], string, string?][];
}

describe('renderHtmlText', () => {
  it.each<Case>([
    {
      name: 'source whitespace collapses as in normal flow; blocks are joined by a blank line',
      html: '<p>\n  A   line\twith\n  breaks  </p>\n\n<p>Second</p>',
      text: 'A line with breaks\n\nSecond',
      blocks: [
        ['paragraph', 'A line with breaks'],
        ['paragraph', 'Second'],
      ],
    },
    {
      name: 'whitespace collapses across inline elements, and none ends up inside a mark',
      html: '<p>a <em> b </em> <strong>c</strong>d</p>',
      text: 'a b cd',
      blocks: [['paragraph', 'a b cd']],
      marks: [
        ['em', 'b'],
        ['strong', 'c'],
      ],
    },
    {
      name: 'no-break spaces, curly quotes and entities are text',
      html: '<p>&ldquo;Fish&nbsp;&amp;&nbsp;chips&rdquo; &copy;\u00a0\u00a0x&#8212;y</p>',
      text: '“Fish\u00a0&\u00a0chips” ©\u00a0\u00a0x—y',
      blocks: [['paragraph', '“Fish\u00a0&\u00a0chips” ©\u00a0\u00a0x—y']],
    },
    {
      name: '<br> breaks the line; spaces around it go',
      html: '<p>one <br>\n  two<br/>three</p>',
      text: 'one\ntwo\nthree',
      blocks: [['paragraph', 'one\ntwo\nthree']],
    },
    {
      name: '<pre> keeps its whitespace; its first newline is markup',
      html: '<pre>\n  x = 1\n\n    y  = 2\n</pre><p>after</p>',
      text: 'x = 1\n\n    y  = 2\n\nafter',
      blocks: [
        ['paragraph', 'x = 1\n\n    y  = 2'],
        ['paragraph', 'after'],
      ],
    },
    {
      name: 'heading levels, quotes and list items; the innermost container decides',
      html:
        '<h1>Top</h1><h3>Deep</h3><blockquote><p>Said</p><h2>Quoted heading</h2></blockquote>' +
        '<ul><li>one</li><li><p>two</p><blockquote>inner</blockquote></li></ul><ol><li>three</ol>',
      text: 'Top\n\nDeep\n\nSaid\n\nQuoted heading\n\none\n\ntwo\n\ninner\n\nthree',
      blocks: [
        ['heading', 'Top', 1],
        ['heading', 'Deep', 3],
        ['quote', 'Said'],
        ['heading', 'Quoted heading', 2],
        ['list_item', 'one'],
        ['list_item', 'two'],
        ['quote', 'inner'],
        ['list_item', 'three'],
      ],
    },
    {
      name: 'loose text beside blocks is a paragraph of its own',
      html: '<div>Intro text<p>Para</p>tail <i>end</i></div>',
      text: 'Intro text\n\nPara\n\ntail end',
      blocks: [
        ['paragraph', 'Intro text'],
        ['paragraph', 'Para'],
        ['paragraph', 'tail end'],
      ],
      marks: [['em', 'end']],
    },
    {
      name: 'links keep http(s) and mailto targets only; a bare anchor is no link',
      html:
        '<p><a href="https://x.org/a?b=1&amp;c=2">web</a> <a href="mailto:desk@x.org">mail</a> ' +
        '<a href="/relative">rel</a> <a href="javascript:alert(1)">js</a> <a name="top">anchor</a></p>',
      text: 'web mail rel js anchor',
      blocks: [['paragraph', 'web mail rel js anchor']],
      marks: [
        ['link', 'web', 'https://x.org/a?b=1&c=2'],
        ['link', 'mail', 'mailto:desk@x.org'],
        ['link', 'rel'],
        ['link', 'js'],
      ],
    },
    {
      name: 'nested marks: the enclosing one first',
      html: '<p><b>bold <i>both</i></b></p>',
      text: 'bold both',
      blocks: [['paragraph', 'bold both']],
      marks: [
        ['strong', 'bold both'],
        ['em', 'both'],
      ],
    },
    {
      name: 'a mark around blocks is split at the block boundaries',
      html: '<b><p>one</p><p>two</p></b>',
      text: 'one\n\ntwo',
      blocks: [
        ['paragraph', 'one'],
        ['paragraph', 'two'],
      ],
      marks: [
        ['strong', 'one'],
        ['strong', 'two'],
      ],
    },
    {
      name: 'empty and whitespace-only blocks leave nothing behind',
      html: '<p>a</p><p> </p><p>&nbsp;</p><div><span> </span></div><hr><p>b</p>',
      text: 'a\n\nb',
      blocks: [
        ['paragraph', 'a'],
        ['paragraph', 'b'],
      ],
    },
    {
      name: 'table cells are blocks',
      html: '<table><tr><th>Party</th><td>Seats</td></tr><tr><td>A</td><td>12</td></tr></table>',
      text: 'Party\n\nSeats\n\nA\n\n12',
      blocks: [
        ['paragraph', 'Party'],
        ['paragraph', 'Seats'],
        ['paragraph', 'A'],
        ['paragraph', '12'],
      ],
    },
    {
      name: "an article's own header gives its headings only",
      html: '<article><header><h1>Headline</h1><p>By A. Writer</p></header><p>Body</p></article>',
      text: 'Headline\n\nBody',
      blocks: [
        ['heading', 'Headline', 1],
        ['paragraph', 'Body'],
      ],
    },
    {
      name: 'astral characters count as two UTF-16 units',
      html: '<p>😀 <em>smile</em></p>',
      text: '😀 smile',
      blocks: [['paragraph', '😀 smile']],
      marks: [['em', 'smile']],
    },
  ])('$name', ({ html, text, blocks, marks = [] }) => {
    const doc = render(html);
    expect(doc.text).toBe(text);
    expect(
      doc.blocks.map((b) => [
        b.kind,
        doc.text.slice(b.start, b.end),
        ...(b.level ? [b.level] : []),
      ]),
    ).toEqual(blocks);
    expect(
      doc.marks.map((m) => [m.kind, doc.text.slice(m.start, m.end), ...(m.href ? [m.href] : [])]),
    ).toEqual(marks);
    expect(structureProblems(doc)).toEqual([]);
  });

  it('renders roots in the order given, each whole', () => {
    const document = parseHtmlDocument('<p id=a>first</p><h1>second</h1>');
    const [p, h1] = [...descendants(document)].filter((e) => isHtmlTag(e, 'p', 'h1'));
    const doc = renderHtmlText([h1!, p!], () => 'omit');
    expect(doc.text).toBe('second\n\nfirst');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph']);
  });
});

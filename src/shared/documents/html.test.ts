import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHtml } from './html';
import { structureProblems } from './structured-text';

const NEWS_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Officials to meet tech firms | The Daily</title>
  <meta property="og:title" content="US officials to meet tech firms about countering Islamic State">
  <meta name="author" content="Jane Reporter">
  <meta property="og:site_name" content="The Daily">
  <link rel="canonical" href="https://daily.example/2016/01/officials">
  <link rel="stylesheet" href="/site.css">
  <script>window.tracker = {};</script>
</head>
<body>
  <header class="site-header">
    <a href="/" class="logo">The Daily</a>
    <nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav>
  </header>
  <div class="layout">
    <main>
      <article>
        <header>
          <h1>US officials to meet tech firms about countering Islamic State</h1>
          <p class="byline">By <a href="/staff/jane">Jane Reporter</a>,
            <time datetime="2016-01-08T09:30:00Z">8 January 2016</time></p>
          <div class="share"><button>Share</button><a href="https://twitter.com/share">Tweet</a></div>
        </header>
        <p>Senior officials will meet executives from <b>Apple</b>, <b>Facebook</b> and
          <a href="https://example.org/twitter">Twitter</a> on Friday, the
          White House said, to discuss how extremist groups use&nbsp;social media.</p>
        <figure><img src="meeting.jpg" alt="The meeting room"><figcaption>The meeting room.</figcaption></figure>
        <p>&ldquo;We are <em>not</em> asking for a back door,&rdquo; an official said,
          speaking on condition of anonymity.</p>
        <blockquote><p>The internet must not be a safe haven for terrorists.</p></blockquote>
        <h2>What is on the agenda</h2>
        <ul>
          <li>Countering propaganda online</li>
          <li>Encryption and lawful access</li>
        </ul>
        <aside class="related"><h3>Related</h3><ul><li><a href="/a">Older story</a></li></ul></aside>
        <footer><p>Copyright 2016 The Daily</p></footer>
      </article>
    </main>
    <aside class="sidebar"><h2>Most read</h2><p>Another story that many people read today, with commas, and more.</p></aside>
  </div>
  <footer class="site-footer"><p>About us, contact, terms and privacy of The Daily, all rights reserved.</p></footer>
  <script src="/app.js"></script>
</body>
</html>`;

describe('parseHtml', () => {
  it('keeps the article of a news page and what the page states about it', () => {
    const page = parseHtml(NEWS_PAGE);
    expect(page.text).toBe(
      [
        'US officials to meet tech firms about countering Islamic State',
        'Senior officials will meet executives from Apple, Facebook and Twitter on Friday, the ' +
          'White House said, to discuss how extremist groups use\u00a0social media.',
        'The meeting room.',
        '“We are not asking for a back door,” an official said, speaking on condition of anonymity.',
        'The internet must not be a safe haven for terrorists.',
        'What is on the agenda',
        'Countering propaganda online',
        'Encryption and lawful access',
      ].join('\n\n'),
    );
    expect(page.blocks.map((b) => b.kind)).toEqual([
      'heading',
      'paragraph',
      'paragraph',
      'paragraph',
      'quote',
      'heading',
      'list_item',
      'list_item',
    ]);
    expect(page.blocks.filter((b) => b.kind === 'heading').map((b) => b.level)).toEqual([1, 2]);
    expect(page.marks.map((m) => [m.kind, page.text.slice(m.start, m.end), m.href])).toEqual([
      ['strong', 'Apple', undefined],
      ['strong', 'Facebook', undefined],
      ['link', 'Twitter', 'https://example.org/twitter'],
      ['em', 'not', undefined],
    ]);
    expect(page.meta).toEqual({
      title: 'US officials to meet tech firms about countering Islamic State',
      author: 'Jane Reporter',
      published: '2016-01-08T09:30:00Z',
      source: 'The Daily',
      url: 'https://daily.example/2016/01/officials',
    });
    expect(structureProblems(page)).toEqual([]);
  });

  it.each([
    {
      name: 'a headline the content leaves out goes first',
      html:
        '<title>Big news today | Blog</title><article><div class="entry-header"><h1>Big news ' +
        'today</h1><span>By X</span></div><p>The story itself, long enough to be prose.</p></article>',
      text: 'Big news today\n\nThe story itself, long enough to be prose.',
    },
    {
      name: "not when the content opens with its own heading (the <h1> is the site's name)",
      html:
        '<title>Ownership - The Book</title><div class="menu-bar"><h1 class="menu-title">The Book' +
        '</h1></div><main><h2>Ownership</h2><p>The story itself, long enough to be prose.</p></main>',
      text: 'Ownership\n\nThe story itself, long enough to be prose.',
    },
  ])('$name', ({ html, text }) => {
    const page = parseHtml(html);
    expect(page.text).toBe(text);
    expect(page.blocks[0]).toMatchObject({ kind: 'heading' });
  });

  const ARTICLE = '<p>The real article text, long enough to be a paragraph of prose.</p>';

  /** Each hostile snippet sits in an article; none of it may reach the text, marks or meta. */
  it.each([
    ['an inline script', '<p>Before <script>alert("pwned")</script>after.</p>', 'Before after.'],
    [
      'an image with onerror',
      '<p>Pic <img src=x onerror="alert(\'pwned\')"> here.</p>',
      'Pic here.',
    ],
    ['an event handler on text', '<p onclick="alert(\'pwned\')">Click me.</p>', 'Click me.'],
    ['a javascript: link', '<p><a href="javascript:alert(\'pwned\')">Go</a>.</p>', 'Go.'],
    [
      'javascript: disguised by case and whitespace',
      '<p><a href=" JaVaScRiPt:alert(\'pwned\')">Go</a>.</p>',
      'Go.',
    ],
    [
      'javascript: disguised by entities',
      '<p><a href="&#106;ava&#x09;script&colon;alert(\'pwned\')">Go</a>.</p>',
      'Go.',
    ],
    [
      'javascript: disguised by a newline',
      '<p><a href="java\nscript:alert(\'pwned\')">Go</a>.</p>',
      'Go.',
    ],
    [
      'a data: link',
      '<p><a href="data:text/html,<script>alert(\'pwned\')</script>">Go</a>.</p>',
      'Go.',
    ],
    ['a vbscript: link', '<p><a href="vbscript:msgbox(\'pwned\')">Go</a>.</p>', 'Go.'],
    [
      'a script inside SVG',
      '<p>Icon <svg><script>alert("pwned")</script><title>pwned</title></svg>.</p>',
      'Icon .',
    ],
    ['a script inside MathML', '<p>F <math><mi>pwned</mi></math>.</p>', 'F .'],
    [
      'an iframe with srcdoc',
      '<p>Embed <iframe srcdoc="<p>pwned</p>">pwned</iframe>.</p>',
      'Embed .',
    ],
    ['a style sheet', '<style>p::after { content: "pwned" }</style><p>Styled.</p>', 'Styled.'],
    [
      'noscript fallback',
      '<noscript><p>pwned: enable JavaScript</p></noscript><p>Shown.</p>',
      'Shown.',
    ],
    [
      'a template',
      '<template><p>pwned</p><script>alert(1)</script></template><p>Shown.</p>',
      'Shown.',
    ],
    [
      'a comment with markup',
      '<!-- <p>pwned</p> <script>alert(1)</script> --><p>Shown.</p>',
      'Shown.',
    ],
    [
      'a refresh redirect',
      '<meta http-equiv="refresh" content="0; url=javascript:alert(\'pwned\')"><p>Shown.</p>',
      'Shown.',
    ],
    ['an object fallback', '<object data="x.swf"><p>pwned</p></object><p>Shown.</p>', 'Shown.'],
    [
      'a form',
      '<form action="/x"><p>pwned</p><textarea>pwned</textarea></form><p>Shown.</p>',
      'Shown.',
    ],
    ['a button', '<p>Press <button onclick="alert(\'pwned\')">pwned</button>.</p>', 'Press .'],
    ['hidden text', '<p hidden>pwned</p><p aria-hidden="true">pwned</p><p>Shown.</p>', 'Shown.'],
  ])('%s never reaches the document', (_, snippet, kept) => {
    const page = parseHtml(`<title>T</title><article>${snippet}${ARTICLE}</article>`);
    expect(page.text).toBe(
      `${kept}\n\nThe real article text, long enough to be a paragraph of prose.`,
    );
    const everything = JSON.stringify(page);
    expect(everything).not.toMatch(/pwned|alert|script:|data:|msgbox/i);
    for (const mark of page.marks)
      expect(mark.href ?? 'https://').toMatch(/^(https?:\/\/|mailto:)/);
    expect(structureProblems(page)).toEqual([]);
  });

  it('text about markup stays text, exactly as a reader sees it', () => {
    const page = parseHtml('<p>Type &lt;script&gt;alert(1)&lt;/script&gt; to test.</p>');
    expect(page.text).toBe('Type <script>alert(1)</script> to test.');
  });

  it.each([
    ['an empty file', ''],
    ['only a head', '<html><head><title>Title only</title><script>x()</script></head></html>'],
    [
      'only page furniture',
      '<header><h1><a href="/">Site</a></h1></header><nav><a href="/a">A</a></nav>' +
        '<footer>Contact</footer><script>alert(1)</script><form><input value="x"></form>',
    ],
    ['whitespace and no-break spaces', '<p> </p><div>&nbsp;</div>'],
  ])('finds no article text in %s', (_, html) => {
    expect(parseHtml(html).blocks).toEqual([]);
  });

  it('takes a leading byte order mark for an encoding artifact', () => {
    expect(parseHtml('\uFEFF<p>Text</p>').text).toBe('Text');
  });

  it('handles a large page in linear time', () => {
    const paragraph =
      '<p>Paragraph of the story, with a clause, <a href="https://x.org">a link</a> and ' +
      '<em>emphasis</em>, long enough to count.</p>\n';
    const html =
      `<title>Big</title><nav>${'<a href="/x">x</a>'.repeat(5_000)}</nav>` +
      `<article>${paragraph.repeat(30_000)}</article>`;
    expect(html.length).toBeGreaterThan(3_000_000);
    const started = performance.now();
    const page = parseHtml(html);
    const elapsed = performance.now() - started;
    expect(page.blocks).toHaveLength(30_000);
    expect(page.marks).toHaveLength(60_000);
    // About 1.3 s on the 2-core build machine; a quadratic step would take minutes.
    expect(elapsed).toBeLessThan(10_000);
  });

  it('survives deep nesting without exhausting the stack', () => {
    const depth = 50_000;
    const html = `${'<div><b>'.repeat(depth)}<p>Deep</p>${'</b></div>'.repeat(depth)}`;
    const page = parseHtml(html);
    expect(page.text).toBe('Deep');
    expect(page.marks).toEqual([{ kind: 'strong', start: 0, end: 4 }]);
  });

  it('for any tag soup: a sound structure, safe links, and nothing from code or attributes', () => {
    // SECRET appears only where no reader sees it: code, comments, attributes, embedded
    // documents. The other pieces open and close elements at random, unbalanced.
    const pieces = [
      '<p>',
      '</p>',
      '<div>',
      '</div>',
      '<b>',
      '</b>',
      '<em>',
      '</em>',
      '<a href="https://ok.example/">',
      '<a href=" javascript:SECRET">',
      '<a href="data:SECRET">',
      '</a>',
      '<ul><li>',
      '</li>',
      '<blockquote>',
      '<h2>',
      '</h2>',
      '<pre>',
      '</pre>',
      '<br>',
      '<table><tr><td>',
      '<article>',
      '<header>',
      '<nav>',
      '<svg>',
      '<math>',
      '<p onclick="SECRET" title="SECRET">',
      '<img src=x onerror=SECRET>',
      '<script>SECRET</script>',
      '<style>SECRET</style>',
      '<noscript>SECRET</noscript>',
      '<template>SECRET</template>',
      '<iframe srcdoc="SECRET">SECRET</iframe>',
      '<!-- SECRET -->',
      '<textarea>SECRET</textarea>',
      'Words, with a comma, ',
      'more text that reads like prose. ',
      '  \n\t ',
      '\u00a0',
      '&amp;&lt;',
      '😀',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const page = parseHtml(parts.join(''));
        expect(structureProblems(page)).toEqual([]);
        expect(JSON.stringify(page)).not.toContain('SECRET');
        for (const mark of page.marks) {
          expect(mark.href ?? 'https://').toMatch(/^(https?:\/\/|mailto:)/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

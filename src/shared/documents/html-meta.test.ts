import { describe, expect, it } from 'vitest';
import { descendants, isHtmlTag, parseHtmlDocument } from './html-dom';
import { articleTime, pageMeta } from './html-meta';

describe('pageMeta', () => {
  it.each([
    {
      name: 'everything a news page usually states',
      head:
        '<title>Ignored | Site</title><meta property="og:title" content=" The  headline ">' +
        '<meta name="author" content="A. Writer"><meta property="article:published_time" ' +
        'content="2016-01-08T10:00:00Z"><meta property="og:site_name" content="The Daily">' +
        '<meta property="article:section" content="Politics">' +
        '<link rel="canonical" href="https://daily.example/a"><meta property="og:url" content="https://other.example/">',
      meta: {
        title: 'The headline',
        author: 'A. Writer',
        published: '2016-01-08T10:00:00Z',
        source: 'The Daily',
        section: 'Politics',
        url: 'https://daily.example/a',
      },
    },
    {
      name: '<title> when there is no og:title; entities decoded, whitespace collapsed',
      head: '<title>\n  Fish &amp; chips\n  | Site </title>',
      meta: { title: 'Fish & chips | Site' },
    },
    {
      name: 'og:url when there is no canonical link; names are case-insensitive',
      head: '<META NAME="Author" CONTENT="B"><meta name="og:url" content="http://x.example/p">',
      meta: { author: 'B', url: 'http://x.example/p' },
    },
    {
      name: 'only a web address is a url; empty values are not stated',
      head:
        '<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="/relative">' +
        '<meta name="author" content="  "><title> </title>',
      meta: {},
    },
    {
      name: 'the first statement of a name wins',
      head: '<meta name="author" content="First"><meta name="author" content="Second">',
      meta: { author: 'First' },
    },
    {
      name: 'an SVG <title> and <meta> inside <noscript> or <template> are not the page’s',
      head: '<noscript><meta name="author" content="N"></noscript><template><title>T</title></template>',
      body: '<svg><title>Icon</title></svg>',
      meta: {},
    },
    {
      name: 'refresh and other http-equiv directives are not metadata',
      head: '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
      meta: {},
    },
  ])('$name', ({ head, body = '', meta }) => {
    expect(pageMeta(parseHtmlDocument(`<html><head>${head}</head><body>${body}`))).toEqual(meta);
  });
});

describe('articleTime', () => {
  const rootOf = (html: string) =>
    [...descendants(parseHtmlDocument(html))].find((e) => isHtmlTag(e, 'div'))!;

  it('is the first <time datetime> of the article around the content', () => {
    const root = rootOf(
      '<time datetime="2000-01-01">sidebar</time><article><header><time>no datetime</time>' +
        '<time datetime=" 2016-01-08 ">8 Jan</time></header><div>Body</div></article>',
    );
    expect(articleTime([root])).toBe('2016-01-08');
  });

  it('is undefined when the content states none', () => {
    const root = rootOf('<time datetime="2000-01-01">elsewhere</time><div>Body</div>');
    expect(articleTime([root])).toBeUndefined();
  });
});

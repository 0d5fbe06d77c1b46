import { describe, expect, it } from 'vitest';
import { attribute, parseHtmlDocument } from './html-dom';
import { chooseContent } from './html-readability';

/** A paragraph of prose: long, with commas, no links. */
const prose = (n: number) =>
  `<p>Paragraph ${n} of the story, with a clause, another clause, and enough words to read ` +
  `like the prose of a news article rather than a caption or a button.</p>`;
const story = (count: number) => Array.from({ length: count }, (_, i) => prose(i + 1)).join('');

/** The chosen roots and link lists, by id (or tag name when an element has no id). */
function choose(html: string, title?: string) {
  const { roots, headline, linkLists } = chooseContent(parseHtmlDocument(html), title);
  const name = (e: (typeof roots)[number]) => attribute(e, 'id') ?? e.tagName;
  return {
    roots: roots.map(name),
    headline: headline && name(headline),
    linkLists: [...linkLists].map(name),
  };
}

describe('chooseContent', () => {
  it.each([
    {
      name: 'the <article> around the best container, whatever its neighbours',
      html:
        `<nav id=nav>${story(2)}</nav><main id=main><article id=art><h1>T</h1>` +
        `<div id=a>${story(3)}</div><div id=b>${story(2)}</div></article>` +
        `<div id=more>${story(1)}</div></main><aside id=side>${story(4)}</aside>`,
      roots: ['art'],
    },
    {
      name: 'else the <main> around it',
      html: `<div id=promo>${story(1)}</div><main id=main><div id=a>${story(3)}</div></main>`,
      roots: ['main'],
    },
    {
      name: 'role="main" counts as <main>',
      html: `<div id=main role=main><div id=a>${story(3)}</div></div>`,
      roots: ['main'],
    },
    {
      name: 'the one <article> inside the best container when it holds most of its text',
      html:
        `<div id=wrap><p>Subscribe to our newsletter, today, for news.</p>` +
        `<p>Advertisement, sponsored, by someone, somewhere.</p><article id=art>${story(2)}</article></div>`,
      roots: ['art'],
    },
    {
      name: 'without landmarks: the best container and its prose siblings',
      html:
        `<div id=page><div id=nav-links><a href="/a">Home</a> <a href="/b">World</a></div>` +
        `<div id=body class=story>${story(4)}</div>` +
        `<p id=coda>A closing paragraph outside the story container, long enough and free of links.</p>` +
        `<p id=short>It ended.</p><p id=button>Share this</p>` +
        `<p id=linky><a href="/x">A paragraph that is nothing but a link to another story on the site</a></p></div>`,
      roots: ['body', 'coda', 'short'],
    },
    {
      name: 'a page of short lines: the whole body',
      html: '<p>Short.</p><p>Also short.</p>',
      roots: ['body'],
    },
    {
      name: 'comments, sidebars and share boxes by class or id never compete',
      html:
        `<div id=comments>${story(6)}</div><div class="sidebar">${story(6)}</div>` +
        `<div id=content>${story(2)}</div>`,
      roots: ['content'],
    },
    {
      name: 'hidden text never competes',
      html:
        `<div id=hidden hidden>${story(6)}</div><div id=aria aria-hidden="true">${story(6)}</div>` +
        `<div id=styled style="color: red; display : none">${story(6)}</div><div id=shown>${story(2)}</div>`,
      roots: ['shown'],
    },
    {
      name: 'a block of links never wins, whatever its length',
      html:
        `<div id=links>${Array.from({ length: 20 }, (_, i) => `<p><a href="/s${i}">Another story, with a long, long headline number ${i}</a></p>`).join('')}</div>` +
        `<div id=real>${story(2)}</div>`,
      roots: ['real'],
    },
  ])('$name', ({ html, roots }) => {
    expect(choose(html).roots).toEqual(roots);
  });

  it('leaves out mostly-link lists and boxes inside the content, not prose with a link', () => {
    const { linkLists } = choose(
      `<article id=art>${story(3)}<ul id=list><li><a href="/a">Related one</a></li>` +
        `<li><a href="/b">Related two</a> (video)</li></ul>` +
        `<div id=cite>${prose(9).replace('rather', '<a href="https://x.org">rather</a>')}</div></article>`,
    );
    expect(linkLists).toEqual(['list']);
  });

  it.each([
    {
      name: 'the headline outside the content, named by the page title',
      html: `<div id=top><h1 id=h>Big news today</h1></div><div id=s>${story(3)}</div>`,
      title: 'Big news today | The Daily',
      headline: 'h',
      roots: ['s'],
    },
    {
      name: 'also one the content leaves out, like a class-named header box inside the article',
      html: `<article id=s><div class="entry-header"><h1 id=h>Big news today</h1><span>By X</span></div>${story(3)}</article>`,
      title: 'Big news today – A Blog',
      headline: 'h',
      roots: ['s'],
    },
    {
      name: "not one the content shows: an article's <header>, whatever its class",
      html: `<article id=s><header class="entry-header"><h1 id=h>Big news today</h1></header>${story(3)}</article>`,
      title: 'Big news today – A Blog',
      roots: ['s'],
    },
    {
      name: 'not an <h1> the title does not name',
      html: `<h1 id=h>Elsewhere</h1><div id=s>${story(3)}</div>`,
      title: 'Big news today | The Daily',
      roots: ['s'],
    },
    {
      name: "not a site's logo, which is all link",
      html: `<h1 id=h><a href="/">The Daily</a></h1><div id=s>${story(3)}</div>`,
      title: 'Big news today | The Daily',
      roots: ['s'],
    },
    {
      name: 'not when the content has its own <h1>',
      html: `<h1 id=h>Big news today</h1><article id=s><h1>Big news</h1>${story(3)}</article>`,
      title: 'Big news today | The Daily',
      roots: ['s'],
    },
    {
      name: 'not a hidden one',
      html: `<h1 id=h hidden>Big news today</h1><div id=s>${story(3)}</div>`,
      title: 'Big news today',
      roots: ['s'],
    },
  ])('$name', ({ html, title, headline, roots }) => {
    expect(choose(html, title)).toMatchObject({ roots, headline });
  });

  it('gives no roots for a document without a body', () => {
    expect(choose('<frameset><frame src="a.html"></frameset>').roots).toEqual([]);
  });
});

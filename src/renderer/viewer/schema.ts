/**
 * The ProseMirror schema of the read-only document viewer.
 *
 * `doc > section+ > (paragraph | heading | quote | list_item)+ > text*`. Sections are not part
 * of the document's structure: they group ~50 blocks so that a view update touches ~100
 * top-level nodes instead of 5,000, and so that `content-visibility: auto` can skip whole
 * off-screen groups (see DESIGN.md, "The viewer"). Block text keeps its whitespace exactly;
 * viewer.css renders it with `white-space: pre-wrap`, so a `\n` inside a block is a line break.
 */
import type { DOMOutputSpec, Mark, Node } from 'prosemirror-model';
import { Schema } from 'prosemirror-model';

/** Only these link targets are rendered as links; anything else stays plain text. */
const SAFE_HREF = /^(https?:|mailto:)/i;

export const schema = new Schema({
  nodes: {
    doc: { content: 'section+' },
    section: {
      content: 'block+',
      // `lines` estimates the section's height (in line heights) for while it is skipped by
      // `content-visibility: auto`; once shown, the browser remembers its real size (`auto`).
      attrs: { lines: { default: 0 } },
      toDOM: (node: Node): DOMOutputSpec => {
        const lines = Number(node.attrs.lines);
        return lines > 0
          ? [
              'section',
              { class: 'wb-section', style: `contain-intrinsic-size: auto ${lines}lh` },
              0,
            ]
          : ['section', { class: 'wb-section' }, 0];
      },
    },
    paragraph: {
      group: 'block',
      content: 'text*',
      marks: '_',
      whitespace: 'pre',
      toDOM: (): DOMOutputSpec => ['p', 0],
    },
    heading: {
      group: 'block',
      content: 'text*',
      marks: '_',
      whitespace: 'pre',
      attrs: { level: { default: 1 } },
      toDOM: (node: Node): DOMOutputSpec => [`h${clampLevel(node.attrs.level)}`, 0],
    },
    quote: {
      group: 'block',
      content: 'text*',
      marks: '_',
      whitespace: 'pre',
      toDOM: (): DOMOutputSpec => ['blockquote', 0],
    },
    list_item: {
      group: 'block',
      content: 'text*',
      marks: '_',
      whitespace: 'pre',
      // `bulleted` is false when the text already starts with its own marker ("1.", "-", "•"),
      // so the viewer does not draw a second one.
      attrs: { bulleted: { default: true } },
      toDOM: (node: Node): DOMOutputSpec => [
        'p',
        { class: node.attrs.bulleted ? 'wb-list-item wb-bulleted' : 'wb-list-item' },
        0,
      ],
    },
    text: {},
  },
  marks: {
    em: { toDOM: (): DOMOutputSpec => ['em', 0] },
    strong: { toDOM: (): DOMOutputSpec => ['strong', 0] },
    link: {
      attrs: { href: {} },
      inclusive: false,
      // Not an <a href>: a drag that starts on a real link drags the address instead of
      // selecting, and a click navigates — both wrong where link text is tagged like any other.
      // Ctrl/Cmd+click opens it (document-viewer.ts) in a new window, which the shell routes to
      // the system browser.
      toDOM: (mark: Mark): DOMOutputSpec => {
        const href = String(mark.attrs.href);
        return SAFE_HREF.test(href)
          ? [
              'span',
              { class: 'wb-link', 'data-href': href, title: `${href} (Ctrl+click to open)` },
              0,
            ]
          : [
              'span',
              { class: 'wb-link', title: 'Link not shown: not an http(s) or mailto address' },
              0,
            ];
      },
    },
  },
});

function clampLevel(level: unknown): number {
  const n = typeof level === 'number' ? Math.round(level) : 1;
  return Math.min(6, Math.max(1, n));
}

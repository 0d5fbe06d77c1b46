/**
 * The read-only document viewer: a ProseMirror view of one document with its annotations as
 * highlights. Framework-free; the React app mounts it into a host element and drives it through
 * the methods below. It never writes anything: the app owns the annotations and tells the
 * viewer what to show.
 *
 * Units: every offset in and out (`start`, `end`, selections) is a UTF-16 code unit offset into
 * `document.text`, half-open, as in the data model.
 *
 * The viewer lives in its own element (`.wb-viewer`) appended to the host; scrolling is the
 * host's (or an ancestor's) business. This module imports viewer.css itself.
 */
import { EditorState, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Annotation, Codebook, DocumentRecord } from '../../shared/model';
import type { HighlightChange } from './highlights';
import {
  ANNOTATION_ID_ATTRIBUTE,
  highlightChange,
  highlightState,
  highlightsPlugin,
  innermostFirst,
} from './highlights';
import { SpanHoverList } from './hover-list';
import { isSelectAll, selectionStep } from './keyboard-selection';
import { LabelColors } from './label-colors';
import type { PositionMap, TextRange } from './position-map';
import { buildViewerDocument } from './position-map';
import './viewer.css';

/** A selected stretch of the text: offsets in UTF-16 code units and the text itself. */
export interface TextSelectionRange extends TextRange {
  readonly text: string;
}

export interface DocumentViewerOptions {
  readonly document: DocumentRecord;
  readonly codebook: Codebook;
  readonly annotations: readonly Annotation[];
  /** Called when the text selection in the viewer changes; null when nothing is selected. */
  readonly onSelectionChange?: (range: TextSelectionRange | null) => void;
  /**
   * Called on a click (not a drag, not a shift-click) on highlighted text, with the ids of all
   * spans under the pointer, innermost first, and the box of the innermost one's clicked line.
   */
  readonly onSpanClick?: (ids: string[], anchor: DOMRect) => void;
}

export class DocumentViewer {
  private readonly root: HTMLElement;
  private readonly view: EditorView;
  private readonly map: PositionMap;
  private readonly text: string;
  private readonly docId: string;
  private readonly colors: LabelColors;
  private readonly labelSheet: CSSStyleSheet;
  private readonly hoverList: SpanHoverList;
  private reported: TextSelectionRange | null = null;
  /** Sections to draw, gathered from the rendering changes of one task. */
  private pendingSections: Set<number> | null = null;

  /** Throws (showing nothing) when the document's structure or a span is not valid. */
  constructor(
    host: HTMLElement,
    private readonly options: DocumentViewerOptions,
  ) {
    const record = options.document;
    this.text = record.text;
    this.docId = record.id;
    this.checkDocument(options.annotations);
    const { doc, map } = buildViewerDocument(record);
    this.map = map;
    this.root = document.createElement('div');
    this.root.className = 'wb-viewer';
    // A constructed style sheet, not a <style> element: the CSP allows no inline <style>, but
    // style sheets built through the CSSOM are not inline markup and are allowed.
    this.labelSheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.labelSheet];
    this.colors = new LabelColors(this.root, this.labelSheet, options.codebook);
    const state = EditorState.create({
      doc,
      plugins: [
        highlightsPlugin({
          map,
          annotations: options.annotations,
          // The view opens at the top; the first two sections (~100 blocks) fill more than a
          // screen. The browser then reports the sections it really renders.
          shownSections: [0, 1].filter((s) => s < map.sectionCount),
          labelClass: (label) => this.colors.className(label),
        }),
      ],
    });
    host.append(this.root);
    this.view = new EditorView(this.root, {
      state,
      editable: () => false,
      attributes: {
        class: 'wb-doc',
        role: 'document',
        'aria-label': record.title || record.id,
        spellcheck: 'false',
        // Focusable, so that keys reach it (keyboard selection) and a keyboard user can reach
        // the text with Tab and scroll it with the arrow keys.
        tabindex: '0',
      },
      dispatchTransaction: (tr) => this.view.updateState(this.view.state.apply(tr)),
      handleClick: (_view, _pos, event) => this.clicked(event),
      handleDOMEvents: {
        click: (_view, event) => openLink(event),
        mouseover: (_view, event) => this.hovered(event),
        mouseleave: () => this.hoverList.hide(),
        mousedown: () => this.hoverList.hide(),
        keydown: (_view, event) => this.keyPressed(event),
      },
    });
    this.hoverList = new SpanHoverList(this.root);
    document.addEventListener('selectionchange', this.selectionChanged);
    // Neither event bubbles: both are caught on their way down.
    this.view.dom.addEventListener('contentvisibilityautostatechange', this.renderingChanged, {
      capture: true,
    });
    document.addEventListener('scroll', this.scrolled, { capture: true, passive: true });
  }

  /** Shows more spans; a span whose id is already shown is replaced (as by updateAnnotation). */
  addAnnotations(list: readonly Annotation[]): void {
    this.checkDocument(list);
    this.change({ kind: 'add', annotations: list });
  }

  /** Stops showing these spans; unknown ids are ignored. */
  removeAnnotations(ids: readonly string[]): void {
    this.change({ kind: 'remove', ids });
  }

  /** Redraws one span after an edit (label, range); it keeps its lane if its range is unchanged. */
  updateAnnotation(annotation: Annotation): void {
    this.addAnnotations([annotation]);
  }

  /** Shows exactly `list`, rebuilt from scratch: for loading a layer, not for single edits. */
  setAnnotations(list: readonly Annotation[]): void {
    this.checkDocument(list);
    this.change({ kind: 'replace', annotations: list });
  }

  /** Marks one span as selected (the one the app shows details of), or none. */
  setSelectedSpan(id: string | null): void {
    this.change({ kind: 'select', id });
  }

  /** Recolours the labels (a codebook edit) without redrawing any span. */
  setCodebook(codebook: Codebook): void {
    this.colors.setCodebook(codebook);
  }

  /**
   * Scrolls the span's first piece to the middle of its scroll container; false if the span is
   * unknown or shows nothing. A span far away is not drawn yet, so this scrolls to its text,
   * and it is drawn as soon as the browser renders that section.
   */
  scrollToSpan(id: string): boolean {
    const first = highlightState(this.view.state).highlights.get(id)?.pieces[0];
    if (!first) return false;
    const drawn = this.view.dom.querySelector(`[${ANNOTATION_ID_ATTRIBUTE}="${CSS.escape(id)}"]`);
    const { node } = this.view.domAtPos(first.decoration.from, 1);
    const target = drawn ?? (node instanceof Element ? node : node.parentElement);
    if (!target) return false;
    target.scrollIntoView({ block: 'center', inline: 'nearest' });
    return true;
  }

  /**
   * The boxes (client coordinates, one per line box and piece) of the span as drawn now; empty
   * when the span is unknown or not drawn (only sections near the viewport are). Looks only
   * inside the span's own sections, so overlays may ask for many spans per frame.
   */
  getSpanRects(id: string): DOMRect[] {
    const { highlights, shown } = highlightState(this.view.state);
    const highlight = highlights.get(id);
    if (!highlight) return [];
    const selector = `mark[${ANNOTATION_ID_ATTRIBUTE}="${CSS.escape(id)}"]`;
    const rects: DOMRect[] = [];
    for (const section of new Set(highlight.pieces.map((p) => p.section))) {
      if (!shown.has(section)) continue;
      for (const mark of this.view.dom.children[section]?.querySelectorAll(selector) ?? []) {
        rects.push(...mark.getClientRects());
      }
    }
    return rects;
  }

  /**
   * Puts `element` over the text (an overlay such as relation lines), in the viewer's own box
   * (`position: relative`), so it scrolls with the text. Returns the function that removes it.
   */
  addOverlay(element: Element): () => void {
    this.root.append(element);
    return () => element.remove();
  }

  /**
   * The text selected in the viewer now, or null. Read from the DOM selection at the time of the
   * call (one read, no layout), so it is right even if a `selectionchange` is still queued.
   */
  getSelection(): TextSelectionRange | null {
    const selection = this.view.dom.ownerDocument.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const { anchorNode, anchorOffset, focusNode, focusOffset } = selection;
    if (!anchorNode || !focusNode) return null;
    const anchor = this.domToPos(anchorNode, anchorOffset);
    const head = this.domToPos(focusNode, focusOffset);
    if (anchor === null || head === null) return null;
    const range = this.map.posRangeToTextRange(anchor, head);
    return range && { ...range, text: this.text.slice(range.start, range.end) };
  }

  /**
   * Where the caret is, as a text offset (UTF-16): the moving end of the selection, or the
   * collapsed caret a click leaves. Null when the selection is not in the text.
   */
  getCaret(): number | null {
    const selection = this.view.dom.ownerDocument.getSelection();
    const { focusNode, focusOffset } = selection ?? {};
    if (!focusNode || focusOffset === undefined || !this.view.dom.contains(focusNode)) return null;
    const pos = this.domToPos(focusNode, focusOffset);
    return pos === null ? null : this.map.posToTextOffset(pos, 1);
  }

  /**
   * Selects `[start, end)` of the text (UTF-16 offsets) as a drag from start to end would;
   * `start === end` places the caret. It is the browser's selection, so Shift+arrows, tagging
   * and `onSelectionChange` carry on from it.
   */
  selectText(start: number, end: number): void {
    const selection = this.view.dom.ownerDocument.getSelection();
    if (!selection) return;
    const anchor = this.view.domAtPos(this.map.textOffsetToPos(start, 1));
    const head = this.view.domAtPos(this.map.textOffsetToPos(end, start < end ? -1 : 1));
    selection.setBaseAndExtent(anchor.node, anchor.offset, head.node, head.offset);
    this.report(this.getSelection());
  }

  /** Gives the keyboard to the text (keyboard selection, shortcuts), without scrolling. */
  focus(): void {
    this.view.dom.focus({ preventScroll: true });
  }

  /** Removes the text selection (after it has been tagged). */
  clearSelection(): void {
    const selection = this.view.dom.ownerDocument.getSelection();
    if (selection?.anchorNode && this.view.dom.contains(selection.anchorNode)) {
      selection.removeAllRanges();
    }
    // Keep ProseMirror's own idea of the selection collapsed too, so it never restores it.
    const { state } = this.view;
    if (!state.selection.empty) {
      const head = TextSelection.near(state.doc.resolve(state.selection.head));
      this.view.dispatch(state.tr.setSelection(head));
    }
    this.report(null);
  }

  destroy(): void {
    document.removeEventListener('selectionchange', this.selectionChanged);
    this.view.dom.removeEventListener('contentvisibilityautostatechange', this.renderingChanged, {
      capture: true,
    });
    document.removeEventListener('scroll', this.scrolled, { capture: true });
    this.hoverList.destroy();
    this.view.destroy();
    this.root.remove();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== this.labelSheet);
  }

  private change(change: HighlightChange): void {
    this.view.dispatch(highlightChange(this.view.state.tr, change));
  }

  private checkDocument(list: readonly Annotation[]): void {
    const stranger = list.find((a) => a.doc !== this.docId);
    if (stranger) {
      throw new Error(
        `Annotation "${stranger.id}" belongs to document "${stranger.doc}", not to the open ` +
          `document "${this.docId}".`,
      );
    }
  }

  /**
   * A DOM point as a position. A point outside the viewer (a selection dragged in from the page
   * around it) counts as the document's start or end, whichever side it lies on.
   */
  private domToPos(node: globalThis.Node, offset: number): number | null {
    const dom = this.view.dom;
    if (dom.contains(node)) {
      try {
        return this.view.posAtDOM(node, offset);
      } catch {
        return null; // a point ProseMirror does not describe, e.g. inside the hover list
      }
    }
    const relation = dom.compareDocumentPosition(node);
    if (relation & Node.DOCUMENT_POSITION_PRECEDING) return 0;
    if (relation & Node.DOCUMENT_POSITION_FOLLOWING) return this.view.state.doc.content.size;
    return null;
  }

  /**
   * A section started or stopped being rendered (`content-visibility: auto`; the browser keeps
   * a margin of about half a screen around the viewport). Draw or undraw its highlights; all
   * the changes of one rendering step go out as one transaction.
   */
  private readonly renderingChanged = (event: Event): void => {
    const section = event.target;
    if (!(event instanceof ContentVisibilityAutoStateChangeEvent)) return;
    if (!(section instanceof HTMLElement) || section.parentNode !== this.view.dom) return;
    const index = this.map.sectionOfPos(this.view.posAtDOM(section, 0));
    if (this.pendingSections === null) {
      this.pendingSections = new Set(highlightState(this.view.state).shown);
      queueMicrotask(() => {
        const sections = [...(this.pendingSections ?? [])];
        this.pendingSections = null;
        if (!this.view.isDestroyed) this.change({ kind: 'show-sections', sections });
      });
    }
    if (event.skipped) this.pendingSections.delete(index);
    else this.pendingSections.add(index);
  };

  /**
   * After a jump (a scrollbar drag, a search hit) the browser reports the newly rendered
   * sections only two frames later, so the text would first show without its highlights. The
   * scroll event comes before the frame is drawn: draw the sections now on screen at once.
   * (Sections leave again through `renderingChanged`.)
   */
  private readonly scrolled = (event: Event): void => {
    const scroller = event.target === document ? document.documentElement : event.target;
    if (!(scroller instanceof Element) || !scroller.contains(this.view.dom)) return;
    const box =
      scroller === document.documentElement
        ? { top: 0, bottom: window.innerHeight }
        : scroller.getBoundingClientRect();
    const { shown } = highlightState(this.view.state);
    const onScreen = this.sectionsBetween(box.top, box.bottom);
    if (onScreen.every((section) => shown.has(section))) return;
    this.change({ kind: 'show-sections', sections: [...shown, ...onScreen] });
  };

  /** Indexes of the sections overlapping the client-coordinate band [top, bottom). */
  private sectionsBetween(top: number, bottom: number): number[] {
    const sections = this.view.dom.children;
    // Sections are stacked in order: binary search the first one reaching below `top`.
    let lo = 0;
    let hi = sections.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sections[mid]!.getBoundingClientRect().bottom <= top) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (
      let i = lo;
      i < sections.length && sections[i]!.getBoundingClientRect().top < bottom;
      i++
    ) {
      found.push(i);
    }
    return found;
  }

  private readonly selectionChanged = (): void => {
    this.report(this.getSelection());
  };

  private report(range: TextSelectionRange | null): void {
    const before = this.reported;
    if (
      before === range ||
      (before && range && before.start === range.start && before.end === range.end)
    ) {
      return;
    }
    this.reported = range;
    this.options.onSelectionChange?.(range);
  }

  /** The annotation ids of the highlight elements from `target` up, innermost first. */
  private spansAt(target: EventTarget | null): { ids: string[]; innermost: Element | null } {
    const elements = new Map<string, Element>();
    for (let el = target instanceof Element ? target : null; el && el !== this.view.dom;) {
      const id = el.getAttribute(ANNOTATION_ID_ATTRIBUTE);
      if (id !== null && !elements.has(id)) elements.set(id, el);
      el = el.parentElement;
    }
    if (elements.size === 0) return { ids: [], innermost: null };
    const { highlights } = highlightState(this.view.state);
    const annotations = [...elements.keys()].flatMap((id) => {
      const shown = highlights.get(id);
      return shown ? [shown.annotation] : [];
    });
    const ids = innermostFirst(annotations).map((a) => a.id);
    return { ids, innermost: ids.length > 0 ? elements.get(ids[0]!)! : null };
  }

  private clicked(event: MouseEvent): boolean {
    // Ctrl/Cmd+click opens links (openLink); ProseMirror would select the whole paragraph.
    if (event.ctrlKey || event.metaKey) return true;
    if (event.button !== 0 || event.shiftKey || !this.options.onSpanClick) return false;
    const { ids, innermost } = this.spansAt(event.target);
    if (!innermost) return false;
    this.hoverList.hide();
    // The line box of the innermost span that was clicked (a span may wrap over several lines).
    const rects = [...innermost.getClientRects()];
    const anchor =
      rects.find(
        (r) =>
          event.clientX >= r.left &&
          event.clientX <= r.right &&
          event.clientY >= r.top &&
          event.clientY <= r.bottom,
      ) ?? innermost.getBoundingClientRect();
    this.options.onSpanClick(ids, DOMRect.fromRect(anchor));
    return false; // the click still places the caret, so Shift+arrows can select from there
  }

  /** Shift+arrows (and the platform's word and line variants) select from the caret. */
  private keyPressed(event: KeyboardEvent): boolean {
    const selection = this.view.dom.ownerDocument.getSelection();
    if (!selection) return false;
    const mac = /Mac|iPhone|iPad/.test(navigator.userAgent);
    if (isSelectAll(event, mac)) {
      event.preventDefault();
      selection.selectAllChildren(this.view.dom);
      return true;
    }
    const step = selectionStep(event, mac);
    if (!step || !selection.anchorNode || !this.view.dom.contains(selection.anchorNode)) {
      return false;
    }
    event.preventDefault();
    selection.modify('extend', step.direction, step.granularity);
    return true;
  }

  private hovered(event: MouseEvent): boolean {
    const { ids } = this.spansAt(event.target);
    if (ids.length === 0) {
      this.hoverList.hide();
      return false;
    }
    const { highlights } = highlightState(this.view.state);
    const entries = ids.map((id) => {
      const { annotation } = highlights.get(id)!;
      return {
        id,
        label: annotation.label,
        quote: this.text.slice(annotation.start, annotation.end),
        labelClass: this.colors.className(annotation.label),
      };
    });
    this.hoverList.show(entries, event.clientX, event.clientY);
    return false;
  }
}

/**
 * Ctrl/Cmd+click on a link opens it in a new window (which the shell hands to the system
 * browser); a plain click is a click on text. Links carry their address in `data-href` (schema.ts).
 */
function openLink(event: MouseEvent): boolean {
  const link = event.target instanceof Element ? event.target.closest('[data-href]') : null;
  const href = link?.getAttribute('data-href');
  if (!href || !(event.ctrlKey || event.metaKey)) return false;
  event.preventDefault();
  window.open(href, '_blank', 'noopener,noreferrer');
  return true;
}

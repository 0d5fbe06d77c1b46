/**
 * The viewer harness page: the DocumentViewer alone, in the frame the app gives it, with the
 * app's tagging keys (1/2/3 tag the selection, Delete removes the clicked span or the last one
 * added), every keypress timed until the next paint. Opened by itself it shows a synthetic
 * article (`?paragraphs=…&spans=…&seed=…`); measure.ts and screenshot.ts drive it through
 * `globalThis.viewerHarness` (protocol.ts).
 *
 * Timing method: a keypress's handler does what the app does (read the selection, clear it,
 * update the viewer), then requests an animation frame; inside that callback it posts a
 * MessageChannel message, which runs right after the frame's style, layout and paint are done
 * on the main thread. The times from the handler's start (and from the input event's own
 * timestamp) to that message are the keypress-to-painted latencies.
 */
import codebookJson from '../../resources/codebook.default.json';
import { DocumentViewer } from '../../src/renderer/viewer/document-viewer';
import type { Annotation, DocumentRecord } from '../../src/shared/model';
import { Codebook } from '../../src/shared/model';
import { makeSyntheticArticle, syntheticAnnotation } from '../synthetic';
import type { EditReport, HarnessApi, OpenReport, ScrollReport } from './protocol';

const codebook = Codebook.parse(codebookJson);
const hotkeys = new Map(codebook.labels.map((label) => [label.hotkey, label.name]));
const scroller = document.querySelector<HTMLElement>('.viewer-scroll')!;
const host = document.querySelector<HTMLElement>('.viewer-host')!;

let viewer: DocumentViewer | null = null;
let current: DocumentRecord | null = null;
let clicked: string[] | null = null;
let edits: EditReport[] = [];
let editTotal = 0;
const added: string[] = [];
let nextId = 0;

/** One frame at 60 Hz, ms. */
const FRAME_MS = 1000 / 60;

interface Painted {
  /** When the frame began (vsync), as passed to requestAnimationFrame. */
  readonly frameAt: number;
  /** When its requestAnimationFrame callback ran. */
  readonly rafAt: number;
  /** Right after its style, layout and paint. */
  readonly paintedAt: number;
}

/** Resolves after the next frame has been painted. */
function afterPaint(): Promise<Painted> {
  return new Promise((resolve) => {
    requestAnimationFrame((frameAt) => {
      const rafAt = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ frameAt, rafAt, paintedAt: performance.now() });
      channel.port2.postMessage(null);
    });
  });
}

async function open(document: DocumentRecord, annotations: Annotation[]): Promise<OpenReport> {
  viewer?.destroy();
  added.length = 0;
  clicked = null;
  scroller.scrollTop = 0;
  const started = performance.now();
  viewer = new DocumentViewer(host, {
    document,
    codebook,
    annotations,
    onSpanClick: (ids) => {
      clicked = ids;
      viewer?.setSelectedSpan(ids[0] ?? null);
    },
  });
  const constructMs = performance.now() - started;
  const { paintedAt } = await afterPaint();
  current = document;
  const marks = [...host.querySelectorAll('mark.wb-hl')];
  const bottom = scroller.getBoundingClientRect().bottom;
  return {
    constructMs,
    openMs: paintedAt - started,
    textLength: document.text.length,
    spans: annotations.length,
    sections: host.querySelectorAll('.wb-section').length,
    highlightElements: marks.length,
    highlightsInView: marks.filter((m) => m.getBoundingClientRect().top < bottom).length,
  };
}

/** Whether the section under the middle of the screen has highlight elements (cheap: no layout). */
function middleSectionIsDrawn(): boolean {
  const box = scroller.getBoundingClientRect();
  const docBox = host.querySelector('.wb-doc')!.getBoundingClientRect();
  const hit = document.elementFromPoint(docBox.left + 40, box.top + box.height / 2);
  return hit?.closest('.wb-section')?.querySelector('mark.wb-hl') != null;
}

async function timeEdit(
  kind: EditReport['kind'],
  id: string,
  event: KeyboardEvent,
  started: number,
): Promise<void> {
  const syncMs = performance.now() - started;
  const { frameAt, rafAt, paintedAt } = await afterPaint();
  const element = host.querySelector(`[data-annotation-id="${CSS.escape(id)}"]`);
  const box = scroller.getBoundingClientRect();
  const rect = element?.getBoundingClientRect();
  const inView = rect !== undefined && rect.bottom > box.top && rect.top < box.bottom;
  edits.push({
    kind,
    id,
    syncMs,
    frameMs: paintedAt - rafAt,
    totalMs: paintedAt - started,
    fromInputMs: paintedAt - event.timeStamp,
    // A frame that began more than a frame after the key means the first one was missed.
    firstFrame: frameAt - event.timeStamp < FRAME_MS,
    // An added span must be on screen; a removed one must be gone.
    visible: kind === 'add' ? inView : element === null,
  });
  editTotal++;
}

window.addEventListener('keydown', (event) => {
  if (!viewer || !current || event.ctrlKey || event.metaKey || event.altKey) return;
  const started = performance.now();
  const label = hotkeys.get(event.key);
  if (label) {
    const range = viewer.getSelection();
    if (!range) return;
    event.preventDefault();
    viewer.clearSelection();
    const id = `new-${nextId++}`;
    viewer.addAnnotations([syntheticAnnotation(current, { id, label, ...range })]);
    added.push(id);
    void timeEdit('add', id, event, started);
  } else if (event.key === 'Delete') {
    const id = clicked?.[0] ?? added.pop();
    if (!id) return;
    event.preventDefault();
    clicked = null;
    viewer.removeAnnotations([id]);
    void timeEdit('remove', id, event, started);
  }
});

const api: HarnessApi = {
  async openSynthetic(options) {
    const { document, annotations } = await makeSyntheticArticle(options);
    return open(document, annotations);
  },
  openDocument: open,
  async scrollToFraction(fraction) {
    scroller.scrollTop = fraction * (scroller.scrollHeight - scroller.clientHeight);
    // Sections coming into view render and may resize (content-visibility): let them settle.
    for (let i = 0; i < 3; i++) await afterPaint();
  },
  async scrollSteps(steps, screens) {
    const reports: ScrollReport[] = [];
    for (let step = 0; step < steps; step++) {
      let previous = (await afterPaint()).frameAt;
      const next = scroller.scrollTop + scroller.clientHeight * screens;
      scroller.scrollTop = next < scroller.scrollHeight - scroller.clientHeight ? next : 0;
      let framesUntilDrawn = -1;
      let longestFrameMs = 0;
      for (let frame = 1; frame <= 8; frame++) {
        const { frameAt } = await afterPaint();
        longestFrameMs = Math.max(longestFrameMs, frameAt - previous);
        previous = frameAt;
        if (framesUntilDrawn < 0 && middleSectionIsDrawn()) framesUntilDrawn = frame;
      }
      reports.push({ framesUntilDrawn, longestFrameMs });
    }
    return reports;
  },
  async selectVisibleText(yFraction, length) {
    const box = scroller.getBoundingClientRect();
    const docBox = host.querySelector('.wb-doc')!.getBoundingClientRect();
    const x = docBox.left + docBox.width * 0.3;
    const y = box.top + box.height * yFraction;
    const caret = document.caretPositionFromPoint(x, y);
    const node = caret?.offsetNode;
    if (!caret || !(node instanceof Text) || node.length - caret.offset < 3) return null;
    const end = Math.min(node.length, caret.offset + length);
    document.getSelection()!.setBaseAndExtent(node, caret.offset, node, end);
    await afterPaint(); // let selectionchange reach the viewer, as a person's drag would
    return node.data.slice(caret.offset, end);
  },
  takeEdits() {
    const taken = edits;
    edits = [];
    return taken;
  },
  editCount: () => editTotal,
  selectSpan: (id) => viewer?.setSelectedSpan(id),
  scrollToSpan: (id) => viewer?.scrollToSpan(id) ?? false,
  viewerSelection: () => viewer?.getSelection() ?? null,
  lastSpanClick: () => clicked,
};
(globalThis as unknown as { viewerHarness: HarnessApi }).viewerHarness = api;

// Opened by hand (npx vite bench/viewer-harness): show a synthetic article at once.
if (!navigator.webdriver) {
  const params = new URLSearchParams(location.search);
  const number = (name: string) => (params.has(name) ? Number(params.get(name)) : undefined);
  void api
    .openSynthetic({
      seed: number('seed'),
      paragraphs: number('paragraphs'),
      characters: number('characters'),
      spans: number('spans'),
    })
    .then((report) => console.log('viewer harness: opened', report));
}

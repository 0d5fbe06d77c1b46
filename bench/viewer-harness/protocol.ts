/**
 * What the harness page (main.mts) exposes as `globalThis.viewerHarness`, for the Playwright
 * scripts (measure.ts, screenshot.ts). Plain data only: this file is compiled both for the page
 * and for Node.
 */
import type { Annotation, DocumentRecord } from '../../src/shared/model';
import type { SyntheticOptions } from '../synthetic';

export interface OpenReport {
  /** `new DocumentViewer(...)` alone, ms. */
  readonly constructMs: number;
  /** From just before `new DocumentViewer(...)` until the first frame with it is painted, ms. */
  readonly openMs: number;
  readonly textLength: number;
  readonly spans: number;
  readonly sections: number;
  /** `<mark>` elements in the DOM once open (every piece of every span). */
  readonly highlightElements: number;
  /** Highlight elements inside the first screenful, i.e. visibly painted. */
  readonly highlightsInView: number;
}

/** One keypress that added or removed a highlight, timed in the page (ms). */
export interface EditReport {
  readonly kind: 'add' | 'remove';
  readonly id: string;
  /** The key handler: read selection, clear it, update the viewer (synchronous work). */
  readonly syncMs: number;
  /** requestAnimationFrame → after that frame's paint: style, layout, paint of the change. */
  readonly frameMs: number;
  /** Handler start → after the next paint (includes waiting for the frame's turn). */
  readonly totalMs: number;
  /** The input event's own timestamp → after the next paint (adds input dispatch delay). */
  readonly fromInputMs: number;
  /** Whether the change was painted in the first frame that began after the keypress. */
  readonly firstFrame: boolean;
  /** Whether the new highlight's element exists and is inside the viewport once painted. */
  readonly visible: boolean;
}

/** One scroll, timed (ms). */
export interface ScrollReport {
  /** Frames painted until the section in the middle of the screen shows its highlights. */
  readonly framesUntilDrawn: number;
  /** The longest gap between two frames in the 8 frames after the scroll (16.7 = none dropped). */
  readonly longestFrameMs: number;
}

export interface HarnessApi {
  openSynthetic(options: SyntheticOptions): Promise<OpenReport>;
  openDocument(document: DocumentRecord, annotations: Annotation[]): Promise<OpenReport>;
  /** Scrolls the viewer so that `fraction` (0–1) of its height is above the viewport top. */
  scrollToFraction(fraction: number): Promise<void>;
  /** Scrolls down by `screens` screen heights `steps` times (wrapping at the end), timing each. */
  scrollSteps(steps: number, screens: number): Promise<ScrollReport[]>;
  /** Selects ~`length` characters of the text shown at `yFraction` of the viewport's height. */
  selectVisibleText(yFraction: number, length: number): Promise<string | null>;
  /** Edits timed since the last call. */
  takeEdits(): EditReport[];
  editCount(): number;
  /** Marks a span as selected, as the app does for the one whose details it shows. */
  selectSpan(id: string | null): void;
  scrollToSpan(id: string): boolean;
  /** The viewer's own view of the selection, UTF-16 offsets. */
  viewerSelection(): { start: number; end: number; text: string } | null;
  /** The ids passed to the last onSpanClick, innermost first. */
  lastSpanClick(): string[] | null;
}

/**
 * The page's global object as the Node side sees it inside `page.evaluate` callbacks, which run
 * in the page: they may only use a type assertion, never a function imported here.
 */
export interface HarnessGlobal {
  readonly viewerHarness: HarnessApi;
}

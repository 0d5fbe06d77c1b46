/**
 * The review's side-by-side columns: one read-only DocumentViewer per annotator, each showing
 * only that annotator's spans, and one for the gold layer. The current case's spans are marked
 * selected in every column and scrolled into view; a click on a span makes its case current.
 *
 * The viewers are the app's own (../viewer/document-viewer.ts), one instance per column, driven
 * through their public methods; the gold column is updated incrementally (add/remove), never
 * rebuilt per change.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { Annotation, Codebook, CuratedAnnotation, DocumentRecord } from '../../shared/model';
import type { ReviewSession } from '../review/review-session';
import { DocumentViewer, type TextSelectionRange } from '../viewer/document-viewer';

/** The column of the gold layer: it has no annotator. */
export const GOLD = null;

export interface ReviewColumnsHandle {
  /** Marks the current case in every column and scrolls each to it. */
  showCurrent(): void;
  /** The text last selected in any column (offsets are the same in all: one document). */
  selection(): TextSelectionRange | null;
}

export function ReviewColumns({
  document,
  codebook,
  session,
  revision,
  onPick,
  onReady,
}: {
  document: DocumentRecord;
  codebook: Codebook;
  session: ReviewSession;
  /** Changes whenever the session does (redraw). */
  revision: number;
  /** A span was clicked in an annotator's column (or the gold column: annotator null). */
  onPick: (annotator: string | null, spanId: string) => void;
  /** Receives the columns' handle once their viewers exist. */
  onReady: (handle: ReviewColumnsHandle) => void;
}) {
  const hosts = useRef(new Map<string | null, HTMLDivElement>());
  const scrollers = useRef(new Map<string | null, HTMLDivElement>());
  const viewers = useRef(new Map<string | null, DocumentViewer>());
  const goldShown = useRef(new Map<string, CuratedAnnotation>());
  const lastSelection = useRef<TextSelectionRange | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);

  // One viewer per column, for the session's lifetime (the pane is keyed by document).
  useEffect(() => {
    const spansOf = (name: string): Annotation[] =>
      session.cases.flatMap((c) =>
        c.versions.filter((v) => v.annotator === name).map((v) => v.span),
      );
    const layers: Array<[string | null, readonly Annotation[]]> = [
      ...session.annotators.map((name): [string, Annotation[]] => [name, spansOf(name)]),
      [GOLD, session.curated.annotations],
    ];
    const created = viewers.current;
    for (const [annotator, annotations] of layers) {
      const host = hosts.current.get(annotator);
      if (!host) continue;
      created.set(
        annotator,
        new DocumentViewer(host, {
          document,
          codebook,
          annotations,
          onSelectionChange: (range) => {
            if (range && range.end > range.start) lastSelection.current = range;
          },
          onSpanClick: (ids) => {
            if (ids.length > 0) pick.current(annotator, ids[0]!);
          },
        }),
      );
    }
    goldShown.current = new Map(session.curated.annotations.map((a) => [a.id, a]));
    return () => {
      for (const viewer of created.values()) viewer.destroy();
      created.clear();
    };
  }, [document, codebook, session]);

  // The gold layer changed (a decision, an undo): show exactly its spans, adding and removing
  // only what changed.
  useEffect(() => {
    const gold = viewers.current.get(GOLD);
    if (!gold) return;
    const shown = goldShown.current;
    const next = new Map(session.curated.annotations.map((a) => [a.id, a]));
    const gone = [...shown.keys()].filter((id) => !next.has(id));
    const changed = [...next.values()].filter((a) => {
      const before = shown.get(a.id);
      return !before || JSON.stringify(before) !== JSON.stringify(a);
    });
    if (gone.length > 0) gold.removeAnnotations(gone);
    if (changed.length > 0) gold.addAnnotations(changed);
    goldShown.current = next;
  }, [session, revision]);

  const showCurrent = useCallback(() => {
    const current = session.current;
    const without: Array<string | null> = [];
    let shownIn: string | null | undefined;
    for (const [annotator, viewer] of viewers.current) {
      const id =
        annotator === GOLD
          ? current && session.stateOf(current).decision?.span
          : current?.versions.find((v) => v.annotator === annotator)?.span.id;
      viewer.setSelectedSpan(id ?? null);
      if (id && viewer.scrollToSpan(id)) shownIn ??= annotator;
      else without.push(annotator);
    }
    // A column with nothing at the case (an annotator who marked nothing, a gold layer without
    // a decision yet) scrolls to the same place: every column is as wide and shows the same
    // text, so the same scroll offset shows the same lines.
    const top = shownIn === undefined ? undefined : scrollers.current.get(shownIn)?.scrollTop;
    if (top === undefined) return;
    for (const annotator of without) {
      const scroller = scrollers.current.get(annotator);
      if (scroller) scroller.scrollTop = top;
    }
  }, [session]);

  useEffect(() => {
    onReady({ showCurrent, selection: () => lastSelection.current });
  }, [onReady, showCurrent]);

  // Keep the marks on the current case as it changes (decisions change the gold one).
  useEffect(() => {
    showCurrent();
  }, [showCurrent, revision]);

  const columns: Array<{ key: string | null; title: string; count: number }> = [
    ...session.annotators.map((name) => ({
      key: name,
      title: name,
      count: session.cases.filter((c) => c.versions.some((v) => v.annotator === name)).length,
    })),
    { key: GOLD, title: 'Gold layer', count: session.curated.annotations.length },
  ];

  return (
    <div className="review-columns" style={{ ['--columns' as string]: columns.length }}>
      {columns.map(({ key, title, count }) => (
        <section
          key={key ?? '(gold)'}
          className={`review-column${key === GOLD ? ' review-gold' : ''}`}
          aria-label={key === GOLD ? 'Gold layer' : `${title}'s spans`}
        >
          <h3 className="review-column-title">
            {title} <span className="muted">({count})</span>
          </h3>
          <div
            className="viewer-scroll"
            ref={(el) => {
              if (el) scrollers.current.set(key, el);
              else scrollers.current.delete(key);
            }}
          >
            <div
              className="viewer-host"
              ref={(el) => {
                if (el) hosts.current.set(key, el);
                else hosts.current.delete(key);
              }}
            />
          </div>
        </section>
      ))}
    </div>
  );
}

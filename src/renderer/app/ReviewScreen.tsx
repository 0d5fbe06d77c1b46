/**
 * The review screen: colleagues' work side by side with the gold layer being built from it.
 *
 * Blind coding first: until this person opens review (a choice stored in their own settings,
 * not in the shared project), nothing of colleagues' work is shown — not their names' layers,
 * not a count. Then: which annotators to compare, their documents with review status and cases
 * left, a colleague's export to import, and the open document's review.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LayerImportSummary, ReviewDocument, ReviewState } from '../../shared/api';
import { unwrap } from '../commands/span-editor';
import { reviewNavigation, type ReviewTarget } from '../review/review-navigation';
import { ReviewDocumentPane, type ReviewProgress } from './ReviewDocumentPane';
import type { WorkbenchView } from './screens';
import './review.css';

/** Exports larger than this are refused before reading (the service has its own limits). */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const STATUS_TEXT = {
  not_started: 'not started',
  in_review: 'in review',
  adjudicated: 'adjudicated',
} as const;

export function ReviewScreen({ view }: { view: WorkbenchView }) {
  const { client, status } = view;
  const [state, setState] = useState<ReviewState | null>(null);
  const [target, setTarget] = useState<ReviewTarget>(reviewNavigation.get());
  const [docs, setDocs] = useState<ReviewDocument[] | null>(null);
  const [summary, setSummary] = useState<LayerImportSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => reviewNavigation.subscribe(setTarget), []);

  const loadState = useCallback(async () => {
    setState(unwrap(await client.getReviewState({})));
  }, [client]);

  const fail = status.error;
  useEffect(() => {
    let cancelled = false;
    client.getReviewState({}).then((result) => {
      if (cancelled) return;
      if (result.ok) setState(result.value);
      else fail(result.error.message);
    }, fail);
    return () => {
      cancelled = true;
    };
  }, [client, fail]);

  const everyone = useMemo(() => state?.annotators ?? [], [state]);
  const annotators = useMemo(
    () => (target.annotators ?? everyone).filter((a) => everyone.includes(a)),
    [target.annotators, everyone],
  );
  const comparable = annotators.length >= 2;
  const annotatorKey = annotators.join(',');

  const loadDocs = useCallback(async () => {
    const list = comparable
      ? unwrap(await client.listReviewDocuments({ annotators: annotatorKey.split(',') }))
      : null;
    setDocs(list);
    if (!list) return;
    // Open a document when none is chosen: the first with something to look at (for the label
    // asked about, when there is one).
    const { doc, label } = reviewNavigation.get();
    if (doc === null || !list.some((d) => d.doc === doc)) {
      const first =
        list.find((d) => (label ? (d.disagreementsByLabel[label] ?? 0) > 0 : d.unsettled > 0)) ??
        list[0];
      if (first) reviewNavigation.set({ doc: first.doc });
    }
  }, [client, comparable, annotatorKey]);

  useEffect(() => {
    if (!state?.open) return;
    // Later, not in the effect's own turn: the list is read from the main side anyway.
    const timer = setTimeout(() => loadDocs().catch(status.error));
    return () => clearTimeout(timer);
  }, [state?.open, loadDocs, status.error]);

  const setOpen = async (open: boolean) => {
    try {
      setState(unwrap(await client.setReviewOpen({ open })));
      status.info(
        open
          ? "Review is open: your colleagues' work is shown here, on this screen."
          : "Review is closed: colleagues' work is hidden again.",
      );
    } catch (error) {
      status.error(error);
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      if (file.size > MAX_IMPORT_BYTES) {
        throw new Error(`${file.name} is larger than 50 MB; import it with the command line.`);
      }
      const result = unwrap(
        await client.importLayers({ content: await file.text(), fileName: file.name }),
      );
      setSummary(result);
      status.info(
        `Imported ${file.name}: ${result.annotators
          .map((a) => `${a.annotator} +${a.added} ~${a.changed} −${a.removed}`)
          .join('; ')}.`,
      );
      await loadState();
      await loadDocs();
    } catch (error) {
      status.error(error);
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const exportGold = async () => {
    try {
      const result = unwrap(await client.exportDataset({ format: 'json', curated: true }));
      const url = URL.createObjectURL(new Blob([result.content], { type: result.mediaType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = result.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.info(`Exported the gold layer as ${result.fileName}.`);
    } catch (error) {
      status.error(error);
    }
  };

  const onProgress = useCallback((docId: string, progress: ReviewProgress) => {
    setDocs((list) =>
      list
        ? list.map((d) =>
            d.doc === docId ? { ...d, status: progress.status, unsettled: progress.unsettled } : d,
          )
        : list,
    );
  }, []);

  if (!state) {
    return (
      <div className="screen review-screen empty-pane" aria-busy="true">
        <p>Opening review…</p>
      </div>
    );
  }

  if (!state.open) {
    return (
      <div className="screen review-screen review-gate">
        <section className="review-gate-card" aria-labelledby="review-gate-title">
          <h2 id="review-gate-title">Blind coding</h2>
          <p>
            Your colleagues’ annotations are hidden while you code, so that their choices cannot
            sway yours — not shown, not counted.
          </p>
          <p>
            Open review when you lead the comparison: see every coder’s spans side by side, settle
            each disagreement into a gold layer, and measure agreement. This is your own setting for
            this project; it does not open review for anyone else.
          </p>
          <button type="button" className="primary" onClick={() => setOpen(true)}>
            Open review
          </button>
        </section>
      </div>
    );
  }

  return (
    <div className="screen review-screen">
      <aside className="review-sidebar" aria-label="Review">
        <fieldset className="review-annotators">
          <legend>Compare</legend>
          {everyone.length === 0 && <p className="muted">No annotator has a layer yet.</p>}
          {everyone.map((name) => (
            <label key={name}>
              <input
                type="checkbox"
                checked={annotators.includes(name)}
                onChange={(e) =>
                  reviewNavigation.set({
                    annotators: e.target.checked
                      ? everyone.filter((a) => a === name || annotators.includes(a))
                      : annotators.filter((a) => a !== name),
                  })
                }
              />{' '}
              {name}
            </label>
          ))}
          {!comparable && everyone.length > 0 && (
            <p className="muted">Choose two or more annotators to compare.</p>
          )}
        </fieldset>

        <div className="review-import">
          <button type="button" onClick={() => fileInput.current?.click()} disabled={busy}>
            Import a colleague’s export…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            aria-label="Colleague's export to import"
            onChange={(e) => importFile(e.target.files?.[0])}
          />
          {summary && (
            <div className="review-import-summary" aria-label="Last import">
              <p>{summary.file}</p>
              <ul>
                {summary.annotators.map((a) => (
                  <li key={a.annotator}>
                    <strong>{a.annotator}</strong>: {a.added} added, {a.changed} changed,{' '}
                    {a.removed} removed ({a.documents} document(s))
                  </li>
                ))}
              </ul>
              {summary.notes.map((note) => (
                <p key={note} className="muted">
                  {note}
                </p>
              ))}
            </div>
          )}
        </div>

        {docs && (
          <nav className="review-docs" aria-label="Documents to review">
            <ul>
              {docs.map((d) => (
                <li key={d.doc}>
                  <button
                    type="button"
                    className="doc-item"
                    aria-current={d.doc === target.doc ? 'page' : undefined}
                    aria-label={`${d.title}, ${STATUS_TEXT[d.status]}, ${d.unsettled} case(s) to settle, ${d.disagreements} disagreement(s)`}
                    onClick={() => reviewNavigation.set({ doc: d.doc })}
                  >
                    <span className="doc-title">{d.title}</span>
                    <span className="doc-meta">
                      <span className={`review-status status-${d.status}`}>
                        {STATUS_TEXT[d.status]}
                      </span>
                      <span>
                        {d.unsettled} to settle · {d.disagreements} disagreement(s)
                      </span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        )}

        <div className="review-sidebar-actions">
          <button type="button" onClick={exportGold}>
            Export gold layer (JSON)
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            Close review
          </button>
        </div>
      </aside>
      {comparable && target.doc ? (
        <ReviewDocumentPane
          key={`${target.doc}|${annotatorKey}`}
          view={view}
          docId={target.doc}
          annotators={annotators}
          label={target.label}
          onLabel={(label) => reviewNavigation.set({ label })}
          onProgress={onProgress}
        />
      ) : (
        <main className="review-main empty-pane">
          <p>
            {everyone.length < 2
              ? 'To review, this project needs a second annotator’s layer: import a colleague’s export, or let their folder arrive through the shared project folder.'
              : 'Choose the annotators to compare and a document.'}
          </p>
        </main>
      )}
    </div>
  );
}

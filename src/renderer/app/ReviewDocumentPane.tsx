/**
 * One document under review: the current case and its decisions above, the annotators' columns
 * and the gold column below. Keys go through the review actions (../review/review-actions.ts),
 * which the command palette (Ctrl/Cmd+K) and the shortcut sheet (?) list as well.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentRecord } from '../../shared/model';
import { isTypingTarget, runAction, runKeyAction } from '../actions/action';
import { isMacPlatform } from '../actions/keys';
import { actionEntries } from '../coding/palette-entries';
import { unwrap } from '../commands/span-editor';
import { reviewActions, type ReviewContext } from '../review/review-actions';
import { ReviewSession } from '../review/review-session';
import { CasePanel, type EditRequest } from './CasePanel';
import { CommandPalette } from './CommandPalette';
import { ReviewColumns, type ReviewColumnsHandle } from './ReviewColumns';
import type { WorkbenchView } from './screens';
import { ShortcutSheet } from './ShortcutSheet';

const IS_MAC = isMacPlatform(navigator.platform);

const STATUS_TEXT = {
  not_started: 'not started',
  in_review: 'in review',
  adjudicated: 'adjudicated',
} as const;

export interface ReviewProgress {
  status: keyof typeof STATUS_TEXT;
  unsettled: number;
}

export function ReviewDocumentPane({
  view,
  docId,
  annotators,
  label,
  onLabel,
  onProgress,
}: {
  view: WorkbenchView;
  docId: string;
  annotators: readonly string[];
  label: string | null;
  onLabel: (label: string | null) => void;
  /** The document's review status and cases left, after every change (for the list). */
  onProgress: (docId: string, progress: ReviewProgress) => void;
}) {
  const { client, history, status, codebook } = view;
  const [loaded, setLoaded] = useState<{ document: DocumentRecord; session: ReviewSession } | null>(
    null,
  );
  const [revision, setRevision] = useState(0);
  const [edit, setEdit] = useState<EditRequest | null>(null);
  const [overlay, setOverlay] = useState<'palette' | 'shortcuts' | null>(null);
  const [orphan, setOrphan] = useState<string | null>(null);
  const [columns, setColumns] = useState<ReviewColumnsHandle | null>(null);
  const progress = useRef(onProgress);
  useEffect(() => {
    progress.current = onProgress;
  }, [onProgress]);

  useEffect(() => {
    let cancelled = false;
    let session: ReviewSession | null = null;
    (async () => {
      try {
        const document = unwrap(await client.getDocument({ id: docId }));
        const review = unwrap(await client.getReview({ doc: docId, annotators: [...annotators] }));
        if (cancelled) return;
        const s: ReviewSession = new ReviewSession({
          client,
          history,
          review,
          label,
          onChange: () => {
            setRevision((r) => r + 1);
            progress.current(docId, { status: s.curated.status, unsettled: s.unsettled().length });
          },
        });
        session = s;
        setLoaded({ document, session: s });
      } catch (error) {
        status.error(error);
      }
    })();
    return () => {
      cancelled = true;
      session?.dispose();
    };
    // The pane is keyed by document and annotators; the label is applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docId]);

  const session = loaded?.session ?? null;

  useEffect(() => {
    if (session && session.label !== label) session.setLabel(label);
  }, [session, label]);

  // Bring the first case into view once the columns exist.
  useEffect(() => {
    columns?.showCurrent();
  }, [columns]);

  const actions = useMemo(() => reviewActions(annotators), [annotators]);

  const context = useMemo<ReviewContext | null>(
    () =>
      session && {
        session,
        history,
        status,
        showCurrent: () => columns?.showCurrent(),
        startEdit: () => {
          const from = session.current?.versions[0]?.annotator;
          if (from) setEdit({ from });
        },
        openOverlay: setOverlay,
      },
    [session, history, status, columns],
  );

  useEffect(() => {
    if (!context || overlay) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if (runKeyAction(actions, context, event, IS_MAC, status.error)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, context, overlay, status]);

  const run = useCallback(
    (id: string) => {
      const action = actions.find((a) => a.id === id);
      if (action && context) runAction(action, context, status.error);
    },
    [actions, context, status],
  );

  const onPick = useCallback(
    (annotator: string | null, spanId: string) => {
      if (!session) return;
      const found = session.caseOfSpan(annotator, spanId);
      setOrphan(found ? null : spanId);
      if (found) {
        setEdit(null);
        session.select(found.key);
      }
    },
    [session],
  );

  if (!loaded || !session) {
    return (
      <main className="review-main empty-pane" aria-busy="true">
        <p>Comparing the annotators’ spans…</p>
      </main>
    );
  }
  const { document } = loaded;
  const curated = session.curated;
  const agreed = session.agreedToAccept();
  const labels = codebook.labels.map((l) => l.name);

  return (
    <main className="review-main" aria-label={`Review of ${document.title}`}>
      <div className="review-toolbar">
        <h2 className="review-title">{document.title}</h2>
        <span className={`review-status status-${curated.status}`}>
          {STATUS_TEXT[curated.status]}
        </span>
        <span className="muted">{session.unsettled().length} case(s) to settle</span>
        <label className="review-filter">
          Label{' '}
          <select value={label ?? ''} onChange={(e) => onLabel(e.target.value || null)}>
            <option value="">all labels</option>
            {labels.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <span className="review-toolbar-actions">
          <button type="button" onClick={() => run('review:previous')} aria-keyshortcuts="P">
            Previous <kbd className="hotkey">P</kbd>
          </button>
          <button type="button" onClick={() => run('review:next')} aria-keyshortcuts="N">
            Next disagreement <kbd className="hotkey">N</kbd>
          </button>
          <button
            type="button"
            onClick={() => run('review:accept-agreed')}
            disabled={agreed === 0}
            aria-keyshortcuts="Shift+A"
          >
            Accept all agreed ({agreed})
          </button>
          {curated.status === 'adjudicated' ? (
            <button
              type="button"
              onClick={() => session.setStatus('in_review').catch(status.error)}
            >
              Reopen review
            </button>
          ) : (
            <button
              type="button"
              onClick={() =>
                session
                  .setStatus('adjudicated')
                  .then(() => status.info(`${document.title} is adjudicated.`), status.error)
              }
            >
              Mark adjudicated
            </button>
          )}
        </span>
      </div>
      <CasePanel
        session={session}
        codebook={codebook}
        text={document.text}
        edit={edit}
        onAccept={(name) => run(`review:accept:${name}`)}
        onReject={() => run('review:reject')}
        onStartEdit={(from) => setEdit({ from })}
        onCancelEdit={() => setEdit(null)}
        onSaveEdit={(span, from) => {
          session.edit(span, from).then(() => {
            setEdit(null);
            status.info('Saved the edited version into the gold layer.');
          }, status.error);
        }}
        selection={() => columns?.selection() ?? null}
      />
      {orphan && (
        <div className="review-orphan" role="group" aria-label="Gold span without a case">
          <span>
            This gold span’s case is no longer there (the annotators’ spans changed since it was
            settled).
          </span>
          <button
            type="button"
            className="danger"
            onClick={() => {
              session.removeGold(orphan).then(() => setOrphan(null), status.error);
            }}
          >
            Remove it from the gold layer
          </button>
        </div>
      )}
      <ReviewColumns
        document={document}
        codebook={codebook}
        session={session}
        revision={revision}
        onPick={onPick}
        onReady={setColumns}
      />
      {overlay === 'shortcuts' && (
        <ShortcutSheet actions={actions} isMac={IS_MAC} onClose={() => setOverlay(null)} />
      )}
      {overlay === 'palette' && context && (
        <CommandPalette
          entries={actionEntries(actions, context, () => context, status.error)}
          isMac={IS_MAC}
          onClose={() => setOverlay(null)}
          onRun={(entry) => {
            setOverlay(null);
            entry.run();
          }}
        />
      )}
    </main>
  );
}

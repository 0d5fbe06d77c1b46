/**
 * The annotator's progress on the open document, in its header: the status (to do, in
 * progress, done) and a memo.
 *
 * - "In progress" is set by itself when the document gains a span while it is "to do" (the
 *   first tag, and equally an undone delete or accepted suggestions): starting is a fact the
 *   person should not have to record. Undoing that tag leaves it in progress, and "done" is
 *   never set or cleared automatically.
 * - "Done" is refused by the service while a span misses a required attribute; the choice then
 *   goes back and the status line says which spans miss what.
 * - The memo saves itself once typing pauses, when the field loses focus and when the document
 *   closes (see ../coding/memo-autosave.ts), so switching documents never loses a word.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { MEMO_MAX_LENGTH, type DocumentSummary } from '../../shared/api';
import type { DocStatus } from '../../shared/model';
import type { RendererClient } from '../api/client';
import { unwrap } from '../commands/span-editor';
import { MemoAutosave, typedMemos, type MemoSaveState } from '../coding/memo-autosave';
import type { Status } from './status';
import './coding.css';

const STATUS_TITLES: Record<DocStatus, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
};

const SAVE_STATE_TEXT: Record<MemoSaveState, string> = {
  saved: 'Saved',
  pending: 'Not saved yet',
  saving: 'Saving…',
  failed: 'Not saved: it will be tried again',
};

export function DocumentProgress({
  client,
  docId,
  spanCount,
  initialStatus,
  initialMemo,
  status,
  onSaved,
}: {
  client: RendererClient;
  docId: string;
  /** Spans in the annotator's layer now; a rise while "to do" starts the document. */
  spanCount: number;
  initialStatus: DocStatus;
  initialMemo: string;
  status: Status;
  /** The document's summary after a change (for the document list). */
  onSaved: (summary: DocumentSummary) => void;
}) {
  const [docStatus, setDocStatus] = useState(initialStatus);
  const [memo, setMemo] = useState(() => typedMemos.get(docId) ?? initialMemo);
  const [memoOpen, setMemoOpen] = useState(false);
  const [saveState, setSaveState] = useState<MemoSaveState>('saved');
  const memoId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const statusNow = useRef(initialStatus);
  const countBefore = useRef(spanCount);

  const autosave = useMemo(
    () =>
      new MemoAutosave({
        save: async (text) =>
          onSaved(unwrap(await client.setDocumentMemo({ doc: docId, memo: text }))),
        onState: setSaveState,
        onError: status.error,
      }),
    // One saver per open document; `onSaved` and `status.error` only report.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, docId],
  );
  // Text typed here earlier that the layer does not hold (its save failed, or is still on its
  // way) is saved again; closing the document (switching to another) saves what was typed.
  useEffect(() => {
    const typed = typedMemos.get(docId);
    if (typed !== undefined && typed !== initialMemo) autosave.change(typed);
    return () => void autosave.flush();
    // Once per saver: `initialMemo` is what the layer held when the document opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autosave]);

  const changeStatus = async (next: DocStatus, automatic: boolean) => {
    const before = statusNow.current;
    statusNow.current = next;
    setDocStatus(next);
    const result = await client.setDocumentStatus({ doc: docId, status: next });
    if (!result.ok) {
      statusNow.current = before;
      setDocStatus(before);
      status.error(result.error.message);
      return;
    }
    onSaved(result.value);
    if (!automatic) status.info(`Marked this document “${STATUS_TITLES[next].toLowerCase()}”.`);
  };

  useEffect(() => {
    const rose = spanCount > countBefore.current;
    countBefore.current = spanCount;
    if (rose && statusNow.current === 'todo') void changeStatus('in_progress', true);
    // Only a change of the count matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spanCount]);

  const firstLine = memo.split('\n', 1)[0]!.trim();
  return (
    <>
      <label className="doc-status-field">
        Status
        <select
          className={`doc-status status-${docStatus}`}
          value={docStatus}
          onChange={(e) => void changeStatus(e.target.value as DocStatus, false)}
        >
          {Object.entries(STATUS_TITLES).map(([value, title]) => (
            <option key={value} value={value}>
              {title}
            </option>
          ))}
        </select>
      </label>
      <button
        ref={toggle}
        type="button"
        className="doc-memo-toggle"
        aria-expanded={memoOpen}
        aria-controls={memoId}
        onClick={() => setMemoOpen(!memoOpen)}
        title={memo || 'Write a memo on this document'}
      >
        Memo
        {firstLine ? `: ${firstLine.length > 40 ? `${firstLine.slice(0, 39)}…` : firstLine}` : ''}
      </button>
      {memoOpen && (
        <div className="doc-memo" id={memoId}>
          <textarea
            aria-label="Memo on this document"
            aria-describedby={`${memoId}-state`}
            autoFocus
            rows={3}
            value={memo}
            placeholder="Notes for yourself or a reviewer: doubts, things to check…"
            maxLength={MEMO_MAX_LENGTH}
            onChange={(e) => {
              setMemo(e.target.value);
              typedMemos.set(docId, e.target.value);
              autosave.change(e.target.value);
            }}
            onBlur={() => void autosave.flush()}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                void autosave.flush();
                setMemoOpen(false);
                toggle.current?.focus();
              }
            }}
          />
          <span id={`${memoId}-state`} className="doc-memo-state" aria-live="polite">
            {SAVE_STATE_TEXT[saveState]}
          </span>
        </div>
      )}
    </>
  );
}

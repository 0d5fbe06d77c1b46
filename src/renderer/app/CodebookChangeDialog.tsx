/**
 * The dialog of one codebook change that touches annotations — rename or delete a label, an
 * attribute, an enum value or a relation type. It asks the main side what the change would do
 * (previewCodebookChange: "N annotations in M documents will change") while the person types,
 * and applies exactly that. A deletion that loses data names the count on its button and sends
 * it as the confirmation.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { CodebookChangePreview, CodebookOperation } from '../../shared/codebook/operations';
import { plural } from '../../shared/codebook/tally';
import type { Codebook } from '../../shared/model';
import type { RendererClient } from '../api/client';

/** What the person asked to change (the dialog asks for the rest). */
export type ChangeRequest =
  | { kind: 'renameLabel' | 'deleteLabel'; label: string }
  | { kind: 'renameAttribute' | 'deleteAttribute'; label: string; attribute: string }
  | { kind: 'renameValue' | 'deleteValue'; label: string; attribute: string; value: string }
  | { kind: 'renameRelationType' | 'deleteRelationType'; name: string };

/** How long typing must pause before the change is counted again, in milliseconds. */
const PREVIEW_DELAY_MS = 200;

export function CodebookChangeDialog({
  request,
  codebook,
  client,
  onApply,
  onClose,
}: {
  request: ChangeRequest;
  codebook: Codebook;
  client: Pick<RendererClient, 'previewCodebookChange'>;
  /** Applies the operations; rejects with a message to show in the dialog. */
  onApply: (operations: CodebookOperation[], confirmDeleteCount?: number) => Promise<void>;
  onClose: () => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const subject = subjectOf(request);
  const targets = mergeTargets(request, codebook);
  const [name, setName] = useState(subject.current);
  const [mode, setMode] = useState<'move' | 'delete'>(targets.length > 0 ? 'move' : 'delete');
  const [target, setTarget] = useState(targets[0] ?? '');
  const [busy, setBusy] = useState(false);
  const [applyError, setApplyError] = useState<string | null>(null);
  const [result, setResult] = useState<{
    key: string;
    preview?: CodebookChangePreview;
    error?: string;
  } | null>(null);

  const renaming = request.kind.startsWith('rename');
  const operation = buildOperation(request, {
    name: name.trim(),
    migrateTo: mode === 'move' ? target : undefined,
  });
  const key = operation ? JSON.stringify(operation) : '';

  // Count what the change would do, once typing pauses. The answer is kept with the operation it
  // belongs to, so a stale answer is never shown for a newer name.
  useEffect(() => {
    if (!operation) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      const answer = await client.previewCodebookChange({ operations: [operation] });
      if (cancelled) return;
      setResult(answer.ok ? { key, preview: answer.value } : { key, error: answer.error.message });
    }, PREVIEW_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // `operation` is rebuilt every render; `key` is its identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key]);

  // Focus goes back where it came from when the dialog closes.
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    return () => opener?.focus();
  }, []);

  const current = result && result.key === key ? result : null;
  const preview = current?.preview;
  const ready = operation !== null && preview !== undefined && preview.blockers.length === 0;

  const apply = async () => {
    if (!operation || !preview || !ready) return;
    setBusy(true);
    setApplyError(null);
    try {
      await onApply([operation], preview.deleteCount > 0 ? preview.deleteCount : undefined);
      onClose();
    } catch (error) {
      setApplyError(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={dialog}
        className="modal codebook-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-count`}
        onKeyDown={(event) => keepFocusInside(event, dialog.current, onClose)}
      >
        <h2 id={`${id}-title`}>
          {renaming ? 'Rename' : 'Delete'} {subject.what} “{subject.current}”
        </h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void apply();
          }}
        >
          {renaming ? (
            <>
              <label htmlFor={`${id}-name`}>New name</label>
              <input
                id={`${id}-name`}
                autoFocus
                value={name}
                onChange={(e) => setName(e.target.value)}
                aria-describedby={`${id}-count`}
              />
            </>
          ) : (
            <DeleteChoice
              id={id}
              request={request}
              targets={targets}
              mode={mode}
              target={target}
              onMode={setMode}
              onTarget={setTarget}
            />
          )}
          <div id={`${id}-count`} className="change-count" aria-live="polite">
            <CountText
              operation={operation}
              renaming={renaming}
              current={current}
              subject={subject.current}
            />
          </div>
          {applyError && (
            <p className="field-problem" role="alert">
              {applyError}
            </p>
          )}
          <div className="modal-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="submit"
              className={!renaming && mode === 'delete' ? 'danger' : 'primary'}
              disabled={!ready || busy}
            >
              {applyLabel(request, mode, preview)}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

function DeleteChoice({
  id,
  request,
  targets,
  mode,
  target,
  onMode,
  onTarget,
}: {
  id: string;
  request: ChangeRequest;
  targets: string[];
  mode: 'move' | 'delete';
  target: string;
  onMode: (mode: 'move' | 'delete') => void;
  onTarget: (target: string) => void;
}) {
  if (request.kind === 'deleteAttribute') {
    return <p>The attribute is removed from the codebook and its values from every annotation.</p>;
  }
  const noun =
    request.kind === 'deleteLabel'
      ? { moved: 'its annotations', to: 'another label', gone: 'Delete its annotations' }
      : request.kind === 'deleteValue'
        ? { moved: 'its annotations', to: 'another value', gone: 'Remove the value from them' }
        : { moved: 'its relations', to: 'another relation type', gone: 'Delete its relations' };
  return (
    <fieldset className="delete-choice">
      <legend>What happens to {noun.moved}?</legend>
      <label className="choice">
        <input
          type="radio"
          name={`${id}-mode`}
          checked={mode === 'move'}
          disabled={targets.length === 0}
          onChange={() => onMode('move')}
          autoFocus={targets.length > 0}
        />
        Move them to {noun.to}
      </label>
      {targets.length > 0 && (
        <select
          aria-label={`Move ${noun.moved} to`}
          value={target}
          disabled={mode !== 'move'}
          onChange={(e) => onTarget(e.target.value)}
        >
          {targets.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      )}
      <label className="choice">
        <input
          type="radio"
          name={`${id}-mode`}
          checked={mode === 'delete'}
          onChange={() => onMode('delete')}
          autoFocus={targets.length === 0}
        />
        {noun.gone}
      </label>
    </fieldset>
  );
}

function CountText({
  operation,
  renaming,
  current,
  subject,
}: {
  operation: CodebookOperation | null;
  renaming: boolean;
  current: { preview?: CodebookChangePreview; error?: string } | null;
  subject: string;
}): ReactNode {
  if (!operation) {
    return <p className="muted">{renaming ? `Type a new name for “${subject}”.` : ''}</p>;
  }
  if (!current) return <p className="muted">Counting the annotations this changes…</p>;
  if (current.error) return <p className="field-problem">{current.error}</p>;
  const preview = current.preview!;
  const effect = preview.effects[0]!;
  const lossy = preview.deleteCount > 0;
  return (
    <>
      <p className={lossy ? 'change-summary lossy' : 'change-summary'}>
        <strong>{preview.summary}</strong>
      </p>
      {preview.earlierRenames.annotations > 0 && (
        <p className="muted">
          {plural(preview.earlierRenames.annotations, 'annotation')} in layers that lagged behind
          earlier renames will catch up too.
        </p>
      )}
      {effect.notes.map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
      {preview.blockers.map((blocker) => (
        <p key={blocker} className="field-problem">
          {blocker}
        </p>
      ))}
      {lossy && <p className="muted">Deleted annotations cannot be brought back with Undo.</p>}
      {!lossy && renaming && <p className="muted">Undo (Ctrl+Z) renames it back.</p>}
    </>
  );
}

function applyLabel(
  request: ChangeRequest,
  mode: 'move' | 'delete',
  preview: CodebookChangePreview | undefined,
): string {
  if (request.kind.startsWith('rename')) return 'Rename';
  if (!preview || preview.deleteCount === 0) {
    return mode === 'move' && request.kind !== 'deleteAttribute' ? 'Move and delete' : 'Delete';
  }
  const { deletedAnnotations, deletedRelations, removedValues } = preview.totals;
  const parts = [
    deletedAnnotations > 0 ? plural(deletedAnnotations, 'annotation') : '',
    deletedRelations > 0 ? plural(deletedRelations, 'relation') : '',
    removedValues > 0 ? plural(removedValues, 'value') : '',
  ].filter(Boolean);
  return `Delete ${parts.join(' and ')}`;
}

function subjectOf(request: ChangeRequest): { what: string; current: string } {
  switch (request.kind) {
    case 'renameLabel':
    case 'deleteLabel':
      return { what: 'label', current: request.label };
    case 'renameAttribute':
    case 'deleteAttribute':
      return { what: 'attribute', current: request.attribute };
    case 'renameValue':
    case 'deleteValue':
      return { what: 'value', current: request.value };
    case 'renameRelationType':
    case 'deleteRelationType':
      return { what: 'relation type', current: request.name };
  }
}

/** What a deleted label, value or relation type can be merged into. */
function mergeTargets(request: ChangeRequest, codebook: Codebook): string[] {
  switch (request.kind) {
    case 'deleteLabel':
      return codebook.labels.map((l) => l.name).filter((n) => n !== request.label);
    case 'deleteValue': {
      const label = codebook.labels.find((l) => l.name === request.label);
      const attribute = label?.attributes.find((a) => a.name === request.attribute);
      return (attribute?.values ?? []).filter((v) => v !== request.value);
    }
    case 'deleteRelationType':
      return codebook.relationTypes.map((t) => t.name).filter((n) => n !== request.name);
    default:
      return [];
  }
}

/** The operation the dialog's fields describe, or null while the new name is not usable yet. */
export function buildOperation(
  request: ChangeRequest,
  input: { name: string; migrateTo?: string },
): CodebookOperation | null {
  const rename = (from: string) => (input.name === '' || input.name === from ? null : input.name);
  switch (request.kind) {
    case 'renameLabel': {
      const to = rename(request.label);
      return to === null ? null : { kind: 'renameLabel', from: request.label, to };
    }
    case 'renameAttribute': {
      const to = rename(request.attribute);
      return to === null
        ? null
        : { kind: 'renameAttribute', label: request.label, from: request.attribute, to };
    }
    case 'renameValue': {
      const to = rename(request.value);
      return to === null
        ? null
        : {
            kind: 'renameValue',
            label: request.label,
            attribute: request.attribute,
            from: request.value,
            to,
          };
    }
    case 'renameRelationType': {
      const to = rename(request.name);
      return to === null ? null : { kind: 'renameRelationType', from: request.name, to };
    }
    case 'deleteLabel':
      return { kind: 'deleteLabel', label: request.label, ...migrate(input) };
    case 'deleteAttribute':
      return { kind: 'deleteAttribute', label: request.label, attribute: request.attribute };
    case 'deleteValue':
      return {
        kind: 'deleteValue',
        label: request.label,
        attribute: request.attribute,
        value: request.value,
        ...migrate(input),
      };
    case 'deleteRelationType':
      return { kind: 'deleteRelationType', name: request.name, ...migrate(input) };
  }
}

function migrate(input: { migrateTo?: string }) {
  return input.migrateTo ? { migrateTo: input.migrateTo } : {};
}

/** Escape closes; Tab and Shift+Tab cycle inside the dialog (it is modal). */
function keepFocusInside(
  event: KeyboardEvent<HTMLDivElement>,
  dialog: HTMLElement | null,
  onClose: () => void,
): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    onClose();
    return;
  }
  if (event.key !== 'Tab' || !dialog) return;
  const focusable = [
    ...dialog.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]'),
  ].filter((el) => !(el as HTMLButtonElement).disabled && el.tabIndex >= 0);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last?.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first?.focus();
  }
}

/**
 * The Codebook screen: the labels (colour, hotkey, guideline, overlap policy, attributes and
 * their values) and the relation types, edited in a draft that is saved as one undoable edit;
 * renames and deletions of saved names through dialogs that show, before anything happens, how
 * many annotations in how many documents change (they migrate every layer of the project); and
 * import/export of the codebook as JSON.
 *
 * After every change the window re-reads the codebook and the document list, so the annotate
 * screen shows the new names and colours.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CodebookOperation } from '../../shared/codebook/operations';
import { codebookProblems } from '../../shared/codebook/validate';
import type { Codebook } from '../../shared/model';
import { isTypingTarget, runKeyAction, type Action } from '../actions/action';
import { isMacPlatform } from '../actions/keys';
import {
  applyCodebookChange,
  saveCodebookEdits,
  type CodebookCommandContext,
} from '../codebook/codebook-commands';
import {
  addLabel,
  addRelationType,
  fromDraft,
  isDirty,
  toDraft,
  type CodebookDraft,
} from '../codebook/codebook-draft';
import { unwrap } from '../commands/span-editor';
import { CodebookChangeDialog, type ChangeRequest } from './CodebookChangeDialog';
import { LabelEditor, RelationTypeEditor } from './CodebookEditors';
import type { WorkbenchView } from './screens';
import './codebook.css';

const IS_MAC = isMacPlatform(navigator.platform);

type Selection = { kind: 'label' | 'relation'; key: string } | null;

interface CodebookScreenContext {
  undo(): Promise<void>;
  redo(): Promise<void>;
}

const codebookActions: Action<CodebookScreenContext>[] = [
  { id: 'undo', title: 'Undo', group: 'Edit', keys: ['Mod+z'], perform: (c) => c.undo() },
  {
    id: 'redo',
    title: 'Redo',
    group: 'Edit',
    keys: ['Shift+Mod+z', 'Mod+y'],
    perform: (c) => c.redo(),
  },
];

export function CodebookScreen({ view }: { view: WorkbenchView }) {
  const { client, history, status, codebook } = view;
  const [base, setBase] = useState<Codebook>(codebook);
  const [draft, setDraft] = useState<CodebookDraft>(() => toDraft(codebook));
  const [selected, setSelected] = useState<Selection>(() =>
    codebook.labels[0] ? { kind: 'label', key: `label:${codebook.labels[0].name}` } : null,
  );
  const [request, setRequest] = useState<ChangeRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const dirty = isDirty(draft, base);
  // A new codebook from the main side (a change here, an undo, an import, our own save) replaces
  // the draft when the draft has no edits of its own; otherwise the draft is kept and the person
  // is told it is out of date.
  if (codebook !== base && (!dirty || !isDirty(draft, codebook))) {
    const next = toDraft(codebook);
    setBase(codebook);
    setDraft(next);
    setSelected(reselect(selected, draft, next));
  }
  const outdated = codebook.revision !== base.revision;
  const edited = useMemo(() => fromDraft(draft, base), [draft, base]);
  const problems = useMemo(() => (dirty ? codebookProblems(edited) : []), [dirty, edited]);

  const { reloadCodebook, refreshDocuments } = view;
  const commands = useMemo<CodebookCommandContext>(
    () => ({
      client,
      history,
      refresh: async () => {
        await reloadCodebook();
        await refreshDocuments();
      },
    }),
    [client, history, reloadCodebook, refreshDocuments],
  );

  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      const entry = await (direction === 'undo' ? history.undo() : history.redo());
      status.info(
        entry
          ? `${direction === 'undo' ? 'Undid' : 'Redid'}: ${entry.description}`
          : `Nothing to ${direction}.`,
      );
    },
    [history, status],
  );

  useEffect(() => {
    const context: CodebookScreenContext = { undo: () => step('undo'), redo: () => step('redo') };
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target) || request) return;
      if (runKeyAction(codebookActions, context, event, IS_MAC, status.error)) {
        event.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, status, request]);

  const save = async () => {
    setBusy(true);
    try {
      const saved = await saveCodebookEdits(commands, base, edited);
      status.info(`Saved the codebook as revision ${saved.revision}. Undo (Ctrl+Z) takes it back.`);
    } catch (error) {
      status.error(error);
    } finally {
      setBusy(false);
    }
  };

  const discard = () => {
    setBase(codebook);
    setDraft(toDraft(codebook));
  };

  const applyChange = async (operations: CodebookOperation[], confirm?: number) => {
    const result = await applyCodebookChange(commands, operations, confirm);
    // Keep the renamed item selected.
    const op = operations[0]!;
    if (op.kind === 'renameLabel') setSelected({ kind: 'label', key: `label:${op.to}` });
    if (op.kind === 'renameRelationType')
      setSelected({ kind: 'relation', key: `relation:${op.to}` });
    status.info(
      `${result.effects.map((e) => e.description).join('; ')}: ${result.summary}` +
        (operations.every((o) => o.kind.startsWith('rename')) ? ' Undo (Ctrl+Z) reverts it.' : ''),
    );
  };

  const importFile = async (list: FileList | null) => {
    const file = list?.[0];
    if (!file) return;
    setBusy(true);
    try {
      const result = unwrap(await client.importCodebook({ content: await file.text() }));
      await commands.refresh();
      status.info(result.summary);
    } catch (error) {
      status.error(error);
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const exportFile = async () => {
    try {
      const result = unwrap(await client.exportCodebook({}));
      const url = URL.createObjectURL(new Blob([result.content], { type: result.mediaType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = result.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      status.info(`Exported ${result.fileName}.`);
    } catch (error) {
      status.error(error);
    }
  };

  const label =
    selected?.kind === 'label' ? draft.labels.find((l) => l.key === selected.key) : undefined;
  const relation =
    selected?.kind === 'relation'
      ? draft.relationTypes.find((t) => t.key === selected.key)
      : undefined;
  const editorProps = { draft, onDraft: setDraft, onRequest: setRequest, locked: dirty };

  return (
    <div className="screen codebook-screen">
      <header className="codebook-head">
        <div className="codebook-title">
          <h1>Codebook</h1>
          <input
            className="codebook-name"
            value={draft.name}
            aria-label="Codebook name"
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
          <span className="muted">revision {base.revision}</span>
        </div>
        <div className="codebook-head-actions">
          <button
            type="button"
            onClick={() => fileInput.current?.click()}
            disabled={busy || dirty}
            title={dirty ? 'Save or discard your edits first.' : undefined}
          >
            Import codebook…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            aria-label="Codebook file to import"
            onChange={(e) => importFile(e.target.files)}
          />
          <button type="button" onClick={exportFile}>
            Export codebook
          </button>
        </div>
      </header>

      <div className="codebook-body">
        <nav className="codebook-items" aria-label="Codebook items">
          <h2 id="codebook-labels-title">Labels</h2>
          <ul aria-labelledby="codebook-labels-title">
            {draft.labels.map((l) => (
              <li key={l.key}>
                <button
                  type="button"
                  className="codebook-item"
                  aria-current={selected?.key === l.key ? 'true' : undefined}
                  onClick={() => setSelected({ kind: 'label', key: l.key })}
                >
                  <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
                  <span className="item-name">{l.name || 'New label'}</span>
                  {l.hotkey && (
                    <kbd className="hotkey" aria-hidden="true" title={`Key ${l.hotkey}`}>
                      {l.hotkey}
                    </kbd>
                  )}
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="add-item"
            onClick={() => {
              const added = addLabel(draft);
              setDraft(added.draft);
              setSelected({ kind: 'label', key: added.key });
            }}
          >
            Add label
          </button>

          <h2 id="codebook-relations-title">Relation types</h2>
          <ul aria-labelledby="codebook-relations-title">
            {draft.relationTypes.map((t) => (
              <li key={t.key}>
                <button
                  type="button"
                  className="codebook-item"
                  aria-current={selected?.key === t.key ? 'true' : undefined}
                  onClick={() => setSelected({ kind: 'relation', key: t.key })}
                >
                  <span className="item-name">{t.name}</span>
                  <span className="item-meta">{relationEnds(draft, t.from, t.to)}</span>
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="add-item"
            onClick={() => {
              const added = addRelationType(draft);
              setDraft(added.draft);
              setSelected({ kind: 'relation', key: added.key });
            }}
          >
            Add relation type
          </button>
        </nav>

        <div className="codebook-detail">
          {label && <LabelEditor key={label.key} label={label} {...editorProps} />}
          {relation && <RelationTypeEditor key={relation.key} type={relation} {...editorProps} />}
          {!label && !relation && (
            <p className="muted codebook-empty">Choose a label or a relation type to edit it.</p>
          )}
        </div>
      </div>

      <footer className={dirty ? 'codebook-savebar dirty' : 'codebook-savebar'}>
        {dirty ? (
          <>
            <div className="savebar-text" role="status">
              <strong>Unsaved edits.</strong>{' '}
              {outdated
                ? `The codebook changed meanwhile (now revision ${codebook.revision}); discard your edits to see it.`
                : 'Renames and deletions are available once they are saved or discarded.'}
              {problems.length > 0 && (
                <ul className="savebar-problems" aria-label="Problems to fix before saving">
                  {problems.slice(0, 4).map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              )}
            </div>
            <button type="button" onClick={discard} disabled={busy}>
              Discard edits
            </button>
            <button
              type="button"
              className="primary"
              onClick={save}
              disabled={busy || problems.length > 0}
            >
              Save codebook
            </button>
          </>
        ) : (
          <p className="savebar-text muted">
            Edits to colours, hotkeys, guidelines, attributes and relation ends are saved together.
            Renames and deletions show how many annotations change before they migrate every
            annotator’s layer.
          </p>
        )}
      </footer>

      {request && (
        <CodebookChangeDialog
          request={request}
          codebook={base}
          client={client}
          onApply={applyChange}
          onClose={() => setRequest(null)}
        />
      )}
    </div>
  );
}

/** The same item in a new draft, found by key or else by name; the first label otherwise. */
function reselect(selected: Selection, before: CodebookDraft, after: CodebookDraft): Selection {
  if (!selected) return null;
  const list = selected.kind === 'label' ? after.labels : after.relationTypes;
  if (list.some((item) => item.key === selected.key)) return selected;
  const old = (selected.kind === 'label' ? before.labels : before.relationTypes).find(
    (item) => item.key === selected.key,
  );
  const found = old && list.find((item) => item.name === old.name);
  if (found) return { kind: selected.kind, key: found.key };
  return after.labels[0] ? { kind: 'label', key: after.labels[0].key } : null;
}

function relationEnds(draft: CodebookDraft, from: readonly string[], to: readonly string[]) {
  const name = (key: string) => draft.labels.find((l) => l.key === key)?.name ?? '?';
  return `${from.map(name).join(', ') || '—'} → ${to.map(name).join(', ') || '—'}`;
}

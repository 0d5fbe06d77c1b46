/**
 * One open document: the label palette, the ProseMirror viewer (which owns the text DOM; React
 * never renders the text) and the side panel of the selected span. Every key press goes through
 * the document actions (../actions/document-actions.ts).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { DocumentSummary } from '../../shared/api';
import type { Codebook, DocStatus, DocumentRecord } from '../../shared/model';
import type { RendererClient } from '../api/client';
import { isTypingTarget, runAction, runKeyAction } from '../actions/action';
import { documentActions, type DocumentContext } from '../actions/document-actions';
import { isMacPlatform } from '../actions/keys';
import type { History } from '../commands/history';
import { SpanEditor, unwrap } from '../commands/span-editor';
import type { CodingPreferences } from '../coding/coding-preferences';
import { useCodingTools, type PaletteCommand } from '../coding/use-coding-tools';
import { DocumentViewer } from '../viewer/document-viewer';
import { DocumentProgress } from './DocumentProgress';
import { LabelPalette } from './LabelPalette';
import { SpanPanel } from './SpanPanel';
import { SpanSectionContext } from './span-section-context';
import type { Status } from './status';
import { useStatements } from './use-statements';

const IS_MAC = isMacPlatform(navigator.platform);

interface Selected {
  /** Spans at the clicked place, innermost first (one when reached by keyboard). */
  ids: string[];
  current: string;
}

export function DocumentPane({
  client,
  docId,
  annotator,
  codebook,
  history,
  status,
  onCountChange,
  coding,
  focusSpan,
  commands,
  onSummary,
}: {
  client: RendererClient;
  docId: string;
  annotator: string;
  codebook: Codebook;
  history: History;
  status: Status;
  onCountChange: (docId: string, count: number) => void;
  /** Sticky label and word snapping, kept by the annotate screen across documents. */
  coding: CodingPreferences;
  /** A span to select and scroll to once the document is open (from the annotation list). */
  focusSpan: string | null;
  /** The window's commands for the command palette (open a document, go to a screen). */
  commands: readonly PaletteCommand[];
  /** The document's status or memo changed: its summary as saved. */
  onSummary: (summary: DocumentSummary) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [viewer, setViewer] = useState<DocumentViewer | null>(null);
  const [doc, setDoc] = useState<DocumentRecord | null>(null);
  const [editor, setEditor] = useState<SpanEditor | null>(null);
  const [hasSelection, setHasSelection] = useState(false);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [revision, setRevision] = useState(0);
  const [progress, setProgress] = useState<{ status: DocStatus; memo: string } | null>(null);

  // Load the document and this annotator's layer, then mount the viewer.
  useEffect(() => {
    let cancelled = false;
    let view: DocumentViewer | null = null;
    let spans: SpanEditor | null = null;
    (async () => {
      try {
        const document = unwrap(await client.getDocument({ id: docId }));
        const layer = unwrap(await client.getLayer({ doc: docId }));
        if (cancelled || !host.current) return;
        const editor = new SpanEditor({
          client,
          history,
          docId,
          text: document.text,
          annotator,
          annotations: layer.annotations,
          relations: layer.relations,
          onChange: () => {
            setRevision((r) => r + 1);
            onCountChange(docId, editor.size);
          },
        });
        view = new DocumentViewer(host.current, {
          document,
          codebook,
          annotations: layer.annotations,
          onSelectionChange: (range) => setHasSelection(range !== null && range.end > range.start),
          onSpanClick: (ids) => {
            if (ids.length > 0) setSelected({ ids, current: ids[0]! });
          },
        });
        editor.attach(view);
        setViewer(view);
        setDoc(document);
        spans = editor;
        setEditor(editor);
        setProgress({ status: layer.status, memo: layer.memo });
        // A span chosen elsewhere (the annotation list): select it, then bring it into view
        // once the side panel has taken its room.
        if (focusSpan !== null) {
          if (spans.get(focusSpan)) {
            setSelected({ ids: [focusSpan], current: focusSpan });
            requestAnimationFrame(() => {
              if (!cancelled) view?.scrollToSpan(focusSpan);
            });
          } else {
            status.info('That span is not in your layer of this document (any more).');
          }
        }
      } catch (error) {
        status.error(error);
      }
    })();
    return () => {
      cancelled = true;
      // Undo may still reach this document's commands after it is closed: they then change the
      // files only, not a destroyed view.
      spans?.attach(null);
      view?.destroy();
    };
    // The pane is keyed by document: everything else is stable for its lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docId]);

  // Derived, not stored: a span deleted by undo (or in another way) leaves the panel by itself.
  const current = selected && editor ? editor.get(selected.current) : undefined;

  useEffect(() => {
    viewer?.setSelectedSpan(current?.id ?? null);
  }, [viewer, current?.id]);

  const statements = useStatements({
    viewer,
    editor,
    codebook,
    status,
    selected: current,
    selectSpan: (id) => setSelected({ ids: [id], current: id }),
    revision,
  });

  const tagSelection = useCallback(
    (label: string) => {
      if (!viewer || !editor) return;
      const range = viewer.getSelection();
      if (!range || range.end <= range.start) {
        status.info('Select some text first, then choose a label.');
        return;
      }
      viewer.clearSelection();
      setHasSelection(false);
      const tagged = editor.tag(label, range.start, range.end);
      // The new span is selected at once (with its highlight, before the write is acknowledged,
      // so the panel never opens under a pointer that has moved on): its attributes and links
      // are one key away (A, R).
      setSelected({ ids: [tagged.id], current: tagged.id });
      tagged.then(
        (saved) => status.info(`Tagged “${saved.quote}” as ${label}.`),
        (error: unknown) => status.error(error),
      );
    },
    [viewer, editor, status],
  );

  const tools = useCodingTools({
    viewer,
    text: doc?.text ?? '',
    coding,
    tagSelection,
    status,
    isMac: IS_MAC,
  });

  const actions = useMemo(() => documentActions(codebook), [codebook]);

  const sectionServices = useMemo(
    () => (editor ? { client, editor, history, status } : null),
    [client, editor, history, status],
  );

  const context = useMemo<DocumentContext | null>(
    () =>
      viewer && editor
        ? {
            client,
            codebook,
            editor,
            viewer,
            history,
            status,
            selectedSpan: current?.id ?? null,
            selectSpan: (id) => setSelected(id === null ? null : { ids: [id], current: id }),
            textSelection: () => {
              const range = viewer.getSelection();
              return range && range.end > range.start ? range : null;
            },
            tagSelection,
            openRelationPicker: statements.openRelationPicker,
            focusAttributes: statements.focusAttributes,
            ...tools.fields,
          }
        : null,
    [
      client,
      codebook,
      editor,
      viewer,
      history,
      status,
      current?.id,
      tagSelection,
      statements.openRelationPicker,
      statements.focusAttributes,
      tools.fields,
    ],
  );

  useEffect(() => {
    if (!context) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if (runKeyAction(actions, context, event, IS_MAC, status.error)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, context, status]);

  const run = (id: string) => {
    const action = actions.find((a) => a.id === id);
    if (action && context) runAction(action, context, status.error);
  };

  return (
    <div className="docpane-with-panel">
      <main className="docpane" aria-label={doc ? doc.title : 'Document'}>
        <LabelPalette
          labels={codebook.labels}
          hasSelection={hasSelection}
          onPick={tagSelection}
          sticky={coding.stickyLabel}
          onSticky={tools.fields.setStickyLabel}
          snapToWords={coding.snapToWords}
          onSnapToWords={coding.setSnapToWords}
        />
        {doc && (
          <DocumentHeader doc={doc} count={editor?.size ?? 0}>
            {progress && (
              <DocumentProgress
                client={client}
                docId={docId}
                spanCount={editor?.size ?? 0}
                initialStatus={progress.status}
                initialMemo={progress.memo}
                status={status}
                onSaved={onSummary}
              />
            )}
          </DocumentHeader>
        )}
        <div className="viewer-scroll">
          <div ref={host} className="viewer-host" onMouseUp={tools.onMouseUp} />
        </div>
        {statements.picker}
      </main>
      {selected && current && editor ? (
        <SpanSectionContext.Provider value={sectionServices}>
          <SpanPanel
            codebook={codebook}
            annotation={current}
            siblings={selected.ids.map((id) => editor.get(id)).filter((a) => a !== undefined)}
            onChoose={(id) => setSelected({ ...selected, current: id })}
            onRelabel={(label) => editor.relabel(current.id, label).catch(status.error)}
            onAttribute={(name, value) =>
              editor.setAttribute(current.id, name, value).catch(status.error)
            }
            missing={statements.missing.get(current.id) ?? []}
            onLeave={statements.focusText}
            onDelete={() => run('delete-span')}
            onClose={() => setSelected(null)}
          >
            {statements.section(current)}
          </SpanPanel>
        </SpanSectionContext.Provider>
      ) : (
        // The panel's room is kept while no span is chosen, so the text never reflows under the
        // pointer when the first span is tagged or chosen.
        <aside className="span-panel span-panel-empty" aria-label="Span details">
          <p>Click a highlight, or tag a selection, to see its label, attributes and links here.</p>
        </aside>
      )}
      {tools.renderOverlay(actions, context, commands)}
    </div>
  );
}

function DocumentHeader({
  doc,
  count,
  children,
}: {
  doc: DocumentRecord;
  count: number;
  /** The annotator's status and memo controls. */
  children?: ReactNode;
}) {
  const details = Object.entries(doc.meta).filter(([key]) => key !== 'title');
  return (
    <div className="doc-header">
      <span className="doc-id">{doc.id}</span>
      {details.map(([key, value]) => (
        <span key={key} className="doc-meta-item">
          {key.replace(/_/g, ' ')}: {value}
        </span>
      ))}
      <span className="doc-count">
        {count} {count === 1 ? 'span' : 'spans'}
      </span>
      {children}
    </div>
  );
}

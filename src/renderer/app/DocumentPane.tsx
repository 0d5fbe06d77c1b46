/**
 * One open document: the label palette, the ProseMirror viewer (which owns the text DOM; React
 * never renders the text) and the popover of a clicked span. Keys: a label's hotkey tags the
 * selection; Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z undo and redo; Delete removes the chosen span.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkbenchClient } from '../../shared/api';
import type { Codebook, DocumentRecord } from '../../shared/model';
import type { History } from '../commands/history';
import { SpanEditor, unwrap } from '../commands/span-editor';
import { DocumentViewer } from '../viewer/document-viewer';
import { LabelPalette } from './LabelPalette';
import { SpanPopover } from './SpanPopover';
import type { Status } from './status';

interface OpenSpans {
  ids: string[];
  current: string;
  anchor: { left: number; top: number; bottom: number };
}

export function DocumentPane({
  client,
  docId,
  annotator,
  codebook,
  history,
  status,
  onCountChange,
}: {
  client: WorkbenchClient;
  docId: string;
  annotator: string;
  codebook: Codebook;
  history: History;
  status: Status;
  onCountChange: (docId: string, count: number) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const viewer = useRef<DocumentViewer | null>(null);
  const [doc, setDoc] = useState<DocumentRecord | null>(null);
  const [editor, setEditor] = useState<SpanEditor | null>(null);
  const [hasSelection, setHasSelection] = useState(false);
  const [open, setOpen] = useState<OpenSpans | null>(null);
  const [, setRevision] = useState(0);

  // Load the document and this annotator's layer, then mount the viewer.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const document = unwrap(await client.getDocument({ id: docId }));
        const layer = unwrap(await client.getLayer({ doc: docId }));
        if (cancelled || !host.current) return;
        const spans = new SpanEditor({
          client,
          history,
          docId,
          text: document.text,
          annotator,
          annotations: layer.annotations,
          onChange: () => {
            setRevision((r) => r + 1);
            onCountChange(docId, spans.size);
          },
        });
        const view = new DocumentViewer(host.current, {
          document,
          codebook,
          annotations: layer.annotations,
          onSelectionChange: (range) => setHasSelection(range !== null && range.end > range.start),
          onSpanClick: (ids, rect) => {
            if (ids.length === 0) return;
            view.setSelectedSpan(ids[0]!);
            setOpen({
              ids,
              current: ids[0]!,
              anchor: { left: rect.left, top: rect.top, bottom: rect.bottom },
            });
          },
        });
        spans.attach(view);
        viewer.current = view;
        setDoc(document);
        setEditor(spans);
      } catch (error) {
        status.error(error);
      }
    })();
    return () => {
      cancelled = true;
      viewer.current?.destroy();
      viewer.current = null;
    };
    // The pane is keyed by document: everything else is stable for its lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docId]);

  const tagSelection = useCallback(
    (label: string) => {
      const view = viewer.current;
      if (!view || !editor) return;
      const range = view.getSelection();
      if (!range || range.end <= range.start) {
        status.info('Select some text first, then choose a label.');
        return;
      }
      view.clearSelection();
      setHasSelection(false);
      editor.tag(label, range.start, range.end).then(
        (saved) => status.info(`Tagged “${saved.quote}” as ${label}.`),
        (error: unknown) => status.error(error),
      );
    },
    [editor, status],
  );

  const closePopover = useCallback(() => {
    setOpen(null);
    viewer.current?.setSelectedSpan(null);
  }, []);

  useEffect(() => {
    const hotkeys = new Map(codebook.labels.filter((l) => l.hotkey).map((l) => [l.hotkey, l.name]));
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        const step = event.shiftKey ? history.redo() : history.undo();
        step.then(
          (entry) => entry && status.info(`${event.shiftKey ? 'Redid' : 'Undid'}: ${entry.description}`),
          (error: unknown) => status.error(error),
        );
        return;
      }
      if (mod && event.key.toLowerCase() === 'y') {
        event.preventDefault();
        history.redo().catch((error: unknown) => status.error(error));
        return;
      }
      if (mod || event.altKey) return;
      if (event.key === 'Escape') {
        closePopover();
        return;
      }
      if ((event.key === 'Delete' || event.key === 'Backspace') && open && editor) {
        event.preventDefault();
        const id = open.current;
        closePopover();
        editor.remove(id).catch((error: unknown) => status.error(error));
        return;
      }
      const label = hotkeys.get(event.key);
      if (label) {
        event.preventDefault();
        tagSelection(label);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [codebook, history, status, tagSelection, open, editor, closePopover]);

  const current = open && editor ? editor.get(open.current) : undefined;

  return (
    <main className="docpane" aria-label={doc ? doc.title : 'Document'}>
      <LabelPalette labels={codebook.labels} hasSelection={hasSelection} onPick={tagSelection} />
      {doc && <DocumentHeader doc={doc} count={editor?.size ?? 0} />}
      <div className="viewer-scroll">
        <div ref={host} className="viewer-host" />
      </div>
      {open && current && editor && (
        <SpanPopover
          codebook={codebook}
          annotation={current}
          siblings={open.ids.map((id) => editor.get(id)).filter((a) => a !== undefined)}
          anchor={open.anchor}
          onChoose={(id) => {
            viewer.current?.setSelectedSpan(id);
            setOpen({ ...open, current: id });
          }}
          onRelabel={(label) => editor.relabel(current.id, label).catch((e: unknown) => status.error(e))}
          onAttribute={(name, value) =>
            editor.setAttribute(current.id, name, value).catch((e: unknown) => status.error(e))
          }
          onDelete={() => {
            closePopover();
            editor.remove(current.id).then(
              () => status.info(`Deleted the ${current.label} span.`),
              (e: unknown) => status.error(e),
            );
          }}
          onClose={closePopover}
        />
      )}
    </main>
  );
}

function DocumentHeader({ doc, count }: { doc: DocumentRecord; count: number }) {
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
    </div>
  );
}

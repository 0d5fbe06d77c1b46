/** The top bar: which project and who, and the project-wide commands (import, export, undo). */
import { useEffect, useRef, useState } from 'react';
import type { DocumentSummary, ProjectInfo } from '../../shared/api';
import type { Codebook } from '../../shared/model';
import type { RendererClient } from '../api/client';
import type { History } from '../commands/history';
import { unwrap } from '../commands/span-editor';
import { ExportDialog } from './ExportDialog';
import { ImportAnnotationsDialog } from './ImportAnnotationsDialog';
import type { Status } from './status';

/** Large enough for any news article; the service applies its own, stricter checks. */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export function ProjectBar({
  client,
  project,
  codebook,
  documents,
  openDoc,
  history,
  status,
  onImported,
}: {
  client: RendererClient;
  project: ProjectInfo;
  codebook: Codebook;
  documents: readonly DocumentSummary[];
  /** The document open on the annotate screen: the Export dialog's first choice of documents. */
  openDoc: string | null;
  history: History;
  status: Status;
  /** Documents or annotations came in: the document list (counts) must be read again. */
  onImported: () => Promise<void>;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<'export' | 'import-annotations' | null>(null);

  // The desktop menu's File → Export… and Import Annotations… open the same dialogs.
  useEffect(
    () =>
      client.onMenuCommand((command) => {
        if (command === 'export' || command === 'import-annotations') setDialog(command);
      }),
    [client],
  );

  const importFiles = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setBusy(true);
    try {
      const files = [];
      const tooBig: string[] = [];
      for (const file of Array.from(list)) {
        if (file.size > MAX_IMPORT_BYTES) tooBig.push(file.name);
        else files.push({ name: file.name, content: await file.text() });
      }
      const report =
        files.length > 0
          ? unwrap(await client.importDocuments({ files }))
          : { imported: [], rejected: [] };
      const rejected = [
        ...tooBig.map((f) => `${f}: larger than 20 MB`),
        ...report.rejected.map((r) => `${r.file}: ${r.message}`),
      ];
      await onImported();
      const summary = `Imported ${report.imported.length} article(s).`;
      if (rejected.length > 0) status.error(`${summary} Not imported — ${rejected.join('; ')}`);
      else status.info(summary);
    } catch (error) {
      status.error(error);
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const step = async (direction: 'undo' | 'redo') => {
    try {
      const entry = await (direction === 'undo' ? history.undo() : history.redo());
      status.info(
        entry
          ? `${direction === 'undo' ? 'Undid' : 'Redid'}: ${entry.description}`
          : `Nothing to ${direction}.`,
      );
    } catch (error) {
      status.error(error);
    }
  };

  return (
    <header className="projectbar">
      <div className="brand">
        <span className="app-name">Annotation Workbench</span>
        <span className="project-name" title={project.path}>
          {project.name}
        </span>
      </div>
      <div className="projectbar-actions">
        <button type="button" onClick={() => step('undo')} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={() => step('redo')} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
        <button type="button" onClick={() => fileInput.current?.click()} disabled={busy}>
          Import articles…
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept=".txt,.md,.markdown,.html,.htm,.json,.jsonl,text/plain,text/markdown,text/html"
          hidden
          aria-label="Articles to import"
          onChange={(e) => importFiles(e.target.files)}
        />
        <button
          type="button"
          aria-haspopup="dialog"
          onClick={() => setDialog('import-annotations')}
          disabled={busy || project.annotator === null}
        >
          Import annotations…
        </button>
        <button
          type="button"
          aria-haspopup="dialog"
          onClick={() => setDialog('export')}
          disabled={busy || project.annotator === null}
        >
          Export…
        </button>
        {project.annotator && (
          <span className="annotator" title="Your annotations are stored under this name">
            Annotator: <strong>{project.annotator}</strong>
          </span>
        )}
      </div>
      {dialog === 'export' && project.annotator !== null && (
        <ExportDialog
          client={client}
          project={project}
          annotator={project.annotator}
          codebook={codebook}
          documents={documents}
          openDoc={openDoc}
          onClose={(message) => {
            setDialog(null);
            if (message) status.info(message);
          }}
        />
      )}
      {dialog === 'import-annotations' && project.annotator !== null && (
        <ImportAnnotationsDialog
          client={client}
          annotator={project.annotator}
          onClose={(imported, message) => {
            setDialog(null);
            if (message) status.info(message);
            if (imported) onImported().catch((error: unknown) => status.error(error));
          }}
        />
      )}
    </header>
  );
}

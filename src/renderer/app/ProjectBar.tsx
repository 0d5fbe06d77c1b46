/** The top bar: which project and who, and the project-wide commands (import, export, undo). */
import { useRef, useState } from 'react';
import type { ProjectInfo, WorkbenchClient } from '../../shared/api';
import type { History } from '../commands/history';
import { unwrap } from '../commands/span-editor';
import type { Status } from './status';

/** Large enough for any news article; the service applies its own, stricter checks. */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export function ProjectBar({
  client,
  project,
  history,
  status,
  onImported,
}: {
  client: WorkbenchClient;
  project: ProjectInfo;
  history: History;
  status: Status;
  onImported: () => Promise<void>;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

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

  const exportJson = async () => {
    setBusy(true);
    try {
      const result = unwrap(await client.exportDataset({ format: 'json' }));
      const url = URL.createObjectURL(new Blob([result.content], { type: result.mediaType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = result.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      status.info(`Exported ${result.fileName}.`);
    } catch (error) {
      status.error(error);
    } finally {
      setBusy(false);
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
        <button type="button" onClick={exportJson} disabled={busy}>
          Export JSON
        </button>
        {project.annotator && (
          <span className="annotator" title="Your annotations are stored under this name">
            Annotator: <strong>{project.annotator}</strong>
          </span>
        )}
      </div>
    </header>
  );
}

/**
 * Import annotations…: choose files (a workbench JSON export, spaCy/Prodigy JSONL, W3C Web
 * Annotation, brat .ann files with their .txt), choose whose layer they go into, import, and read
 * what each file did — spans added, spans already there — or why it was refused (a file is
 * imported whole or not at all). The format is found from each file's name and content on the
 * main side.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { AnnotationImportReport } from '../../shared/api';
import type { RendererClient } from '../api/client';
import { unwrap } from '../commands/span-editor';
import { importHeadline, importLines } from './transfer-messages';
import './transfer-dialogs.css';

/** Large enough for any annotation file of a news corpus; the server has its own limit. */
const MAX_FILE_BYTES = 40 * 1024 * 1024;

export function ImportAnnotationsDialog({
  client,
  annotator,
  onClose,
}: {
  client: RendererClient;
  annotator: string;
  /** `imported` is true when some file was imported (document counts may have changed). */
  onClose: (imported: boolean, message?: string) => void;
}) {
  const ids = useId();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [mine, setMine] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<AnnotationImportReport | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (files.length === 0) {
      setProblem('Choose one or more files first.');
      return;
    }
    const tooBig = files.find((f) => f.size > MAX_FILE_BYTES);
    if (tooBig) {
      setProblem(
        `${tooBig.name} is larger than 40 MB; import it with the command line (import-annotations).`,
      );
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const contents = await Promise.all(
        files.map(async (f) => ({ name: f.name, content: await f.text() })),
      );
      setReport(
        unwrap(await client.importAnnotations({ files: contents, ...(mine && { annotator }) })),
      );
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const imported = report?.files.some((f) => f.ok) ?? false;
  const finish = () => onClose(imported, report ? importHeadline(report) : undefined);

  return (
    <div className="modal-backdrop">
      <form
        className="modal transfer-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !busy) {
            e.preventDefault();
            e.stopPropagation();
            finish();
          }
        }}
      >
        <h2 id={`${ids}-title`}>Import annotations</h2>
        {report ? (
          <>
            <p role="status">{importHeadline(report)}</p>
            <ul className="transfer-report" aria-label="Imported files">
              {importLines(report).map((f) => (
                <li key={f.file} className={f.ok ? 'imported' : 'refused'}>
                  <strong>
                    {f.ok ? 'Imported' : 'Refused'}: {f.file}
                  </strong>
                  <ul>
                    {f.lines.map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
            <div className="modal-actions">
              <button type="button" className="primary" autoFocus onClick={finish}>
                Close
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="transfer-choice-hint">
              A workbench JSON export, spaCy/Prodigy .jsonl, W3C Web Annotation .jsonld, or brat
              .ann files together with their .txt. Spans already in a layer are not added twice.
            </p>
            <div className="transfer-files">
              <button
                type="button"
                autoFocus
                onClick={() => input.current?.click()}
                disabled={busy}
              >
                Choose files…
              </button>
              <input
                ref={input}
                type="file"
                multiple
                hidden
                accept=".json,.jsonl,.ndjson,.jsonld,.ann,.txt"
                aria-label="Annotation files to import"
                onChange={(e) => {
                  setFiles(Array.from(e.target.files ?? []));
                  setProblem(null);
                }}
              />
              <span className="muted" aria-live="polite">
                {files.length === 0 ? 'No files chosen' : files.map((f) => f.name).join(', ')}
              </span>
            </div>
            <fieldset disabled={busy}>
              <legend>Into whose layer</legend>
              <label className="transfer-choice">
                <input
                  type="radio"
                  name={`${ids}-into`}
                  checked={!mine}
                  onChange={() => setMine(false)}
                />
                <span>
                  The annotators the files name
                  <span className="muted"> (yours when a file names nobody)</span>
                </span>
              </label>
              <label className="transfer-choice">
                <input
                  type="radio"
                  name={`${ids}-into`}
                  checked={mine}
                  onChange={() => setMine(true)}
                />
                <span>My layer ({annotator})</span>
              </label>
            </fieldset>
            {problem && (
              <p className="field-problem" role="alert">
                {problem}
              </p>
            )}
            <div className="modal-actions">
              <button type="button" onClick={() => onClose(false)} disabled={busy}>
                Cancel
              </button>
              <button type="submit" className="primary" disabled={busy}>
                {busy ? 'Importing…' : 'Import'}
              </button>
            </div>
          </>
        )}
      </form>
    </div>
  );
}

/**
 * Export…: choose a format (each with what it is for), whose layers (mine, every annotator's,
 * the curated gold layer), which documents, and for CoNLL which labels; then the export runs on
 * the main side as a job whose progress this dialog polls, and the result is saved — downloaded
 * in the browser (a folder format as one .zip), written where the person chooses in the desktop
 * app (the main process shows the save dialog and writes the file or folder).
 *
 * Colleagues' layers and the gold layer can be exported only once review is open (blind coding:
 * the same rule as the Review screen).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type {
  DocumentSummary,
  ExportFormat,
  ExportJob,
  ExportLayers,
  ExportSummary,
  ProjectInfo,
} from '../../shared/api';
import { EXPORT_FORMATS, exportFormatInfo } from '../../shared/formats/export-formats';
import type { Codebook } from '../../shared/model';
import type { RendererClient } from '../api/client';
import { unwrap } from '../commands/span-editor';
import { downloadExport } from './download-export';
import { progressText, summaryText } from './transfer-messages';
import './transfer-dialogs.css';

/** How often the dialog asks how far the export got. */
const POLL_MS = 150;

type Scope = ExportLayers['kind'];

type Stage =
  | { kind: 'choose'; problem?: string }
  | { kind: 'running'; job: ExportJob }
  | { kind: 'done'; summary: ExportSummary; savedAs: string };

export function ExportDialog({
  client,
  project,
  annotator,
  codebook,
  documents,
  openDoc,
  onClose,
}: {
  client: RendererClient;
  project: ProjectInfo;
  annotator: string;
  codebook: Codebook;
  documents: readonly DocumentSummary[];
  openDoc: string | null;
  onClose: (message?: string) => void;
}) {
  const ids = useId();
  const [format, setFormat] = useState<ExportFormat>('json');
  const [scope, setScope] = useState<Scope>('annotator');
  const [reviewOpen, setReviewOpen] = useState(false);
  const [allDocs, setAllDocs] = useState(true);
  const [chosenDocs, setChosenDocs] = useState<ReadonlySet<string>>(
    () => new Set(openDoc ? [openDoc] : []),
  );
  const [labels, setLabels] = useState<ReadonlySet<string>>(
    () => new Set(codebook.labels.map((l) => l.name)),
  );
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  /** Set when the dialog goes away: polling stops, and a running export is cancelled. */
  const gone = useRef(false);
  const jobRef = useRef<string | null>(null);
  const running = stage.kind === 'running' ? stage.job.job : null;

  useEffect(() => {
    let live = true;
    client.getReviewState({}).then((r) => live && r.ok && setReviewOpen(r.value.open));
    return () => {
      live = false;
    };
  }, [client]);

  useEffect(() => {
    gone.current = false;
    return () => {
      gone.current = true;
      if (jobRef.current !== null) void client.cancelExport({ job: jobRef.current });
      jobRef.current = null;
    };
  }, [client]);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const layers: ExportLayers =
      scope === 'annotator' ? { kind: 'annotator', annotator } : { kind: scope };
    const docs = allDocs
      ? undefined
      : documents.filter((d) => chosenDocs.has(d.id)).map((d) => d.id);
    if (docs?.length === 0) {
      setStage({ kind: 'choose', problem: 'Choose at least one document, or export all of them.' });
      return;
    }
    if (format === 'conll' && labels.size === 0) {
      setStage({ kind: 'choose', problem: 'Choose at least one label for CoNLL.' });
      return;
    }
    try {
      let job = unwrap(
        await client.startExport({
          format,
          layers,
          ...(docs && { docs }),
          ...(format === 'conll' && { labels: [...labels] }),
        }),
      );
      jobRef.current = job.job;
      setStage({ kind: 'running', job });
      while (job.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        if (gone.current) return;
        job = unwrap(await client.exportProgress({ job: job.job }));
        setStage({ kind: 'running', job });
      }
      jobRef.current = null;
      const savedAs =
        project.shell === 'electron'
          ? unwrap(await client.saveExport({ job: job.job })).path
          : downloadExport(unwrap(await client.takeExport({ job: job.job })), new Date());
      if (gone.current) return;
      if (savedAs === undefined) {
        setStage({ kind: 'choose' }); // the save dialog was cancelled: choose again
        return;
      }
      setStage({ kind: 'done', summary: job.summary!, savedAs });
    } catch (error) {
      jobRef.current = null;
      if (!gone.current) setStage({ kind: 'choose', problem: (error as Error).message });
    }
  };

  const info = exportFormatInfo(format);
  const scopes: Array<{ id: Scope; title: string; hint?: string }> = [
    { id: 'annotator', title: `My layer (${annotator})` },
    { id: 'all', title: 'All annotators', hint: reviewOpen ? undefined : 'open review first' },
    {
      id: 'curated',
      title: 'Curated (gold) layer',
      hint: reviewOpen ? undefined : 'open review first',
    },
  ];

  return (
    <div className="modal-backdrop">
      <form
        className="modal transfer-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        onSubmit={start}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id={`${ids}-title`}>Export</h2>
        {stage.kind === 'done' ? (
          <div className="transfer-result">
            <progress value={1} max={1} aria-label="Export progress" />
            <p role="status">
              Exported {summaryText(stage.summary)} to <strong>{stage.savedAs}</strong>.
            </p>
            {stage.summary.notes.length > 0 && (
              <ul className="transfer-notes">
                {stage.summary.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            )}
            <div className="modal-actions">
              <button
                type="button"
                className="primary"
                autoFocus
                onClick={() => onClose(`Exported ${stage.savedAs}.`)}
              >
                Close
              </button>
            </div>
          </div>
        ) : (
          <>
            <fieldset className="transfer-formats" disabled={running !== null}>
              <legend>Format</legend>
              {EXPORT_FORMATS.map((f) => (
                <label key={f.id} className="transfer-choice">
                  <input
                    type="radio"
                    name={`${ids}-format`}
                    value={f.id}
                    checked={format === f.id}
                    autoFocus={f.id === format}
                    onChange={() => setFormat(f.id)}
                    aria-describedby={`${ids}-${f.id}`}
                  />
                  <span className="transfer-choice-text">
                    <span className="transfer-choice-title">
                      {f.title}
                      <span className="muted">
                        {f.output === 'folder' ? ' · folder' : ` · .${f.extension}`}
                      </span>
                    </span>
                    <span id={`${ids}-${f.id}`} className="transfer-choice-hint">
                      {f.description}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
            <div className="transfer-columns">
              <fieldset disabled={running !== null}>
                <legend>Layers</legend>
                {scopes.map((s) => (
                  <label key={s.id} className="transfer-choice">
                    <input
                      type="radio"
                      name={`${ids}-scope`}
                      checked={scope === s.id}
                      disabled={s.hint !== undefined}
                      onChange={() => setScope(s.id)}
                    />
                    <span>
                      {s.title}
                      {s.hint && <span className="muted"> ({s.hint})</span>}
                    </span>
                  </label>
                ))}
              </fieldset>
              <fieldset disabled={running !== null}>
                <legend>Documents</legend>
                <label className="transfer-choice">
                  <input
                    type="radio"
                    name={`${ids}-docs`}
                    checked={allDocs}
                    onChange={() => setAllDocs(true)}
                  />
                  <span>All ({documents.length})</span>
                </label>
                <label className="transfer-choice">
                  <input
                    type="radio"
                    name={`${ids}-docs`}
                    checked={!allDocs}
                    onChange={() => setAllDocs(false)}
                  />
                  <span>Chosen ({chosenDocs.size})</span>
                </label>
              </fieldset>
            </div>
            {!allDocs && (
              <fieldset className="transfer-list" disabled={running !== null}>
                <legend>Documents to export</legend>
                {documents.map((d) => (
                  <label key={d.id} className="transfer-choice">
                    <input
                      type="checkbox"
                      checked={chosenDocs.has(d.id)}
                      onChange={(e) => setChosenDocs(toggled(chosenDocs, d.id, e.target.checked))}
                    />
                    <span>{d.title}</span>
                  </label>
                ))}
              </fieldset>
            )}
            {format === 'conll' && (
              <fieldset className="transfer-labels" disabled={running !== null}>
                <legend>CoNLL labels (spans of other labels are left out)</legend>
                {codebook.labels.map((l) => (
                  <label key={l.name} className="transfer-choice">
                    <input
                      type="checkbox"
                      checked={labels.has(l.name)}
                      onChange={(e) => setLabels(toggled(labels, l.name, e.target.checked))}
                    />
                    <span>{l.name}</span>
                  </label>
                ))}
              </fieldset>
            )}
            {stage.kind === 'running' && (
              <div className="transfer-progress">
                <progress
                  value={stage.job.done}
                  max={Math.max(stage.job.total, 1)}
                  aria-label="Export progress"
                  aria-valuetext={progressText(stage.job, format)}
                />
                <span aria-live="polite">{progressText(stage.job, format)}</span>
              </div>
            )}
            {stage.kind === 'choose' && stage.problem && (
              <p className="field-problem" role="alert">
                {stage.problem}
              </p>
            )}
            <div className="modal-actions">
              <button type="button" onClick={() => onClose()}>
                Cancel
              </button>
              <button type="submit" className="primary" disabled={running !== null}>
                {info.output === 'folder'
                  ? project.shell === 'electron'
                    ? 'Export folder…'
                    : 'Export .zip'
                  : project.shell === 'electron'
                    ? 'Export file…'
                    : 'Export'}
              </button>
            </div>
          </>
        )}
      </form>
    </div>
  );
}

function toggled(set: ReadonlySet<string>, value: string, on: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}

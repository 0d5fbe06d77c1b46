/**
 * The workbench window: project bar, document list, the open document, a status line.
 * Talks only to the API contract (see ../api/client.ts).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DocumentSummary, ProjectInfo } from '../../shared/api';
import type { Codebook } from '../../shared/model';
import type { RendererClient } from '../api/client';
import { History } from '../commands/history';
import { unwrap } from '../commands/span-editor';
import { AnnotatorDialog } from './AnnotatorDialog';
import { ProjectBar } from './ProjectBar';
import { SCREENS, type WorkbenchView } from './screens';
import { useStatus, StatusLine } from './status';

export function App({ client }: { client: RendererClient }) {
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [codebook, setCodebook] = useState<Codebook | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [openDoc, setOpenDoc] = useState<string | null>(null);
  const [focusSpan, setFocusSpan] = useState<string | null>(null);
  const [screen, setScreen] = useState(SCREENS[0]!.id);
  const [fatal, setFatal] = useState<string | null>(null);
  const status = useStatus();
  const history = useMemo(() => new History(), []);

  const refreshDocuments = useCallback(async () => {
    setDocuments(unwrap(await client.listDocuments({})));
  }, [client]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const info = unwrap(await client.getProject({}));
        const book = unwrap(await client.getCodebook({}));
        const docs = unwrap(await client.listDocuments({}));
        if (cancelled) return;
        setProject(info);
        setCodebook(book);
        setDocuments(docs);
      } catch (error) {
        if (!cancelled) setFatal((error as Error).message);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [client]);

  // The Electron menu's Undo/Redo and "documents changed" (after File → Import articles…).
  useEffect(
    () =>
      client.onMenuCommand((command) => {
        if (command === 'documents-changed') {
          refreshDocuments().catch((error: unknown) => status.error(error));
          return;
        }
        const step = command === 'undo' ? history.undo() : history.redo();
        step.catch((error: unknown) => status.error(error));
      }),
    [client, history, refreshDocuments, status],
  );

  const chooseAnnotator = async (name: string) => {
    const info = unwrap(await client.setAnnotator({ name }));
    setProject(info);
    await refreshDocuments();
  };

  const updateCount = useCallback((docId: string, count: number) => {
    setDocuments((docs) =>
      docs.map((d) =>
        d.id === docId && d.annotationCount !== count ? { ...d, annotationCount: count } : d,
      ),
    );
  }, []);

  const reloadCodebook = useCallback(async () => {
    setCodebook(unwrap(await client.getCodebook({})));
  }, [client]);

  const openDocument = useCallback((docId: string, spanId?: string) => {
    setOpenDoc(docId);
    setFocusSpan(spanId ?? null);
    setScreen('annotate');
  }, []);

  if (fatal) {
    return (
      <div className="fatal" role="alert">
        <h1>The workbench could not open the project</h1>
        <p>{fatal}</p>
      </div>
    );
  }
  if (!project || !codebook) {
    return (
      <div className="loading" role="status">
        Opening project…
      </div>
    );
  }

  return (
    <div className="app">
      <ProjectBar
        client={client}
        project={project}
        codebook={codebook}
        documents={documents}
        openDoc={openDoc}
        history={history}
        status={status}
        onImported={refreshDocuments}
      />
      {project.warnings.length > 0 && (
        <div className="warnings" role="alert">
          {project.warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </div>
      )}
      {project.annotator !== null && (
        <>
          <nav className="screen-tabs" aria-label="Screens">
            {SCREENS.map((s) => (
              <button
                key={s.id}
                type="button"
                aria-current={s.id === screen ? 'page' : undefined}
                onClick={() => setScreen(s.id)}
              >
                {s.title}
              </button>
            ))}
          </nav>
          {SCREENS.find((s) => s.id === screen)!.render({
            client,
            project,
            annotator: project.annotator,
            codebook,
            documents,
            history,
            status,
            openDoc,
            focusSpan,
            openDocument,
            refreshDocuments,
            reloadCodebook,
            updateCount,
            screens: SCREENS,
            showScreen: setScreen,
          } satisfies WorkbenchView)}
        </>
      )}
      <StatusLine status={status} />
      {project.annotator === null && (
        <AnnotatorDialog suggested={project.suggestedAnnotator} onSubmit={chooseAnnotator} />
      )}
    </div>
  );
}

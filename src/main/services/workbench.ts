/**
 * A workbench session: one open project, its annotation store and the person annotating, behind
 * the handlers of the API contract. Both transports (Electron IPC and browser-mode HTTP) and the
 * CLI drive the same session, so the app, the tests and the command line share one code path.
 */
import {
  WorkbenchError,
  type DocumentSummary,
  type ExportFormat,
  type ExportResult,
  type ImportReport,
  type ProjectInfo,
  type WorkbenchHandlers,
} from '../../shared/api';
import type { Codebook, DocumentRecord } from '../../shared/model';
import { ProjectFolder } from '../project/project-folder';
import { AnnotationStore } from '../store/annotation-store';
import { writeFileAtomic } from '../store/atomic-write';
import { buildExport } from './export-service';
import { readUserSettings, suggestAnnotatorName, writeUserSettings } from './user-settings';

export interface WorkbenchSession {
  readonly handlers: WorkbenchHandlers;
  readonly projectDir: string;
  importPaths(paths: string[]): Promise<ImportReport>;
  exportToFile(format: ExportFormat, outPath: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenWorkbenchOptions {
  projectDir: string;
  /** Where the person's own settings (annotator name) live; never inside the project. */
  settingsDir: string;
  shell: ProjectInfo['shell'];
}

export async function openWorkbench(options: OpenWorkbenchOptions): Promise<WorkbenchSession> {
  const warnings: string[] = [];
  const project = await ProjectFolder.open(options.projectDir, {
    onWarning: (message) => warnings.push(message),
  });
  const store = new AnnotationStore(project.dir, { onWarning: (message) => warnings.push(message) });
  let annotator = (await readUserSettings(options.settingsDir)).annotator;

  const requireAnnotator = (): string => {
    if (annotator === null) {
      throw new WorkbenchError(
        'invalid_argument',
        'Choose your annotator name first: every annotation records who made it.',
      );
    }
    return annotator;
  };

  const requireLabel = (codebook: Codebook, label: string): void => {
    if (!codebook.labels.some((l) => l.name === label)) {
      const known = codebook.labels.map((l) => `"${l.name}"`).join(', ');
      throw new WorkbenchError(
        'invalid_argument',
        `There is no label "${label}" in the codebook (labels: ${known}).`,
      );
    }
  };

  const projectInfo = (): ProjectInfo => ({
    name: project.name,
    path: project.dir,
    annotator,
    suggestedAnnotator: suggestAnnotatorName(),
    warnings: [...warnings],
    shell: options.shell,
  });

  const summarise = async (doc: DocumentRecord): Promise<DocumentSummary> => {
    const layer = annotator === null ? null : await store.getLayer(annotator, doc.id);
    return {
      id: doc.id,
      title: doc.title,
      meta: doc.meta,
      length: doc.text.length,
      annotationCount: layer?.annotations.length ?? 0,
      status: layer?.status ?? 'todo',
    };
  };

  const exportDataset = async (format: ExportFormat): Promise<ExportResult> =>
    buildExport(format, { project, store });

  const handlers: WorkbenchHandlers = {
    getProject: async () => projectInfo(),
    setAnnotator: async ({ name }) => {
      await writeUserSettings(options.settingsDir, { annotator: name });
      annotator = name;
      return projectInfo();
    },
    listDocuments: async () => Promise.all((await project.listDocuments()).map(summarise)),
    getDocument: async ({ id }) => project.getDocument(id),
    getCodebook: async () => project.getCodebook(),
    getLayer: async ({ doc }) => {
      const who = requireAnnotator();
      await project.getDocument(doc);
      const layer = await store.getLayer(who, doc);
      return {
        doc,
        annotator: who,
        status: layer.status,
        memo: layer.memo,
        annotations: layer.annotations,
        relations: layer.relations,
      };
    },
    createAnnotation: async ({ doc, label, start, end, attributes, id }) => {
      const who = requireAnnotator();
      requireLabel(await project.getCodebook(), label);
      const document = await project.getDocument(doc);
      return store.createAnnotation(who, document, { label, start, end, attributes, id });
    },
    updateAnnotation: async ({ doc, id, patch }) => {
      const who = requireAnnotator();
      if (patch.label !== undefined) requireLabel(await project.getCodebook(), patch.label);
      const document = await project.getDocument(doc);
      return store.updateAnnotation(who, document, id, patch);
    },
    deleteAnnotation: async ({ doc, id }) => {
      const who = requireAnnotator();
      return store.deleteAnnotation(who, doc, id);
    },
    restoreAnnotation: async ({ annotation, relations }) => {
      const who = requireAnnotator();
      if (annotation.annotator !== who) {
        throw new WorkbenchError(
          'invalid_argument',
          `This span belongs to ${annotation.annotator}'s layer; you can only restore your own.`,
        );
      }
      await project.getDocument(annotation.doc);
      return store.restoreAnnotation(who, { annotation, relations });
    },
    importDocuments: async ({ files }) => {
      const report = await project.importFiles(files);
      return {
        imported: await Promise.all(report.imported.map(summarise)),
        rejected: report.rejected,
      };
    },
    exportDataset: async ({ format }) => exportDataset(format),
  };

  return {
    handlers,
    projectDir: project.dir,
    importPaths: async (paths) => {
      const report = await project.importPaths(paths);
      return {
        imported: await Promise.all(report.imported.map(summarise)),
        rejected: report.rejected,
      };
    },
    exportToFile: async (format, outPath) => {
      const result = await exportDataset(format);
      await writeFileAtomic(outPath, result.content);
    },
    close: async () => store.flush(),
  };
}

/** Handlers for the project as a whole: who is annotating, documents, codebook, import, export. */
import type { DocumentSummary, ProjectInfo, WorkbenchHandlers } from '../../shared/api';
import type { DocumentRecord } from '../../shared/model';
import { buildExport } from './export-service';
import type { SessionContext } from './session-context';
import { suggestAnnotatorName, writeUserSettings } from './user-settings';

type ProjectHandlers = Pick<
  WorkbenchHandlers,
  | 'getProject'
  | 'setAnnotator'
  | 'listDocuments'
  | 'getDocument'
  | 'getCodebook'
  | 'importDocuments'
  | 'exportDataset'
>;

export function projectInfo(ctx: SessionContext): ProjectInfo {
  return {
    name: ctx.project.name,
    path: ctx.project.dir,
    annotator: ctx.annotator,
    suggestedAnnotator: suggestAnnotatorName(),
    warnings: [...ctx.warnings],
    shell: ctx.shell,
  };
}

export async function summarise(
  ctx: SessionContext,
  doc: DocumentRecord,
): Promise<DocumentSummary> {
  const layer = ctx.annotator === null ? null : await ctx.store.getLayer(ctx.annotator, doc.id);
  return {
    id: doc.id,
    title: doc.title,
    meta: doc.meta,
    length: doc.text.length,
    annotationCount: layer?.annotations.length ?? 0,
    status: layer?.status ?? 'todo',
    ...(layer?.memo ? { memo: layer.memo } : {}),
  };
}

export function projectHandlers(ctx: SessionContext): ProjectHandlers {
  const { project } = ctx;
  return {
    getProject: async () => projectInfo(ctx),
    setAnnotator: async ({ name }) => {
      await writeUserSettings(ctx.settingsDir, { annotator: name });
      ctx.annotator = name;
      return projectInfo(ctx);
    },
    listDocuments: async () =>
      Promise.all((await project.listDocuments()).map((doc) => summarise(ctx, doc))),
    getDocument: async ({ id }) => project.getDocument(id),
    getCodebook: async () => project.getCodebook(),
    importDocuments: async ({ files }) => {
      const report = await project.importFiles(files);
      return {
        imported: await Promise.all(report.imported.map((doc) => summarise(ctx, doc))),
        rejected: report.rejected,
      };
    },
    exportDataset: async ({ format, curated }) => buildExport(format, ctx, { curated }),
  };
}

/**
 * A workbench session: one open project, its annotation store and the person annotating, behind
 * the handlers of the API contract. Both transports (Electron IPC and browser-mode HTTP) and the
 * CLI drive the same session, so the app, the tests and the command line share one code path.
 *
 * Handlers come in groups, one module per feature, each given the same SessionContext.
 */
import type {
  AnnotationImportReport,
  ExportRequest,
  ExportSummary,
  ImportReport,
  ProjectInfo,
  WorkbenchHandlers,
} from '../../shared/api';
import { ProjectFolder } from '../project/project-folder';
import { AnnotationStore } from '../store/annotation-store';
import { CuratedStore } from '../store/curated-store';
import { annotationHandlers } from './annotation-handlers';
import { annotationListHandlers } from './annotation-list-handlers';
import { codebookHandlers, reconcileCodebookRenames } from './codebook-handlers';
import { documentMemoHandlers } from './document-memo-handlers';
import { openEntityService } from './entity-handlers';
import { documentStatusHandlers } from './document-status-handlers';
import { importAnnotationFiles, type AnnotationImportRequest } from './annotation-import';
import { writeExport, type FolderWriteReport } from './export-folder';
import { exportHandlers, type ExportTargetChooser } from './export-handlers';
import { runExport } from './export-service';
import { projectHandlers, summarise } from './project-handlers';
import { relationHandlers } from './relation-handlers';
import { reviewHandlers } from './review-handlers';
import type { SessionContext } from './session-context';
import { readUserSettings } from './user-settings';

export interface WorkbenchSession {
  readonly handlers: WorkbenchHandlers;
  readonly projectDir: string;
  importPaths(paths: string[]): Promise<ImportReport>;
  /** Runs an export and writes it at `outPath` (a file, or a folder of files): the CLI's export. */
  exportTo(
    request: ExportRequest,
    outPath: string,
  ): Promise<{ summary: ExportSummary; written: FolderWriteReport }>;
  /** Imports annotation files into any annotator's layer: the CLI's import-annotations. */
  importAnnotations(request: AnnotationImportRequest): Promise<AnnotationImportReport>;
  close(): Promise<void>;
}

export interface OpenWorkbenchOptions {
  projectDir: string;
  /** Where the person's own settings (annotator name) live; never inside the project. */
  settingsDir: string;
  shell: ProjectInfo['shell'];
  /** The desktop app's save dialog for exports (saveExport); absent in browser mode. */
  chooseExportTarget?: ExportTargetChooser;
}

export async function openWorkbench(options: OpenWorkbenchOptions): Promise<WorkbenchSession> {
  const warnings: string[] = [];
  const onWarning = (message: string) => warnings.push(message);
  const project = await ProjectFolder.open(options.projectDir, { onWarning });
  const ctx: SessionContext = {
    project,
    store: new AnnotationStore(project.dir, { onWarning }),
    curated: new CuratedStore(project.dir, { onWarning }),
    shell: options.shell,
    settingsDir: options.settingsDir,
    warnings,
    annotator: (await readUserSettings(options.settingsDir)).annotator,
  };

  const entities = openEntityService(ctx);
  // Layers that arrived since the last session (git pull, sync) may use renamed codebook names.
  await reconcileCodebookRenames(ctx);

  const handlers: WorkbenchHandlers = {
    ...projectHandlers(ctx),
    ...annotationHandlers(ctx),
    ...entities.handlers,
    ...relationHandlers(ctx),
    ...documentStatusHandlers(ctx),
    ...annotationListHandlers(ctx),
    ...documentMemoHandlers(ctx),
    ...exportHandlers(ctx, { chooseTarget: options.chooseExportTarget }),
    ...reviewHandlers(ctx),
    ...codebookHandlers(ctx),
  };

  return {
    handlers,
    projectDir: project.dir,
    importPaths: async (paths) => {
      const report = await project.importPaths(paths);
      return {
        imported: await Promise.all(report.imported.map((doc) => summarise(ctx, doc))),
        rejected: report.rejected,
      };
    },
    exportTo: async (request, outPath) => {
      const { payload, summary } = await runExport(ctx, request);
      const written = await writeExport(payload, outPath, request.format, summary.exportedAt);
      return { summary, written };
    },
    importAnnotations: async (request) =>
      importAnnotationFiles({ ...ctx, self: ctx.annotator, othersAllowed: true }, request),
    close: async () => {
      // First: a merge under way still moves spans through the store before its registry write.
      await entities.close();
      await ctx.store.close();
      await ctx.curated.close();
    },
  };
}

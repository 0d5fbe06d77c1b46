/**
 * A workbench session: one open project, its annotation store and the person annotating, behind
 * the handlers of the API contract. Both transports (Electron IPC and browser-mode HTTP) and the
 * CLI drive the same session, so the app, the tests and the command line share one code path.
 *
 * Handlers come in groups, one module per feature, each given the same SessionContext.
 */
import type { ExportFormat, ImportReport, ProjectInfo, WorkbenchHandlers } from '../../shared/api';
import { ProjectFolder } from '../project/project-folder';
import { AnnotationStore } from '../store/annotation-store';
import { CuratedStore } from '../store/curated-store';
import { writeFileAtomic } from '../store/atomic-write';
import { annotationHandlers } from './annotation-handlers';
import { annotationListHandlers } from './annotation-list-handlers';
import { documentMemoHandlers } from './document-memo-handlers';
import { entityHandlers } from './entity-handlers';
import { documentStatusHandlers } from './document-status-handlers';
import { buildExport } from './export-service';
import { projectHandlers, summarise } from './project-handlers';
import { relationHandlers } from './relation-handlers';
import { reviewHandlers } from './review-handlers';
import type { SessionContext } from './session-context';
import { readUserSettings } from './user-settings';

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

  const handlers: WorkbenchHandlers = {
    ...projectHandlers(ctx),
    ...annotationHandlers(ctx),
    ...entityHandlers(ctx),
    ...relationHandlers(ctx),
    ...documentStatusHandlers(ctx),
    ...annotationListHandlers(ctx),
    ...documentMemoHandlers(ctx),
    ...reviewHandlers(ctx),
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
    exportToFile: async (format, outPath) => {
      const result = await buildExport(format, ctx);
      await writeFileAtomic(outPath, result.content);
    },
    close: async () => {
      await ctx.store.close();
      await ctx.curated.close();
    },
  };
}

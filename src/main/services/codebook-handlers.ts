/**
 * Handlers of the codebook editor, and the check at open that brings layers which arrived late
 * (a colleague's folder after a git pull or a sync) up to date with the codebook's renames.
 */
import type { WorkbenchHandlers } from '../../shared/api';
import { plural } from '../../shared/codebook/tally';
import { annotatorLayers, curatedLayers } from './codebook-layers';
import { CodebookService, type ReconcileReport } from './codebook-service';
import type { SessionContext } from './session-context';

type CodebookHandlers = Pick<
  WorkbenchHandlers,
  | 'previewCodebookChange'
  | 'applyCodebookChange'
  | 'saveCodebook'
  | 'importCodebook'
  | 'exportCodebook'
>;

/** The codebook service over every layer of the session's project. */
export function codebookService(ctx: SessionContext): CodebookService {
  return new CodebookService({
    project: ctx.project,
    layers: [
      annotatorLayers(ctx.store, ctx.project.dir),
      curatedLayers(ctx.curated, ctx.project.dir),
    ],
  });
}

export function codebookHandlers(
  ctx: SessionContext,
  service: CodebookService = codebookService(ctx),
): CodebookHandlers {
  return {
    previewCodebookChange: async ({ operations }) => service.preview(operations),
    applyCodebookChange: async ({ operations, confirmDeleteCount }) =>
      service.apply(operations, confirmDeleteCount),
    saveCodebook: async ({ codebook }) => service.save(codebook),
    importCodebook: async ({ content }) => service.importCodebook(content),
    exportCodebook: async () => service.exportCodebook(),
  };
}

/**
 * Run once when a project opens: layers still using names the codebook has since renamed are
 * rewritten to the current names, and the person is told which. Never stops the project from
 * opening; what failed is tried again next time.
 */
export async function reconcileCodebookRenames(
  ctx: SessionContext,
  service: CodebookService = codebookService(ctx),
): Promise<void> {
  try {
    const notice = reconcileNotice(await service.reconcile());
    if (notice) ctx.warnings.push(notice);
  } catch (error) {
    ctx.warnings.push(
      `Layers could not be checked against the codebook's renames: ${(error as Error).message} ` +
        'They are checked again the next time the project opens.',
    );
  }
}

/** One notice for the person, or null when nothing happened. */
export function reconcileNotice(report: ReconcileReport): string | null {
  const parts: string[] = [];
  if (report.migrated.length > 0) {
    const annotations = report.migrated.reduce((sum, m) => sum + m.annotations, 0);
    const relations = report.migrated.reduce((sum, m) => sum + m.relations, 0);
    const files = report.migrated.map((m) => m.file);
    parts.push(
      `${plural(files.length, 'layer file')} still used names the codebook has renamed since; ` +
        `${plural(annotations, 'annotation')}${relations > 0 ? ` and ${plural(relations, 'relation')}` : ''} ` +
        `now ${annotations + relations === 1 ? 'follows' : 'follow'} the renames ` +
        `(${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}).`,
    );
  }
  if (report.failed.length > 0) {
    parts.push(
      `${plural(report.failed.length, 'layer file')} could not be brought up to date with the ` +
        `codebook's renames: ${report.failed.slice(0, 3).join(' ')} They are tried again the ` +
        'next time the project opens.',
    );
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

/**
 * Handlers for research exports and annotation imports. An export runs as a job (export-jobs.ts)
 * that the window polls for its progress bar; the finished export is either handed over for the
 * browser to download (`takeExport`) or, in the desktop app, saved by the main process where
 * the person chooses (`saveExport`, with the shell's save dialog).
 *
 * Blind coding: what shows colleagues' work — their layers, the gold layer — is exported from
 * the app, and imported into their layers, only once this person has opened review (the same
 * rule as the Review screen, review-settings.ts). The command line reads files as they are.
 */
import {
  WorkbenchError,
  type ExportJob,
  type ExportLayers,
  type WorkbenchHandlers,
} from '../../shared/api';
import { exportFormatInfo, type ExportFormatInfo } from '../../shared/formats/export-formats';
import { importAnnotationFiles } from './annotation-import';
import { writeExport } from './export-folder';
import { JobRunner, type JobStatus } from './export-jobs';
import { runExport, type ExportOutput } from './export-service';
import { isReviewOpen } from './review-settings';
import { requireAnnotator, type SessionContext } from './session-context';

type ExportHandlers = Pick<
  WorkbenchHandlers,
  | 'startExport'
  | 'exportProgress'
  | 'cancelExport'
  | 'takeExport'
  | 'saveExport'
  | 'importAnnotations'
>;

/**
 * Asks the person where to save an export (the desktop app's save dialog): a file path for a
 * one-file format, a folder path (new or holding an earlier export) for a folder format; null
 * when they cancel.
 */
export type ExportTargetChooser = (request: {
  /** Suggested file or folder name. */
  name: string;
  format: ExportFormatInfo;
}) => Promise<string | null>;

export interface ExportHandlerOptions {
  /** Only the desktop app has one; without it `saveExport` says to download instead. */
  chooseTarget?: ExportTargetChooser;
}

const BLIND =
  "Review is closed (blind coding): colleagues' work stays hidden so it cannot sway yours. ";

export function exportHandlers(
  ctx: SessionContext,
  options: ExportHandlerOptions = {},
): ExportHandlers {
  const jobs = new JobRunner<ExportOutput>();
  const reviewOpen = () => isReviewOpen(ctx.settingsDir, ctx.project.dir);

  const asJob = (job: string, status: JobStatus<ExportOutput>): ExportJob => ({
    job,
    state: status.state,
    ...status.progress,
    ...(status.state === 'done' && { summary: status.result.summary }),
  });

  const checkScope = async (layers: ExportLayers) => {
    const self = requireAnnotator(ctx);
    if (layers.kind === 'annotator' && layers.annotator === self) {
      if ((await ctx.store.listAnnotators()).includes(self)) return;
      throw new WorkbenchError(
        'not_found',
        'You have no annotations in this project yet, so your layer has nothing to export.',
      );
    }
    if (await reviewOpen()) return;
    throw new WorkbenchError(
      'unavailable',
      `${BLIND}Export your own layer, or open review on the Review screen to export ${layers.kind === 'curated' ? 'the gold layer' : "colleagues' layers"}.`,
    );
  };

  return {
    startExport: async (request) => {
      await checkScope(request.layers);
      const started = jobs.start((control) => runExport(ctx, request, control));
      return { job: started.id, state: 'running', ...started.progress };
    },
    exportProgress: async ({ job }) => asJob(job, jobs.status(job)),
    cancelExport: async ({ job }) => ({ cancelled: jobs.cancel(job) }),
    takeExport: async ({ job }) => jobs.take(job).payload,
    saveExport: async ({ job }) => {
      if (!options.chooseTarget) {
        throw new WorkbenchError(
          'unavailable',
          'Saving into a chosen folder needs the desktop app; in the browser the export downloads (takeExport).',
        );
      }
      const status = jobs.status(job);
      if (status.state !== 'done') {
        throw new WorkbenchError('conflict', 'The export is still running; wait until it is done.');
      }
      const { payload, summary } = status.result;
      const path = await options.chooseTarget({
        name: payload.kind === 'file' ? payload.fileName : payload.folderName,
        format: exportFormatInfo(summary.format),
      });
      if (path === null) return { saved: false };
      await writeExport(payload, path, summary.format, summary.exportedAt);
      jobs.take(job);
      return { saved: true, path };
    },
    importAnnotations: async ({ files, format, annotator }) => {
      const self = requireAnnotator(ctx);
      const othersAllowed = await reviewOpen();
      if (annotator !== undefined && annotator !== self && !othersAllowed) {
        throw new WorkbenchError(
          'unavailable',
          `${BLIND}Import into your own layer, or open review on the Review screen to import into ${annotator}'s.`,
        );
      }
      return importAnnotationFiles(
        { project: ctx.project, store: ctx.store, curated: ctx.curated, self, othersAllowed },
        { files, format, annotator },
      );
    },
  };
}

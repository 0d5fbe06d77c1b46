/**
 * Handlers for review: blind mode, colleagues' layers, adjudication into the gold layer,
 * agreement. Everything that shows colleagues' work (even a count) waits until this person has
 * opened review (review-settings.ts); the work itself is in review-service.ts.
 */
import { WorkbenchError, type ReviewState, type WorkbenchHandlers } from '../../shared/api';
import {
  adjudicate,
  changeReviewStatus,
  documentReview,
  importLayers,
  projectAgreement,
  restoreCurated,
  reviewDocuments,
  type ReviewSources,
} from './review-service';
import { isReviewOpen, setReviewOpen } from './review-settings';
import { requireAnnotator, type SessionContext } from './session-context';

type ReviewHandlers = Pick<
  WorkbenchHandlers,
  | 'getReviewState'
  | 'setReviewOpen'
  | 'importLayers'
  | 'listReviewDocuments'
  | 'getReview'
  | 'adjudicate'
  | 'setReviewStatus'
  | 'restoreCurated'
  | 'computeAgreement'
>;

export function reviewHandlers(ctx: SessionContext): ReviewHandlers {
  const state = async (): Promise<ReviewState> => {
    const open = await isReviewOpen(ctx.settingsDir, ctx.project.dir);
    return { open, annotators: open ? await ctx.store.listAnnotators() : [] };
  };

  /** The sources, once this person has opened review; a message saying how, otherwise. */
  const opened = async (): Promise<ReviewSources & { self: string }> => {
    const self = requireAnnotator(ctx);
    if (!(await isReviewOpen(ctx.settingsDir, ctx.project.dir))) {
      throw new WorkbenchError(
        'unavailable',
        "Review is closed (blind coding): colleagues' work stays hidden so it cannot sway yours. " +
          'Open review on the Review screen to compare, import or adjudicate.',
      );
    }
    return { project: ctx.project, store: ctx.store, curated: ctx.curated, self };
  };

  return {
    getReviewState: state,
    setReviewOpen: async ({ open }) => {
      await setReviewOpen(ctx.settingsDir, ctx.project.dir, open);
      return state();
    },
    importLayers: async (args) => importLayers(await opened(), args),
    listReviewDocuments: async ({ annotators }) => reviewDocuments(await opened(), annotators),
    getReview: async ({ doc, annotators }) => documentReview(await opened(), doc, annotators),
    adjudicate: async ({ doc, annotators, steps }) =>
      adjudicate(await opened(), doc, annotators, steps),
    setReviewStatus: async ({ doc, annotators, status }) =>
      changeReviewStatus(await opened(), doc, annotators, status),
    restoreCurated: async ({ doc, revision, layer }) => {
      await opened();
      await ctx.project.getDocument(doc);
      return restoreCurated(ctx.curated, doc, revision, layer);
    },
    computeAgreement: async (args) => projectAgreement(await opened(), args),
  };
}

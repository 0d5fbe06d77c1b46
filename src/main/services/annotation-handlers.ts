/** Handlers for one annotator's spans: read the layer, create, update, delete, restore. */
import { WorkbenchError, type WorkbenchHandlers } from '../../shared/api';
import { requireAnnotator, requireLabel, type SessionContext } from './session-context';

type AnnotationHandlers = Pick<
  WorkbenchHandlers,
  'getLayer' | 'createAnnotation' | 'updateAnnotation' | 'deleteAnnotation' | 'restoreAnnotation'
>;

export function annotationHandlers(ctx: SessionContext): AnnotationHandlers {
  const { project, store } = ctx;
  return {
    getLayer: async ({ doc }) => {
      const who = requireAnnotator(ctx);
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
      const who = requireAnnotator(ctx);
      requireLabel(await project.getCodebook(), label);
      const document = await project.getDocument(doc);
      return store.createAnnotation(who, document, { label, start, end, attributes, id });
    },
    updateAnnotation: async ({ doc, id, patch }) => {
      const who = requireAnnotator(ctx);
      if (patch.label !== undefined) requireLabel(await project.getCodebook(), patch.label);
      const document = await project.getDocument(doc);
      return store.updateAnnotation(who, document, id, patch);
    },
    deleteAnnotation: async ({ doc, id }) => {
      const who = requireAnnotator(ctx);
      return store.deleteAnnotation(who, doc, id);
    },
    restoreAnnotation: async ({ annotation, relations }) => {
      const who = requireAnnotator(ctx);
      if (annotation.annotator !== who) {
        throw new WorkbenchError(
          'invalid_argument',
          `This span belongs to ${annotation.annotator}'s layer; you can only restore your own.`,
        );
      }
      await project.getDocument(annotation.doc);
      return store.restoreAnnotation(who, { annotation, relations });
    },
  };
}

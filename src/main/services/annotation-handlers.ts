/** Handlers for one annotator's spans: read the layer, create, update, delete, restore. */
import { WorkbenchError, type WorkbenchHandlers } from '../../shared/api';
import { relationProblem } from '../../shared/relation-rules';
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
      const document = await project.getDocument(doc);
      if (patch.label !== undefined) {
        const codebook = await project.getCodebook();
        requireLabel(codebook, patch.label);
        // A new label must still fit every link the span has: a relabelled Claim cannot keep
        // "made by" → Actor, and a statement must not silently become invalid.
        const layer = await store.getLayer(who, doc);
        const span = layer.annotations.find((a) => a.id === id);
        if (span) {
          const byId = new Map(layer.annotations.map((a) => [a.id, a]));
          for (const relation of layer.relations) {
            if (relation.from !== id && relation.to !== id) continue;
            const relabel = (a: (typeof layer.annotations)[number]) =>
              a.id === id ? { ...a, label: patch.label! } : a;
            const from = byId.get(relation.from);
            const to = byId.get(relation.to);
            if (!from || !to) continue;
            const problem = relationProblem(codebook, relation.type, {
              from: relabel(from),
              to: relabel(to),
            });
            if (problem) {
              throw new WorkbenchError(
                'conflict',
                `The span cannot become ${patch.label} while it is linked by "${relation.type}": ${problem} Remove that link first.`,
              );
            }
          }
        }
      }
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

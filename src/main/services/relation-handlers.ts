/**
 * Handlers for links between spans — the relations that make statements ("made by", "about").
 * The store keeps a layer's relations joining spans of that same layer; these handlers add what
 * the codebook says: the type must exist and allow the two spans' labels at its ends, and the
 * same link is not made twice.
 */
import { WorkbenchError, type WorkbenchHandlers } from '../../shared/api';
import type { Annotation } from '../../shared/model';
import { relationKey, relationProblem } from '../../shared/relation-rules';
import { requireAnnotator, type SessionContext } from './session-context';

type RelationHandlers = Pick<WorkbenchHandlers, 'createRelation' | 'deleteRelation'>;

export function relationHandlers(ctx: SessionContext): RelationHandlers {
  const { project, store } = ctx;
  return {
    createRelation: async ({ doc, type, from, to, attributes, id }) => {
      const who = requireAnnotator(ctx);
      await project.getDocument(doc);
      // The store refuses a link from a span to itself with its own message.
      if (from !== to) {
        const codebook = await project.getCodebook();
        const layer = await store.getLayer(who, doc);
        const ends = findSpans(layer.annotations, from, to);
        const absent = [from, to].find((spanId) => !ends.has(spanId));
        if (absent !== undefined) {
          throw new WorkbenchError(
            'not_found',
            `The ${absent === from ? 'source' : 'target'} span ${absent} is not in your layer ` +
              `of document ${doc}; it may have been deleted. Both ends of a relation must be ` +
              `spans of the same document.`,
          );
        }
        const problem = relationProblem(codebook, type, {
          from: ends.get(from)!,
          to: ends.get(to)!,
        });
        if (problem) throw new WorkbenchError('invalid_argument', problem);
        const key = relationKey(type, from, to);
        if (layer.relations.some((r) => r.id !== id && relationKey(r.type, r.from, r.to) === key)) {
          throw new WorkbenchError(
            'conflict',
            `These spans are already linked by "${type}" (from “${ends.get(from)!.quote}” to ` +
              `“${ends.get(to)!.quote}”).`,
          );
        }
      }
      return store.createRelation(who, doc, { type, from, to, attributes, id });
    },
    deleteRelation: async ({ doc, id }) => store.deleteRelation(requireAnnotator(ctx), doc, id),
  };
}

/** The spans with these ids, in one pass over the layer. */
function findSpans(annotations: readonly Annotation[], ...ids: string[]): Map<string, Annotation> {
  const wanted = new Set(ids);
  const found = new Map<string, Annotation>();
  for (const a of annotations) {
    if (wanted.has(a.id)) found.set(a.id, a);
  }
  return found;
}

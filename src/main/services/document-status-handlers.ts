/**
 * The annotator's status of a document (todo, in progress, done). "Done" is a promise to
 * colleagues and to the exports that the layer is complete, so it is refused while any span
 * misses a required attribute of the codebook; the message says how many spans miss which.
 */
import { WorkbenchError, type WorkbenchHandlers } from '../../shared/api';
import { describeMissingRequired, missingRequired } from '../../shared/required-attributes';
import { summarise } from './project-handlers';
import { requireAnnotator, type SessionContext } from './session-context';

type DocumentStatusHandlers = Pick<WorkbenchHandlers, 'setDocumentStatus'>;

export function documentStatusHandlers(ctx: SessionContext): DocumentStatusHandlers {
  const { project, store } = ctx;
  return {
    setDocumentStatus: async ({ doc, status }) => {
      const who = requireAnnotator(ctx);
      const document = await project.getDocument(doc);
      const codebook = await project.getCodebook();
      // Checked inside the layer's write queue, so no span can change between check and write.
      await store.updateLayer(who, doc, (layer) => {
        if (status === 'done') {
          const missing = missingRequired(layer.annotations, codebook);
          if (missing.length > 0) {
            throw new WorkbenchError(
              'conflict',
              `“${document.title || doc}” cannot be marked done: ` +
                `${describeMissingRequired(missing)} Fill them in (such spans are outlined in ` +
                `the text) and try again.`,
            );
          }
        }
        return { layer: { ...layer, status }, result: undefined };
      });
      return summarise(ctx, document);
    },
  };
}

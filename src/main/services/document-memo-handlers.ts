/**
 * The annotator's memo on a document: free notes ("check the second quote with Ana"), kept in
 * their own layer file beside the spans, so it travels with the annotations and never touches a
 * colleague's.
 */
import type { WorkbenchHandlers } from '../../shared/api';
import { summarise } from './project-handlers';
import { requireAnnotator, type SessionContext } from './session-context';

type DocumentMemoHandlers = Pick<WorkbenchHandlers, 'setDocumentMemo'>;

export function documentMemoHandlers(ctx: SessionContext): DocumentMemoHandlers {
  const { project, store } = ctx;
  return {
    setDocumentMemo: async ({ doc, memo }) => {
      const who = requireAnnotator(ctx);
      const document = await project.getDocument(doc);
      await store.setMemo(who, doc, memo);
      return summarise(ctx, document);
    },
  };
}

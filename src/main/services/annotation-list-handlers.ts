/**
 * The annotation list: spans of one document or of the whole project, from the current
 * annotator's layer or from everyone's, filtered, sorted and cut into pages here so that the
 * window only ever receives one page (a corpus holds tens of thousands of spans).
 */
import type { WorkbenchHandlers } from '../../shared/api';
import { queryAnnotations, type ListedSpan } from '../../shared/annotation-query';
import { requireAnnotator, type SessionContext } from './session-context';

type AnnotationListHandlers = Pick<WorkbenchHandlers, 'listAnnotations'>;

export function annotationListHandlers(ctx: SessionContext): AnnotationListHandlers {
  const { project, store } = ctx;
  return {
    listAnnotations: async (query) => {
      const me = requireAnnotator(ctx);
      const documents = query.doc
        ? [await project.getDocument(query.doc)]
        : await project.listDocuments();
      const annotators = await store.listAnnotators();
      const layers = query.annotator === '*' ? annotators : [query.annotator ?? me];
      const spans: ListedSpan[] = [];
      const entities = new Set<string>();
      for (const annotator of layers) {
        for (const [docIndex, doc] of documents.entries()) {
          const layer = await store.getLayer(annotator, doc.id);
          for (const annotation of layer.annotations) {
            spans.push({ annotation, docTitle: doc.title || doc.id, docIndex });
            if (annotation.entity !== undefined) entities.add(annotation.entity);
          }
        }
      }
      const page = queryAnnotations(spans, query);
      return {
        total: page.total,
        offset: query.offset,
        rows: page.rows.map(({ annotation, docTitle }) => ({ annotation, docTitle })),
        annotators,
        entities: [...entities].sort(),
      };
    },
  };
}

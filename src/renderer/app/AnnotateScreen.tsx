/** The annotate screen: the document list beside the open document. */
import { DocumentList } from './DocumentList';
import { DocumentPane } from './DocumentPane';
import type { WorkbenchView } from './screens';

export function AnnotateScreen({ view }: { view: WorkbenchView }) {
  const { documents, openDoc } = view;
  return (
    <div className="workspace">
      <DocumentList
        documents={documents}
        openDoc={openDoc}
        onOpen={(id) => view.openDocument(id)}
      />
      {openDoc ? (
        <DocumentPane
          key={openDoc}
          client={view.client}
          docId={openDoc}
          annotator={view.annotator}
          codebook={view.codebook}
          history={view.history}
          status={view.status}
          onCountChange={view.updateCount}
        />
      ) : (
        <main className="empty-pane">
          <p>
            {documents.length === 0
              ? 'This project has no documents yet. Import articles to begin.'
              : 'Choose an article on the left to read and annotate it.'}
          </p>
        </main>
      )}
    </div>
  );
}

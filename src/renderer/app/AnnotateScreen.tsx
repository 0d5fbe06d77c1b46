/** The annotate screen: the document list beside the open document. */
import { useMemo } from 'react';
import { useCodingPreferences } from '../coding/coding-preferences';
import type { PaletteCommand } from '../coding/use-coding-tools';
import { DocumentList } from './DocumentList';
import { DocumentPane } from './DocumentPane';
import type { WorkbenchView } from './screens';

export function AnnotateScreen({ view }: { view: WorkbenchView }) {
  const { documents, openDoc } = view;
  // Kept here, not in the pane: a sticky label carries on into the next document.
  const coding = useCodingPreferences();
  const commands = useMemo<PaletteCommand[]>(
    () => [
      ...documents
        .filter((d) => d.id !== openDoc)
        .map((d) => ({
          id: `open:${d.id}`,
          title: `Open document: ${d.title || d.id}`,
          group: 'Documents',
          run: () => view.openDocument(d.id),
        })),
      ...view.screens
        .filter((s) => s.id !== 'annotate')
        .map((s) => ({
          id: `screen:${s.id}`,
          title: `Go to the ${s.title.toLowerCase()}`,
          group: 'Screens',
          run: () => view.showScreen(s.id),
        })),
    ],
    [documents, openDoc, view],
  );
  return (
    <div className="workspace">
      <DocumentList
        documents={documents}
        openDoc={openDoc}
        onOpen={(id) => view.openDocument(id)}
      />
      {openDoc ? (
        <DocumentPane
          // A new codebook revision (a rename, its undo, an import) remounts the document: its
          // spans are read again with the new names, and the viewer takes the new colours.
          key={`${openDoc}@${view.codebook.revision}`}
          client={view.client}
          docId={openDoc}
          annotator={view.annotator}
          codebook={view.codebook}
          history={view.history}
          status={view.status}
          onCountChange={view.updateCount}
          coding={coding}
          focusSpan={view.focusSpan}
          commands={commands}
          onSummary={() => void view.refreshDocuments().catch(view.status.error)}
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

import type { DocumentSummary } from '../../shared/api';
import './coding.css';

const STATUS_LABEL: Record<DocumentSummary['status'], string> = {
  todo: 'to do',
  in_progress: 'in progress',
  done: 'done',
};

export function DocumentList({
  documents,
  openDoc,
  onOpen,
}: {
  documents: readonly DocumentSummary[];
  openDoc: string | null;
  onOpen: (id: string) => void;
}) {
  return (
    <nav className="doclist" aria-label="Documents">
      <h2 className="doclist-title">
        Documents <span className="muted">({documents.length})</span>
      </h2>
      <ul>
        {documents.map((d) => {
          const count = `${d.annotationCount} ${d.annotationCount === 1 ? 'span' : 'spans'}`;
          const memo = d.memo?.trim();
          return (
            <li key={d.id}>
              <button
                type="button"
                className="doc-item"
                aria-current={d.id === openDoc ? 'page' : undefined}
                aria-label={`${d.title}, ${count}, ${STATUS_LABEL[d.status]}${memo ? `, memo: ${memo}` : ''}`}
                onClick={() => onOpen(d.id)}
              >
                <span className="doc-title">{d.title}</span>
                <span className="doc-meta">
                  <span className="count" data-testid="annotation-count">
                    {count}
                  </span>
                  <span className={`doc-status status-${d.status}`}>{STATUS_LABEL[d.status]}</span>
                </span>
                {memo && (
                  <span className="doc-memo-preview" title={memo}>
                    {memo}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

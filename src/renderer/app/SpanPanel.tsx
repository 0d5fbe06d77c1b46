/**
 * The side panel of the selected span: which spans lie at the clicked place (innermost first),
 * the chosen span's label (change it), its attributes, and delete. Feature sections (relations,
 * entity link) render below the attributes.
 */
import type { ReactNode } from 'react';
import type { Annotation, AttributeValue, Codebook } from '../../shared/model';
import { AttributeFields } from './AttributeFields';
import { EntitySection } from './EntitySection';

export function SpanPanel({
  codebook,
  annotation,
  siblings,
  onChoose,
  onRelabel,
  onAttribute,
  missing,
  onLeave,
  onDelete,
  onClose,
  children,
}: {
  codebook: Codebook;
  annotation: Annotation;
  siblings: Annotation[];
  onChoose: (id: string) => void;
  onRelabel: (label: string) => void;
  onAttribute: (name: string, value: AttributeValue) => void;
  /** Required attributes the span lacks. */
  missing: readonly string[];
  /** Escape in an attribute field: the keyboard goes back to the text. */
  onLeave: () => void;
  onDelete: () => void;
  onClose: () => void;
  /** Feature sections (statement and relations, entity link), below the attributes. */
  children?: ReactNode;
}) {
  const labelDef = codebook.labels.find((l) => l.name === annotation.label);

  return (
    <aside className="span-panel" aria-label={`${annotation.label} span: ${annotation.quote}`}>
      <div className="panel-head">
        <h2>Span</h2>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close the span panel"
          title="Close (Esc)"
        >
          ×
        </button>
      </div>
      {siblings.length > 1 && (
        <div className="panel-siblings" role="group" aria-label="Spans at this place">
          {siblings.map((s) => (
            <button
              key={s.id}
              type="button"
              aria-pressed={s.id === annotation.id}
              onClick={() => onChoose(s.id)}
            >
              {s.label}: {truncate(s.quote, 24)}
            </button>
          ))}
        </div>
      )}
      <blockquote className="panel-quote">{truncate(annotation.quote, 300)}</blockquote>
      <div className="panel-labels" role="radiogroup" aria-label="Label">
        {codebook.labels.map((l) => (
          <button
            key={l.name}
            type="button"
            role="radio"
            aria-checked={l.name === annotation.label}
            className="label-button"
            style={{ ['--label-color' as string]: l.color }}
            onClick={() => l.name !== annotation.label && onRelabel(l.name)}
          >
            <span className="swatch" aria-hidden="true" />
            {l.name}
          </button>
        ))}
      </div>
      {labelDef && (
        <AttributeFields
          labelDef={labelDef}
          annotation={annotation}
          missing={missing}
          onAttribute={onAttribute}
          onLeave={onLeave}
        />
      )}
      {children}
      <EntitySection annotation={annotation} codebook={codebook} />
      <p className="panel-by">
        by {annotation.annotator} · {new Date(annotation.modified).toLocaleString()}
      </p>
      <div className="panel-actions">
        <button type="button" className="danger" onClick={onDelete}>
          Delete span
        </button>
      </div>
    </aside>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The clicked span(s): which spans lie under the click (innermost first), and for the chosen one
 * its label (change it), its attributes, and delete. Escape closes it.
 */
import { useEffect, useRef } from 'react';
import type { Annotation, AttributeValue, Codebook } from '../../shared/model';

export function SpanPopover({
  codebook,
  annotation,
  siblings,
  anchor,
  onChoose,
  onRelabel,
  onAttribute,
  onDelete,
  onClose,
}: {
  codebook: Codebook;
  annotation: Annotation;
  siblings: Annotation[];
  anchor: { left: number; top: number; bottom: number };
  onChoose: (id: string) => void;
  onRelabel: (label: string) => void;
  onAttribute: (name: string, value: AttributeValue) => void;
  onDelete: () => void;
  onClose: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const labelDef = codebook.labels.find((l) => l.name === annotation.label);

  useEffect(() => {
    box.current?.focus();
  }, [annotation.id]);

  // Below the span, kept inside the window.
  const style = {
    left: Math.max(8, Math.min(anchor.left, window.innerWidth - 340)),
    top: Math.min(anchor.bottom + 6, window.innerHeight - 280),
  };

  return (
    <div
      ref={box}
      className="popover"
      role="dialog"
      aria-label={`${annotation.label} span: ${annotation.quote}`}
      tabIndex={-1}
      style={style}
    >
      {siblings.length > 1 && (
        <div className="popover-siblings" role="group" aria-label="Spans at this place">
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
      <p className="popover-quote">“{truncate(annotation.quote, 120)}”</p>
      <div className="popover-labels" role="radiogroup" aria-label="Label">
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
      {labelDef?.attributes
        .filter((attr) => attr.type === 'enum')
        .map((attr) => {
          const id = `attr-${annotation.id}-${attr.name}`;
          const value = annotation.attributes[attr.name];
          return (
            <div key={attr.name} className="popover-field">
              <label htmlFor={id}>{attr.name}</label>
              <select
                id={id}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => onAttribute(attr.name, e.target.value === '' ? null : e.target.value)}
              >
                <option value="">—</option>
                {attr.values?.map((v) => (
                  <option key={v} value={v}>
                    {v.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      <p className="popover-by">
        by {annotation.annotator} · {new Date(annotation.modified).toLocaleString()}
      </p>
      <div className="popover-actions">
        <button type="button" className="danger" onClick={onDelete}>
          Delete span
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

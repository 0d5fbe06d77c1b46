/**
 * The codebook's labels as buttons named by their label. Clicking one tags the current selection;
 * so does pressing its hotkey anywhere in the document pane. mousedown is prevented so that the
 * click does not take the text selection away.
 *
 * Beside each label, a pin keeps it active (sticky, also Shift+its number): while a label is
 * active every mouse selection is tagged with it as the button comes up. The active label is
 * filled with its colour and named in the hint, with a button to stop. The "Snap to words"
 * switch decides whether mouse selections grow to whole words.
 */
import type { LabelDef } from '../../shared/model';
import { labelGuideline } from '../codebook/label-guideline';
import './coding.css';

export function LabelPalette({
  labels,
  hasSelection,
  onPick,
  sticky = null,
  onSticky,
  snapToWords,
  onSnapToWords,
}: {
  labels: readonly LabelDef[];
  hasSelection: boolean;
  onPick: (label: string) => void;
  /** The label kept active, if any. */
  sticky?: string | null;
  onSticky?: (label: string | null) => void;
  snapToWords?: boolean;
  onSnapToWords?: (snap: boolean) => void;
}) {
  const stickyDef = labels.find((l) => l.name === sticky);
  return (
    <div className="palette" role="toolbar" aria-label="Labels">
      {labels.map((label) => (
        <span key={label.name} className="label-group">
          <button
            type="button"
            className={`label-button${label.name === sticky ? ' is-sticky' : ''}`}
            style={{ ['--label-color' as string]: label.color }}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(label.name)}
            title={labelGuideline(label)}
            aria-keyshortcuts={label.hotkey || undefined}
          >
            <span className="swatch" aria-hidden="true" />
            {label.name}
            {label.hotkey && (
              <kbd className="hotkey" aria-hidden="true">
                {label.hotkey}
              </kbd>
            )}
          </button>
          {onSticky && (
            <button
              type="button"
              className="sticky-toggle"
              style={{ ['--label-color' as string]: label.color }}
              aria-pressed={label.name === sticky}
              aria-label={`Keep ${label.name} active`}
              aria-keyshortcuts={label.hotkey ? `Shift+${label.hotkey}` : undefined}
              title={`Keep ${label.name} active: tag every selection at once${label.hotkey ? ` (Shift+${label.hotkey})` : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onSticky(label.name === sticky ? null : label.name)}
            >
              <PinIcon />
            </button>
          )}
        </span>
      ))}
      {stickyDef && onSticky ? (
        <span
          className="palette-hint sticky-hint"
          style={{ ['--label-color' as string]: stickyDef.color }}
          aria-live="polite"
        >
          <span>
            <strong>{stickyDef.name}</strong> tags every selection
          </span>
          <button type="button" className="sticky-stop" onClick={() => onSticky(null)}>
            Stop (Esc)
          </button>
        </span>
      ) : (
        <span className="palette-hint" aria-live="polite">
          {hasSelection
            ? 'Press a number or click a label to tag the selection.'
            : 'Select text to tag it.'}
        </span>
      )}
      {onSnapToWords && (
        <label
          className="snap-switch"
          title="Hold Alt while selecting to keep the exact characters"
        >
          <input
            type="checkbox"
            checked={snapToWords ?? true}
            onChange={(e) => onSnapToWords(e.target.checked)}
          />
          Snap to words
        </label>
      )}
    </div>
  );
}

function PinIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M10.5 1.5 14.5 5.5 12 6.5 9.5 9 9.5 12 8 13.5 5.5 11 2 14.5 1.5 14 5 10.5 2.5 8 4 6.5 7 6.5 9.5 4Z"
        fill="currentColor"
      />
    </svg>
  );
}

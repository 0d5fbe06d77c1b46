/**
 * The codebook's labels as buttons named by their label. Clicking one tags the current selection;
 * so does pressing its hotkey anywhere in the document pane. mousedown is prevented so that the
 * click does not take the text selection away.
 */
import type { LabelDef } from '../../shared/model';

export function LabelPalette({
  labels,
  hasSelection,
  onPick,
}: {
  labels: readonly LabelDef[];
  hasSelection: boolean;
  onPick: (label: string) => void;
}) {
  return (
    <div className="palette" role="toolbar" aria-label="Labels">
      {labels.map((label) => (
        <button
          key={label.name}
          type="button"
          className="label-button"
          style={{ ['--label-color' as string]: label.color }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(label.name)}
          title={`${label.description}${label.hotkey ? ` (key ${label.hotkey})` : ''}`}
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
      ))}
      <span className="palette-hint" aria-live="polite">
        {hasSelection
          ? 'Press a number or click a label to tag the selection.'
          : 'Select text to tag it.'}
      </span>
    </div>
  );
}

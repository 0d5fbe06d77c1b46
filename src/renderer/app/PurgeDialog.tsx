/**
 * The confirmation before unused actors are deleted: it states how many and which, and that undo
 * brings them back. Focus starts on Cancel; Escape cancels.
 */
import type { Entity } from '../../shared/model';
import { plural } from '../commands/entity-commands';

export function PurgeDialog({
  unused,
  onConfirm,
  onCancel,
}: {
  unused: readonly Entity[];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const names = unused.slice(0, 8).map((e) => `“${e.name}”`);
  const more = unused.length - names.length;
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="purge-title"
        aria-describedby="purge-text"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <h2 id="purge-title">Delete {plural(unused.length, 'unused actor')}?</h2>
        <p id="purge-text">
          No span links to {unused.length === 1 ? 'it' : 'them'}: {names.join(', ')}
          {more > 0 && ` and ${more} more`}. Ctrl+Z brings {unused.length === 1 ? 'it' : 'them'}{' '}
          back.
        </p>
        <div className="modal-actions">
          <button type="button" autoFocus onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={onConfirm}>
            Delete {plural(unused.length, 'actor')}
          </button>
        </div>
      </div>
    </div>
  );
}

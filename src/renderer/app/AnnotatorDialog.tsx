/** Asked once per person (stored in their own settings, not in the shared project). */
import { useState, type FormEvent } from 'react';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function AnnotatorDialog({
  suggested,
  onSubmit,
}: {
  suggested: string;
  onSubmit: (name: string) => Promise<void>;
}) {
  const [name, setName] = useState(suggested);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!SAFE_NAME.test(name)) {
      setProblem('Use letters, digits, "_" or "-" (it names your folder of annotations).');
      return;
    }
    setBusy(true);
    try {
      await onSubmit(name);
    } catch (error) {
      setProblem((error as Error).message);
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="annotator-title"
        onSubmit={submit}
      >
        <h2 id="annotator-title">Who is annotating?</h2>
        <p>Every span you tag records this name, so colleagues&apos; work stays apart.</p>
        <label htmlFor="annotator-name">Annotator name</label>
        <input
          id="annotator-name"
          autoFocus
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setProblem(null);
          }}
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'annotator-problem' : undefined}
        />
        {problem && (
          <p id="annotator-problem" className="field-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="modal-actions">
          <button type="submit" className="primary" disabled={busy}>
            Start annotating
          </button>
        </div>
      </form>
    </div>
  );
}

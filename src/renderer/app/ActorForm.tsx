/**
 * Creating or editing an actor: name, aliases (one per line), kind and Wikidata id, checked with
 * the same rules the service applies (entity-fields.ts) before anything is sent.
 */
import { useId, useState, type FormEvent } from 'react';
import { checkEntityNames } from '../../shared/entities/entity-fields';
import { EntityKind, type Entity } from '../../shared/model';
import { kindLabel } from './EntityCombobox';

export interface ActorFormValues {
  name: string;
  aliases: string[];
  kind: Entity['kind'];
  /** null: no Wikidata id. */
  qid: string | null;
}

export function ActorForm({
  title,
  initial,
  onSubmit,
  onCancel,
}: {
  title: string;
  initial?: Entity;
  onSubmit: (values: ActorFormValues) => Promise<void>;
  onCancel: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(initial?.name ?? '');
  const [aliases, setAliases] = useState(initial?.aliases.join('\n') ?? '');
  const [kind, setKind] = useState<Entity['kind']>(initial?.kind ?? 'person');
  const [qid, setQid] = useState(initial?.qid ?? '');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const aliasList = aliases.split('\n').filter((line) => line.trim() !== '');
    const checked = checkEntityNames({ name, aliases: aliasList, qid });
    setProblems(checked.problems);
    if (checked.problems.length > 0) return;
    setBusy(true);
    try {
      await onSubmit({
        name: checked.clean.name,
        aliases: checked.clean.aliases,
        kind,
        qid: checked.clean.qid ?? null,
      });
    } finally {
      setBusy(false);
    }
  };

  const problemsId = `${id}-problems`;
  return (
    <form className="actor-form" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h3 id={`${id}-title`}>{title}</h3>
      <label htmlFor={`${id}-name`}>Name</label>
      <input
        id={`${id}-name`}
        autoFocus
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-describedby={problems.length > 0 ? problemsId : undefined}
      />
      <label htmlFor={`${id}-aliases`}>
        Aliases <span className="muted">(one per line)</span>
      </label>
      <textarea
        id={`${id}-aliases`}
        rows={4}
        value={aliases}
        onChange={(e) => setAliases(e.target.value)}
      />
      <label htmlFor={`${id}-kind`}>Kind</label>
      <select
        id={`${id}-kind`}
        value={kind}
        onChange={(e) => setKind(EntityKind.parse(e.target.value))}
      >
        {EntityKind.options.map((k) => (
          <option key={k} value={k}>
            {kindLabel(k)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-qid`}>
        Wikidata id <span className="muted">(optional, e.g. Q42)</span>
      </label>
      <input id={`${id}-qid`} value={qid} onChange={(e) => setQid(e.target.value)} />
      {problems.length > 0 && (
        <ul id={problemsId} className="field-problem" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  );
}

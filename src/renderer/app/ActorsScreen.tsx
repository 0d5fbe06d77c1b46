/**
 * The Actors screen: the annotator's actor registry as a table (name, aliases, kind, Wikidata id,
 * how many spans link to each), with create and edit, merge two or more (choosing the one to
 * keep), purge the unused (after a confirmation that states the count), and "find mentions" of
 * an actor across the corpus. Every change is undoable (Ctrl+Z here, or on any screen).
 */
import { useEffect, useMemo, useState } from 'react';
import type { EntityWithUsage, OccurrenceResult } from '../../shared/api';
import { entityNeedles } from '../../shared/entities/entity-fields';
import type { Entity } from '../../shared/model';
import { isTypingTarget, runKeyAction, type Action } from '../actions/action';
import { linksToActors } from '../actions/entity-actions';
import { isMacPlatform } from '../actions/keys';
import { EntityCommands, plural } from '../commands/entity-commands';
import { unwrap } from '../commands/span-editor';
import { ActorForm, type ActorFormValues } from './ActorForm';
import { kindLabel } from './EntityCombobox';
import { matchEntities } from './entity-match';
import { PurgeDialog } from './PurgeDialog';
import type { WorkbenchView } from './screens';
import { SuggestionReview } from './SuggestionReview';
import './entities.css';
import { useEntities } from './use-entities';

const IS_MAC = isMacPlatform(navigator.platform);

/** What the side of the screen shows. */
type Side =
  | { kind: 'none' }
  | { kind: 'new' }
  | { kind: 'edit'; id: string }
  | { kind: 'merge'; ids: string[] }
  | { kind: 'review'; seq: number; title: string; source: string; result: OccurrenceResult };

interface ActorsContext {
  undo(): Promise<void>;
  redo(): Promise<void>;
  newActor(): void;
}

const actorsActions: Action<ActorsContext>[] = [
  { id: 'undo', title: 'Undo', group: 'Edit', keys: ['Mod+z'], perform: (c) => c.undo() },
  {
    id: 'redo',
    title: 'Redo',
    group: 'Edit',
    keys: ['Shift+Mod+z', 'Mod+y'],
    perform: (c) => c.redo(),
  },
  {
    id: 'new-actor',
    title: 'New actor',
    group: 'Actors',
    keys: ['n'],
    perform: (c) => c.newActor(),
  },
];

export function ActorsScreen({ view }: { view: WorkbenchView }) {
  const { client, history, status, codebook } = view;
  const { entities, reload } = useEntities(client, status);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [side, setSide] = useState<Side>({ kind: 'none' });
  const [confirmPurge, setConfirmPurge] = useState(false);
  const [searching, setSearching] = useState(false);

  const commands = useMemo(
    () => new EntityCommands({ client, history, onChange: () => void reload() }),
    [client, history, reload],
  );

  const context = useMemo<ActorsContext>(
    () => ({
      undo: async () => {
        const entry = await history.undo();
        status.info(entry ? `Undid: ${entry.description}` : 'Nothing to undo.');
      },
      redo: async () => {
        const entry = await history.redo();
        status.info(entry ? `Redid: ${entry.description}` : 'Nothing to redo.');
      },
      newActor: () => setSide({ kind: 'new' }),
    }),
    [history, status],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if (runKeyAction(actorsActions, context, event, IS_MAC, status.error)) {
        event.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [context, status]);

  const all = entities ?? [];
  const shown =
    filter.trim() === '' ? all : matchEntities(all, filter, all.length).map((m) => m.entity);
  const unused = all.filter((e) => e.usage === 0);
  const byId = (id: string) => all.find((e) => e.id === id);
  const actorLabel = codebook.labels.find((l) => linksToActors(codebook, l.name))?.name;

  const toggle = (id: string) =>
    setSelected((before) => {
      const next = new Set(before);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const save = async (values: ActorFormValues, editing: Entity | null) => {
    try {
      if (editing) {
        const updated = await commands.update(editing, values);
        status.info(`Saved ${updated.name}.`);
      } else {
        const { qid, ...rest } = values;
        const created = await commands.create({
          ...rest,
          ...(qid !== null && { qid }),
          attributes: {},
        });
        status.info(`Created the actor ${created.name}.`);
      }
      setSide({ kind: 'none' });
    } catch (error) {
      status.error(error);
    }
  };

  const merge = async (keep: string, ids: string[]) => {
    try {
      const record = await commands.merge(
        keep,
        ids.filter((id) => id !== keep),
      );
      const moved = record.relinked.reduce((n, r) => n + r.spans.length, 0);
      status.info(
        `Merged ${plural(record.removed.length, 'actor')} into ${record.kept.name}; ` +
          `${plural(moved, 'span')} now ${moved === 1 ? 'links' : 'link'} to it. Ctrl+Z undoes the merge.`,
      );
      setSelected(new Set());
      setSide({ kind: 'none' });
    } catch (error) {
      status.error(error);
    }
  };

  const purge = async () => {
    setConfirmPurge(false);
    try {
      const removed = await commands.purge(unused.map((e) => e.id));
      status.info(`Deleted ${plural(removed.length, 'unused actor')}. Ctrl+Z brings them back.`);
      setSelected(new Set());
    } catch (error) {
      status.error(error);
    }
  };

  const findMentions = async (entity: EntityWithUsage) => {
    if (!actorLabel) {
      status.error('No label of the codebook stands for actors, so there is nothing to tag.');
      return;
    }
    setSearching(true);
    try {
      const result = unwrap(
        await client.findOccurrences({
          scope: 'corpus',
          strings: entityNeedles(entity),
          label: actorLabel,
          entity: entity.id,
          caseSensitive: true,
        }),
      );
      setSide((before) => ({
        kind: 'review',
        seq: before.kind === 'review' ? before.seq + 1 : 1,
        title: `Mentions of “${entity.name}” in the corpus`,
        source: `mentions of “${entity.name}”`,
        result,
      }));
    } catch (error) {
      status.error(error);
    } finally {
      setSearching(false);
    }
  };

  const editing = side.kind === 'edit' ? byId(side.id) : undefined;

  return (
    <div className="screen actors-screen">
      <main className="actors-main" aria-labelledby="actors-title">
        <div className="actors-toolbar">
          <h2 id="actors-title">
            Actors <span className="muted">({all.length})</span>
          </h2>
          <input
            type="search"
            aria-label="Filter actors by name or alias"
            placeholder="Filter by name or alias"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <button type="button" aria-keyshortcuts="N" onClick={() => setSide({ kind: 'new' })}>
            New actor
          </button>
          <button
            type="button"
            disabled={selected.size < 2}
            onClick={() => setSide({ kind: 'merge', ids: [...selected] })}
          >
            Merge selected ({selected.size})…
          </button>
          <button
            type="button"
            className="danger"
            disabled={unused.length === 0}
            onClick={() => setConfirmPurge(true)}
          >
            Purge unused ({unused.length})…
          </button>
        </div>
        {entities === null ? (
          <p className="actors-empty">Loading the registry…</p>
        ) : all.length === 0 ? (
          <p className="actors-empty">
            No actors yet. Create one here, or from an Actor span on the Annotate screen ( “Create
            actor from this span”).
          </p>
        ) : (
          <table className="actors-table">
            <caption className="visually-hidden">
              Actor registry: {plural(shown.length, 'actor')}
              {filter.trim() !== '' && ` matching “${filter.trim()}”`}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Select</span>
                </th>
                <th scope="col">Name</th>
                <th scope="col">Aliases</th>
                <th scope="col">Kind</th>
                <th scope="col">Wikidata</th>
                <th scope="col" className="numeric">
                  Spans
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entity) => (
                <tr key={entity.id} className={selected.has(entity.id) ? 'is-selected' : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select ${entity.name}`}
                      checked={selected.has(entity.id)}
                      onChange={() => toggle(entity.id)}
                    />
                  </td>
                  <th scope="row" className="actor-name">
                    {entity.name}
                  </th>
                  <td className="actor-aliases">
                    {entity.aliases.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      entity.aliases.join(', ')
                    )}
                  </td>
                  <td>{kindLabel(entity.kind)}</td>
                  <td>{entity.qid ?? <span className="muted">—</span>}</td>
                  <td className="numeric">{entity.usage}</td>
                  <td className="actor-actions">
                    <button
                      type="button"
                      aria-label={`Edit ${entity.name}`}
                      onClick={() => setSide({ kind: 'edit', id: entity.id })}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      aria-label={`Find mentions of ${entity.name} in the corpus`}
                      disabled={searching}
                      onClick={() => void findMentions(entity)}
                    >
                      Find mentions
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
      <aside className="actors-side" aria-label="Actor details">
        {side.kind === 'new' && (
          <ActorForm
            key="new"
            title="New actor"
            onSubmit={(values) => save(values, null)}
            onCancel={() => setSide({ kind: 'none' })}
          />
        )}
        {side.kind === 'edit' && editing && (
          <ActorForm
            key={editing.id}
            title={`Edit ${editing.name}`}
            initial={editing}
            onSubmit={(values) => save(values, editing)}
            onCancel={() => setSide({ kind: 'none' })}
          />
        )}
        {side.kind === 'merge' && (
          <MergePanel
            entities={side.ids.map(byId).filter((e) => e !== undefined)}
            onMerge={(keep) => void merge(keep, side.ids)}
            onCancel={() => setSide({ kind: 'none' })}
          />
        )}
        {side.kind === 'review' && (
          <SuggestionReview
            key={side.seq}
            title={side.title}
            source={side.source}
            result={side.result}
            commands={commands}
            status={status}
            onClose={() => setSide({ kind: 'none' })}
          />
        )}
        {side.kind === 'none' && (
          <p className="actors-help">
            An actor is one person or organisation, however the articles name it. Link Actor spans
            to actors on the Annotate screen; here, merge duplicates (their spans follow), edit
            names and aliases, and find untagged mentions across the corpus.
          </p>
        )}
      </aside>
      {confirmPurge && (
        <PurgeDialog
          unused={unused}
          onConfirm={() => void purge()}
          onCancel={() => setConfirmPurge(false)}
        />
      )}
    </div>
  );
}

/** Choosing which of the selected actors to keep; the others merge into it. */
function MergePanel({
  entities,
  onMerge,
  onCancel,
}: {
  entities: EntityWithUsage[];
  onMerge: (keep: string) => void;
  onCancel: () => void;
}) {
  // The most used one is the likeliest to keep.
  const [keep, setKeep] = useState(
    () => [...entities].sort((a, b) => b.usage - a.usage)[0]?.id ?? '',
  );
  const kept = entities.find((e) => e.id === keep);
  const others = entities.filter((e) => e.id !== keep);
  const moving = others.reduce((n, e) => n + e.usage, 0);
  return (
    <section className="merge-panel" aria-labelledby="merge-title">
      <h3 id="merge-title">Merge {plural(entities.length, 'actor')}</h3>
      <fieldset>
        <legend>Keep which one?</legend>
        {entities.map((e) => (
          <label key={e.id} className="merge-choice">
            <input
              type="radio"
              name="merge-keep"
              value={e.id}
              checked={e.id === keep}
              onChange={() => setKeep(e.id)}
            />
            {e.name} <span className="muted">({plural(e.usage, 'span')})</span>
          </label>
        ))}
      </fieldset>
      {kept && (
        <p className="merge-summary">
          {plural(moving, 'span')} of {others.map((e) => `“${e.name}”`).join(', ')} will link to “
          {kept.name}”, and their names and aliases become its aliases. Ctrl+Z undoes it.
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={!kept || others.length === 0}
          onClick={() => onMerge(keep)}
        >
          Merge into {kept ? `“${kept.name}”` : '…'}
        </button>
      </div>
    </section>
  );
}

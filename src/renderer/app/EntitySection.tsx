/**
 * The span panel's actor section, for spans that stand for actors: which registry actor the span
 * is (so "FBI director James Comey", "James Comey" and "Comey" count as one actor), a combobox to
 * link it (E focuses it), "create actor from this span", unlink, and "find other mentions" in
 * the document or the corpus, reviewed in a list before anything is saved. Every change is
 * undoable through the History.
 */
import { useMemo, useState } from 'react';
import type { OccurrenceResult } from '../../shared/api';
import { entityNeedles } from '../../shared/entities/entity-fields';
import { EntityKind, type Annotation, type Codebook } from '../../shared/model';
import { ACTOR_LINK_INPUT_ID, linksToActors } from '../actions/entity-actions';
import { EntityCommands } from '../commands/entity-commands';
import { unwrap } from '../commands/span-editor';
import { EntityCombobox, kindLabel } from './EntityCombobox';
import { useSpanSection } from './span-section-context';
import { SuggestionReview } from './SuggestionReview';
import './entities.css';
import { useEntities } from './use-entities';

export function EntitySection({
  annotation,
  codebook,
}: {
  annotation: Annotation;
  codebook: Codebook;
}) {
  if (!linksToActors(codebook, annotation.label)) return null;
  // Keyed: a review, a typed name and the like belong to the span they were started from.
  return <ActorLink key={annotation.id} annotation={annotation} />;
}

interface Review {
  /** Counts searches, so that a new search starts a fresh review. */
  seq: number;
  title: string;
  source: string;
  result: OccurrenceResult;
}

function ActorLink({ annotation }: { annotation: Annotation }) {
  const { client, editor, history, status } = useSpanSection();
  const loaded = useEntities(client, status);
  const entities = loaded.entities ?? [];
  const reload = loaded.reload;
  const [review, setReview] = useState<Review | null>(null);
  const [matchCase, setMatchCase] = useState(true);
  const [searching, setSearching] = useState(false);

  const commands = useMemo(
    () => new EntityCommands({ client, history, onChange: () => void reload() }),
    [client, history, reload],
  );

  const linked = entities.find((e) => e.id === annotation.entity);

  const link = async (entity: { id: string; name: string } | null) => {
    try {
      await editor.setEntity(
        annotation.id,
        entity?.id ?? null,
        entity ? `link to ${entity.name}` : 'unlink actor',
      );
      status.info(entity ? `Linked “${annotation.quote}” to ${entity.name}.` : 'Unlinked.');
      await reload();
    } catch (error) {
      status.error(error);
    }
  };

  const createFromSpan = async (name: string) => {
    const kind = EntityKind.safeParse(annotation.attributes.kind);
    try {
      const entity = await commands.createFromSpan(editor, annotation, {
        name,
        aliases: [],
        kind: kind.success ? kind.data : 'other',
        attributes: {},
      });
      status.info(`Created the actor ${entity.name} and linked this span to it.`);
    } catch (error) {
      status.error(error);
    }
  };

  const findMentions = async (scope: 'document' | 'corpus') => {
    const strings = [annotation.quote, ...(linked ? entityNeedles(linked) : [])];
    const what = linked?.name ?? annotation.quote;
    setSearching(true);
    try {
      const result = unwrap(
        await client.findOccurrences({
          scope,
          doc: annotation.doc,
          strings,
          label: annotation.label,
          entity: linked?.id,
          caseSensitive: matchCase,
        }),
      );
      setReview((before) => ({
        seq: (before?.seq ?? 0) + 1,
        title: `Mentions of “${what}” in ${scope === 'document' ? 'this document' : 'the corpus'}`,
        source: `mentions of “${what}”`,
        result,
      }));
    } catch (error) {
      status.error(error);
    } finally {
      setSearching(false);
    }
  };

  return (
    <section className="entity-section" aria-labelledby={`actor-head-${annotation.id}`}>
      <h3 id={`actor-head-${annotation.id}`}>Actor</h3>
      {annotation.entity === undefined ? (
        <p className="entity-none">Not linked to an actor yet.</p>
      ) : (
        <div className="entity-linked">
          <p>
            {linked ? (
              <>
                <strong>{linked.name}</strong>
                <span className="entity-meta">
                  {' · '}
                  {kindLabel(linked.kind)}
                  {linked.qid ? ` · ${linked.qid}` : ''} · {linked.usage}{' '}
                  {linked.usage === 1 ? 'span' : 'spans'}
                </span>
              </>
            ) : (
              <>Linked to an actor that is not in your registry ({annotation.entity}).</>
            )}
          </p>
          <button type="button" onClick={() => void link(null)}>
            Unlink
          </button>
        </div>
      )}
      <EntityCombobox
        inputId={ACTOR_LINK_INPUT_ID}
        label={annotation.entity === undefined ? 'Link to actor' : 'Link to another actor'}
        placeholder="Type a name or alias…"
        entities={entities.filter((e) => e.id !== annotation.entity)}
        onChoose={(entity) => void link(entity)}
        onCreate={(name) => void createFromSpan(name)}
      />
      {annotation.entity === undefined && (
        <button
          type="button"
          className="entity-create"
          onClick={() => void createFromSpan(annotation.quote)}
        >
          Create actor from this span
        </button>
      )}
      <div className="entity-find" role="group" aria-label="Find other mentions">
        <span className="entity-find-label">Find other mentions</span>
        <button type="button" disabled={searching} onClick={() => void findMentions('document')}>
          In this document
        </button>
        <button type="button" disabled={searching} onClick={() => void findMentions('corpus')}>
          In the corpus
        </button>
        <label className="entity-match-case">
          <input
            type="checkbox"
            checked={matchCase}
            onChange={(e) => setMatchCase(e.target.checked)}
          />
          Match case
        </label>
      </div>
      {review && (
        <SuggestionReview
          key={review.seq}
          title={review.title}
          source={review.source}
          result={review.result}
          commands={commands}
          status={status}
          onSaved={(spans) => editor.adopt(spans)}
          onRetracted={(ids) => editor.forget(ids)}
          onClose={() => setReview(null)}
        />
      )}
    </section>
  );
}

/**
 * The side panel's statement and relations sections for the selected span: the statement it
 * takes part in ("Actor — stance → Topic"), its relations (each a button that selects the span
 * at the other end, and a remove button), and "Link to…", which opens the relation picker as
 * the key R does.
 */
import type { Annotation, Codebook, Relation } from '../../shared/model';
import { canRelate, relationProblem } from '../../shared/relation-rules';
import type { StatementSummary } from '../../shared/statement-summary';
import { LabelName, clip, describeLink } from './RelationPicker';
import './statements.css';

export function RelationSection({
  codebook,
  span,
  relations,
  spanById,
  statements,
  onLink,
  onUnlink,
  onSelectSpan,
}: {
  codebook: Codebook;
  span: Annotation;
  /** The relations with `span` at either end. */
  relations: readonly Relation[];
  spanById: (id: string) => Annotation | undefined;
  statements: readonly StatementSummary[];
  onLink: () => void;
  onUnlink: (relationId: string) => void;
  onSelectSpan: (spanId: string) => void;
}) {
  if (!canRelate(codebook, span.label) && relations.length === 0) return null;
  const color = (label: string) => codebook.labels.find((l) => l.name === label)?.color;
  const links = relations
    .map((relation) => {
      const outgoing = relation.from === span.id;
      const other = spanById(outgoing ? relation.to : relation.from);
      return other ? { relation, outgoing, other } : null;
    })
    .filter((link) => link !== null)
    .sort(
      (a, b) =>
        Number(b.outgoing) - Number(a.outgoing) ||
        a.other.start - b.other.start ||
        a.relation.type.localeCompare(b.relation.type),
    );

  return (
    <>
      {statements.length > 0 && (
        <section className="panel-statement" aria-label="Statement">
          <h3>{statements.length === 1 ? 'Statement' : `Statements (${statements.length})`}</h3>
          {statements.map((s) => (
            <div key={s.claim.id} className="statement">
              <p className="statement-line">
                <Part spans={s.actors} empty="no actor yet" role="actor" />
                {' — '}
                <span className={s.stance ? 'statement-stance' : 'statement-stance is-missing'}>
                  {s.stance ? s.stance.replace(/_/g, ' ') : 'no stance'}
                </span>
                {' → '}
                <Part spans={s.topics} empty="no topic yet" role="topic" />
              </p>
              {s.claim.id !== span.id && (
                <button
                  type="button"
                  className="statement-claim"
                  onClick={() => onSelectSpan(s.claim.id)}
                  aria-label={`Go to the claim “${clip(s.claim.quote, 80)}”`}
                >
                  claim: “{clip(s.claim.quote, 70)}”
                </button>
              )}
            </div>
          ))}
        </section>
      )}
      <section className="panel-relations" aria-label="Relations">
        <h3>Relations</h3>
        {links.length === 0 ? (
          <p className="panel-relations-empty">None yet.</p>
        ) : (
          <ul className="relation-list">
            {links.map(({ relation, outgoing, other }) => {
              const link = describeLink({
                type: relation.type,
                direction: outgoing ? 'outgoing' : 'incoming',
              });
              const [from, to] = outgoing ? [span, other] : [other, span];
              const problem = relationProblem(codebook, relation.type, { from, to });
              const name = `${link} ${other.label} “${clip(other.quote, 60)}”`;
              return (
                <li key={relation.id} className={problem ? 'relation is-invalid' : 'relation'}>
                  <button
                    type="button"
                    className="relation-target"
                    onClick={() => onSelectSpan(other.id)}
                    aria-label={`Go to ${name}`}
                    title={problem ?? `Select the ${other.label} span`}
                  >
                    <span className="relation-type">{link}</span>
                    <LabelName label={other.label} color={color(other.label)} />
                    <span className="relation-quote">{clip(other.quote, 60)}</span>
                    {problem && <span className="relation-problem"> · not in the codebook</span>}
                  </button>
                  <button
                    type="button"
                    className="relation-remove"
                    onClick={() => onUnlink(relation.id)}
                    aria-label={`Remove the relation ${name}`}
                    title="Remove this relation"
                  >
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {canRelate(codebook, span.label) && (
          <button
            type="button"
            className="relation-add"
            onClick={onLink}
            aria-keyshortcuts="R"
            title="Link this span to another (R)"
          >
            Link to… <kbd aria-hidden="true">R</kbd>
          </button>
        )}
      </section>
    </>
  );
}

function Part({
  spans,
  empty,
  role,
}: {
  spans: readonly Annotation[];
  empty: string;
  role: 'actor' | 'topic';
}) {
  if (spans.length === 0) return <span className={`statement-${role} is-missing`}>{empty}</span>;
  return (
    <span className={`statement-${role}`}>{spans.map((s) => clip(s.quote, 48)).join(' & ')}</span>
  );
}

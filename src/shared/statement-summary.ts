/**
 * The statement a span takes part in, for the side panel: who (actors) claims what (the claim)
 * with which stance about which policy topics. The roles are read as the exports read them
 * (formats/statements.ts): the labels from `statementRoles`, and the actor (topic) relations are
 * those the codebook allows between the claim label and the actor (topic) label, in either
 * direction — any relation between them when the codebook declares none.
 */
import type { Annotation, Codebook, Relation } from './model';
import { statementRoles, type StatementRoles } from './formats/statements';

export interface StatementSummary {
  readonly claim: Annotation;
  /** In text order; empty when the claim has no actor yet. */
  readonly actors: readonly Annotation[];
  readonly topics: readonly Annotation[];
  /** The claim's stance as text; "" when unset. */
  readonly stance: string;
}

/**
 * The statements `spanId` is part of: its own when it is a claim, else those of the claims it
 * is linked to as actor or topic (in text order). A lone claim counts, so the panel can show
 * what is still missing.
 */
export function statementsOfSpan(
  spanId: string,
  spanById: (id: string) => Annotation | undefined,
  relations: readonly Relation[],
  codebook: Codebook,
  roles: StatementRoles = statementRoles(codebook),
): StatementSummary[] {
  const span = spanById(spanId);
  if (!span) return [];
  const actorTypes = typesBetween(codebook, roles.claimLabel, roles.actorLabel);
  const topicTypes = typesBetween(codebook, roles.claimLabel, roles.topicLabel);
  /** The claim and the other end of a relation that joins a claim to an actor or a topic. */
  const roleOf = (r: Relation) => {
    const from = spanById(r.from);
    const to = spanById(r.to);
    if (!from || !to) return null;
    const claim =
      from.label === roles.claimLabel ? from : to.label === roles.claimLabel ? to : null;
    if (!claim) return null;
    const other = claim === from ? to : from;
    if (other.label === roles.actorLabel && (!actorTypes || actorTypes.has(r.type))) {
      return { claim, role: 'actor' as const, other };
    }
    if (other.label === roles.topicLabel && (!topicTypes || topicTypes.has(r.type))) {
      return { claim, role: 'topic' as const, other };
    }
    return null;
  };

  const claims =
    span.label === roles.claimLabel
      ? [span]
      : uniqueSorted(
          relations.flatMap((r) => {
            const found = (r.from === spanId || r.to === spanId) && roleOf(r);
            return found && found.other.id === spanId ? [found.claim] : [];
          }),
        );
  return claims.map((claim) => {
    const actors: Annotation[] = [];
    const topics: Annotation[] = [];
    for (const r of relations) {
      if (r.from !== claim.id && r.to !== claim.id) continue;
      const found = roleOf(r);
      if (found?.claim !== claim) continue;
      (found.role === 'actor' ? actors : topics).push(found.other);
    }
    const stance = claim.attributes[roles.stanceAttribute];
    return {
      claim,
      actors: uniqueSorted(actors),
      topics: uniqueSorted(topics),
      stance: stance === undefined || stance === null ? '' : String(stance),
    };
  });
}

function typesBetween(codebook: Codebook, a: string, b: string): Set<string> | null {
  const types = codebook.relationTypes
    .filter(
      (t) => (t.from.includes(a) && t.to.includes(b)) || (t.from.includes(b) && t.to.includes(a)),
    )
    .map((t) => t.name);
  return types.length > 0 ? new Set(types) : null;
}

function uniqueSorted(spans: readonly Annotation[]): Annotation[] {
  return [...new Map(spans.map((s) => [s.id, s])).values()].sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
}

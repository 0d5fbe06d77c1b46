/**
 * Statements, the unit of discourse-network research: a claim, the actor who makes it, and
 * (optionally) the policy topic it is about, with the claim's stance. They are read off the
 * annotations: a Claim span linked to an Actor span by a "made by"-like relation, and to a Policy
 * topic span by an "about"-like relation.
 *
 * Which labels and relation types play these roles comes from the codebook, robustly:
 * - the labels are the codebook labels named Claim, Actor and Policy topic (case-insensitive),
 *   unless the caller names others;
 * - the actor relation types are the codebook's relation types allowed between the claim label
 *   and the actor label, in either direction; likewise for topics. A codebook that declares none
 *   for a pair accepts any relation type between those labels;
 * - which end of a relation is the claim is read from the spans' labels, not from the direction.
 * A claim with several actors or topics yields one statement per (actor, topic) pair; a claim
 * with no actor is not a statement (its span stays in every span export).
 */
import type { Annotation, Codebook, Entity } from '../model';
import type { ExportBundle } from './bundle';
import { compareSpans, indexBundle } from './bundle';

export interface StatementRoles {
  claimLabel: string;
  actorLabel: string;
  topicLabel: string;
  /** The claim attribute holding the stance. */
  stanceAttribute: string;
}

export interface StatementActor {
  /** Identity for networks: `entity:<id>` when linked, else `text:<case-folded text>`. */
  key: string;
  /** The entity's canonical name when linked, else the span text. */
  name: string;
  entity?: string;
  qid?: string;
  /** The span's own text. */
  text: string;
  spanId: string;
}

export interface StatementTopic {
  /** Identity for networks: `topic:<case-folded, space-collapsed text>`. */
  key: string;
  text: string;
  spanId: string;
}

export interface Statement {
  doc: string;
  annotator: string;
  /** meta.published, else meta.date, else "". */
  date: string;
  claimId: string;
  /** The claim span's text. */
  claim: string;
  /** Value of the stance attribute as text ("" when unset). */
  stance: string;
  actor: StatementActor;
  topic?: StatementTopic;
}

const DEFAULT_ROLES: StatementRoles = {
  claimLabel: 'Claim',
  actorLabel: 'Actor',
  topicLabel: 'Policy topic',
  stanceAttribute: 'stance',
};

/** The roles for a codebook: its own spelling of the default labels, or the caller's choice. */
export function statementRoles(
  codebook: Codebook,
  overrides: Partial<StatementRoles> = {},
): StatementRoles {
  const spelled = (name: string) =>
    codebook.labels.find((l) => l.name.toLowerCase() === name.toLowerCase())?.name ?? name;
  return {
    claimLabel: overrides.claimLabel ?? spelled(DEFAULT_ROLES.claimLabel),
    actorLabel: overrides.actorLabel ?? spelled(DEFAULT_ROLES.actorLabel),
    topicLabel: overrides.topicLabel ?? spelled(DEFAULT_ROLES.topicLabel),
    stanceAttribute: overrides.stanceAttribute ?? DEFAULT_ROLES.stanceAttribute,
  };
}

/** Relation types joining `a` and `b` in either direction; null when the codebook names none. */
function relationTypesBetween(codebook: Codebook, a: string, b: string): Set<string> | null {
  const types = codebook.relationTypes
    .filter(
      (t) => (t.from.includes(a) && t.to.includes(b)) || (t.from.includes(b) && t.to.includes(a)),
    )
    .map((t) => t.name);
  return types.length > 0 ? new Set(types) : null;
}

/** Every statement in the bundle, in document, annotator and claim order. */
export function extractStatements(
  bundle: ExportBundle,
  roles = statementRoles(bundle.codebook),
): Statement[] {
  const entities = new Map<string, Entity>(bundle.entities.map((e) => [e.id, e]));
  const actorTypes = relationTypesBetween(bundle.codebook, roles.claimLabel, roles.actorLabel);
  const topicTypes = relationTypesBetween(bundle.codebook, roles.claimLabel, roles.topicLabel);
  const statements: Statement[] = [];
  for (const { doc, layers } of indexBundle(bundle)) {
    const date = doc.meta['published'] ?? doc.meta['date'] ?? '';
    for (const layer of layers) {
      const spans = new Map(layer.annotations.map((a) => [a.id, a]));
      const actors = new Map<string, Annotation[]>();
      const topics = new Map<string, Annotation[]>();
      for (const r of layer.relations) {
        const ends = [spans.get(r.from)!, spans.get(r.to)!];
        const claim = ends.find((a) => a.label === roles.claimLabel);
        const other = ends.find((a) => a !== claim);
        if (!claim || !other) continue;
        if (other.label === roles.actorLabel && (!actorTypes || actorTypes.has(r.type))) {
          push(actors, claim.id, other);
        } else if (other.label === roles.topicLabel && (!topicTypes || topicTypes.has(r.type))) {
          push(topics, claim.id, other);
        }
      }
      const claims = layer.annotations
        .filter((a) => a.label === roles.claimLabel)
        .sort(compareSpans);
      for (const claim of claims) {
        const stance = claim.attributes[roles.stanceAttribute];
        const claimTopics = [...new Set(topics.get(claim.id) ?? [])].sort(compareSpans);
        for (const actor of [...new Set(actors.get(claim.id) ?? [])].sort(compareSpans)) {
          for (const topic of claimTopics.length > 0 ? claimTopics : [undefined]) {
            statements.push({
              doc: doc.id,
              annotator: layer.annotator,
              date,
              claimId: claim.id,
              claim: doc.text.slice(claim.start, claim.end),
              stance: stance === undefined || stance === null ? '' : String(stance),
              actor: statementActor(actor, doc.text, entities),
              ...(topic && { topic: statementTopic(topic, doc.text) }),
            });
          }
        }
      }
    }
  }
  return statements;
}

function push(map: Map<string, Annotation[]>, key: string, value: Annotation): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Case-folded, whitespace-collapsed text: "Encryption" and "encryption " are one node. */
function normalised(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function statementActor(
  span: Annotation,
  text: string,
  entities: Map<string, Entity>,
): StatementActor {
  const spanText = text.slice(span.start, span.end);
  const entity = span.entity !== undefined ? entities.get(span.entity) : undefined;
  if (span.entity !== undefined) {
    return {
      key: `entity:${span.entity}`,
      name: entity?.name ?? spanText,
      entity: span.entity,
      ...(entity?.qid !== undefined && { qid: entity.qid }),
      text: spanText,
      spanId: span.id,
    };
  }
  return { key: `text:${normalised(spanText)}`, name: spanText, text: spanText, spanId: span.id };
}

function statementTopic(span: Annotation, text: string): StatementTopic {
  const spanText = text.slice(span.start, span.end);
  return { key: `topic:${normalised(spanText)}`, text: spanText, spanId: span.id };
}

/**
 * What the codebook allows a relation to join: each relation type names the labels allowed at
 * its source (`from`) and at its target (`to`). The services refuse anything else with
 * `relationProblem`'s message; the relation picker offers only what `relationCandidates` finds.
 *
 * Offsets (`start`, `end`, distances) are UTF-16 code units, as everywhere inside the app.
 */
import type { Annotation, Codebook, Relation, RelationTypeDef } from './model';

/** The relation types allowed from a span labelled `fromLabel` to one labelled `toLabel`. */
export function relationTypesBetween(
  codebook: Codebook,
  fromLabel: string,
  toLabel: string,
): RelationTypeDef[] {
  return codebook.relationTypes.filter((t) => t.from.includes(fromLabel) && t.to.includes(toLabel));
}

/** Whether a span with this label can be at either end of some relation type. */
export function canRelate(codebook: Codebook, label: string): boolean {
  return codebook.relationTypes.some((t) => t.from.includes(label) || t.to.includes(label));
}

/** "made by" (Claim → Actor), for messages. */
export function describeRelationType(type: RelationTypeDef): string {
  const either = (labels: readonly string[]) =>
    labels.length === 0 ? 'no label' : labels.join(' or ');
  return `"${type.name}" (${either(type.from)} → ${either(type.to)})`;
}

/** The two spans a relation would join, as far as the rules care. */
export interface RelationEnds {
  readonly from: Pick<Annotation, 'label' | 'quote'>;
  readonly to: Pick<Annotation, 'label' | 'quote'>;
}

/**
 * Why the codebook does not allow a `type` relation between these spans, in a sentence a person
 * can act on; null when it does.
 */
export function relationProblem(
  codebook: Codebook,
  type: string,
  ends: RelationEnds,
): string | null {
  const def = codebook.relationTypes.find((t) => t.name === type);
  if (!def) {
    const known = codebook.relationTypes.map(describeRelationType).join(', ');
    return codebook.relationTypes.length === 0
      ? `The codebook defines no relation types, so spans cannot be linked (asked for "${type}"). ` +
          'Add a relation type to the codebook first.'
      : `There is no relation type "${type}" in the codebook (relation types: ${known}).`;
  }
  const { from, to } = ends;
  if (def.from.includes(from.label) && def.to.includes(to.label)) return null;
  const fitting = relationTypesBetween(codebook, from.label, to.label).map((t) => `"${t.name}"`);
  return (
    `A ${describeRelationType(def)} relation cannot go from the ${from.label} span ` +
    `“${clip(from.quote)}” to the ${to.label} span “${clip(to.quote)}”. ` +
    (fitting.length > 0
      ? `Between these labels the codebook allows ${fitting.join(', ')}.`
      : `The codebook allows no relation from ${from.label} to ${to.label}.`)
  );
}

/** A span the picker offers to link with the source span, and how. */
export interface RelationCandidate {
  readonly span: Annotation;
  readonly type: string;
  /**
   * `outgoing`: the relation goes from the source to this span (source is its `from`);
   * `incoming`: from this span to the source (e.g. picking a Claim while an Actor is selected).
   */
  readonly direction: 'outgoing' | 'incoming';
  /** Code units between the two spans; 0 when they touch or overlap. */
  readonly distance: number;
}

/**
 * Every (span, relation type, direction) the codebook allows between `source` and another span
 * of the layer, nearest first (ties: earlier span, outgoing before incoming, codebook order of
 * types). Links that already exist are left out: linking twice would only be refused.
 */
export function relationCandidates(
  source: Annotation,
  spans: Iterable<Annotation>,
  relations: Iterable<Relation>,
  codebook: Codebook,
): RelationCandidate[] {
  const found: RelationCandidate[] = [];
  forEachFittingLink(source, spans, relations, codebook, (candidate) => {
    found.push(candidate);
  });
  const order = new Map(codebook.relationTypes.map((t, i) => [t.name, i]));
  return found.sort(
    (a, b) =>
      a.distance - b.distance ||
      a.span.start - b.span.start ||
      a.span.end - b.span.end ||
      (a.direction === b.direction ? 0 : a.direction === 'outgoing' ? -1 : 1) ||
      order.get(a.type)! - order.get(b.type)!,
  );
}

/**
 * Whether `relationCandidates` would find anything, stopping at the first fitting span: R on a
 * span with nothing left to link says so without sorting thousands of candidates.
 */
export function hasRelationCandidate(
  source: Annotation,
  spans: Iterable<Annotation>,
  relations: Iterable<Relation>,
  codebook: Codebook,
): boolean {
  let found = false;
  forEachFittingLink(source, spans, relations, codebook, () => {
    found = true;
    return 'stop';
  });
  return found;
}

/**
 * Calls `visit` with each candidate in the order of `spans`, until it returns 'stop'. A plain
 * loop with a callback: over 10,000 spans it is several times faster than a generator.
 */
function forEachFittingLink(
  source: Annotation,
  spans: Iterable<Annotation>,
  relations: Iterable<Relation>,
  codebook: Codebook,
  visit: (candidate: RelationCandidate) => 'stop' | void,
): void {
  const outgoing = codebook.relationTypes.filter((t) => t.from.includes(source.label));
  const incoming = codebook.relationTypes.filter((t) => t.to.includes(source.label));
  if (outgoing.length === 0 && incoming.length === 0) return;
  // The source's existing links by their other span: few, so most spans cost no lookup.
  const linked = new Map<string, Relation[]>();
  for (const r of relations) {
    const other = r.from === source.id ? r.to : r.to === source.id ? r.from : null;
    if (other !== null) linked.set(other, [...(linked.get(other) ?? []), r]);
  }
  const exists = (span: string, type: string, from: string, to: string) =>
    linked.get(span)?.some((r) => r.type === type && r.from === from && r.to === to) ?? false;
  for (const span of spans) {
    if (span.id === source.id) continue;
    const distance = Math.max(0, span.start - source.end, source.start - span.end);
    for (const t of outgoing) {
      if (t.to.includes(span.label) && !exists(span.id, t.name, source.id, span.id)) {
        if (visit({ span, type: t.name, direction: 'outgoing', distance }) === 'stop') return;
      }
    }
    for (const t of incoming) {
      if (t.from.includes(span.label) && !exists(span.id, t.name, span.id, source.id)) {
        if (visit({ span, type: t.name, direction: 'incoming', distance }) === 'stop') return;
      }
    }
  }
}

/** Identity of a link for duplicate checks: the same type between the same spans, same way. */
export function relationKey(type: string, from: string, to: string): string {
  return JSON.stringify([type, from, to]);
}

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

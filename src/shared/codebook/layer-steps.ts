/**
 * What a codebook change does to one annotation layer, as plain steps applied in order:
 * renames (and merges) move annotations, attribute keys, enum values and relation types to new
 * names; deletions remove annotations (with every relation touching them), attribute values or
 * relations. `migrateLayer` applies a list of steps and counts what each one changed.
 *
 * Pure and deterministic: a record a step does not touch keeps its identity (so the store's
 * per-record line cache still holds), and no timestamp changes — a codebook migration is not
 * the annotator changing their judgement, and two machines migrating the same layer produce the
 * same bytes (a shared git repository then merges them without a conflict).
 */
import type { Annotation, Attributes, Relation } from '../model';

export type LayerStep =
  | { readonly kind: 'label'; readonly from: string; readonly to: string }
  | {
      readonly kind: 'attribute';
      readonly label: string;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly kind: 'value';
      readonly label: string;
      readonly attribute: string;
      readonly from: string;
      readonly to: string;
    }
  | { readonly kind: 'relationType'; readonly from: string; readonly to: string }
  | { readonly kind: 'deleteLabel'; readonly label: string }
  | { readonly kind: 'deleteAttribute'; readonly label: string; readonly attribute: string }
  | {
      readonly kind: 'deleteValue';
      readonly label: string;
      readonly attribute: string;
      readonly value: string;
    }
  | { readonly kind: 'deleteRelationType'; readonly type: string };

/** What one step did to one layer. */
export interface StepCount {
  /** Annotations the step changed or deleted. */
  annotations: number;
  /** Relations the step changed or deleted (deleted: also those touching a deleted annotation). */
  relations: number;
  deletedAnnotations: number;
  deletedRelations: number;
  /** Attribute values (not null) removed from annotations that stay. */
  removedValues: number;
  /**
   * Annotations an attribute rename left alone because they already hold a value under the new
   * name: moving the old value would overwrite it. A plan with conflicts is not applied.
   */
  conflicts: number;
}

/**
 * The part of a layer the steps work on; the rest of the layer is kept as it is. A curated
 * (gold) layer has no relations.
 */
export interface LayerContent {
  readonly annotations: readonly Annotation[];
  readonly relations?: readonly Relation[];
}

export interface MigratedLayer<L> {
  readonly layer: L;
  /**
   * One count per step, in the order of the steps. A record two steps touch counts in both,
   * even when the second undoes the first (a rename and its undo).
   */
  readonly counts: StepCount[];
  /** Records that differ after all the steps (changed or deleted): the net effect. */
  readonly net: { annotations: number; relations: number };
  readonly changed: boolean;
}

export function emptyCount(): StepCount {
  return {
    annotations: 0,
    relations: 0,
    deletedAnnotations: 0,
    deletedRelations: 0,
    removedValues: 0,
    conflicts: 0,
  };
}

/** Applies `steps` in order to the layer; the input is never mutated. */
export function migrateLayer<L extends LayerContent>(
  layer: L,
  steps: readonly LayerStep[],
): MigratedLayer<L> {
  const counts = steps.map(emptyCount);
  const net = { annotations: 0, relations: 0 };
  if (steps.length === 0) return { layer, counts, net, changed: false };

  /** Deleted annotation id → the step that deleted it (its relations are counted there). */
  const deletedBy = new Map<string, number>();
  const annotations: Annotation[] = [];
  for (const original of layer.annotations) {
    const result = migrateAnnotation(original, steps, counts);
    if (result.deletedBy !== null) {
      deletedBy.set(original.id, result.deletedBy);
      net.annotations++;
      continue;
    }
    if (result.annotation !== original) net.annotations++;
    annotations.push(result.annotation);
  }

  const relations: Relation[] = [];
  for (const original of layer.relations ?? []) {
    const result = migrateRelation(original, steps, counts);
    if (result === null) {
      net.relations++;
      continue;
    }
    const endDeletedBy = deletedBy.get(original.from) ?? deletedBy.get(original.to);
    if (endDeletedBy !== undefined) {
      counts[endDeletedBy]!.relations++;
      counts[endDeletedBy]!.deletedRelations++;
      net.relations++;
      continue;
    }
    if (result !== original) net.relations++;
    relations.push(result);
  }

  if (net.annotations === 0 && net.relations === 0) return { layer, counts, net, changed: false };
  return {
    layer: { ...layer, annotations, ...(layer.relations && { relations }) },
    counts,
    net,
    changed: true,
  };
}

function migrateAnnotation(
  original: Annotation,
  steps: readonly LayerStep[],
  counts: StepCount[],
): { annotation: Annotation; deletedBy: number | null } {
  let label = original.label;
  let attributes: Attributes = original.attributes;
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!;
    const count = counts[index]!;
    switch (step.kind) {
      case 'label':
        if (label === step.from) {
          label = step.to;
          count.annotations++;
        }
        break;
      case 'deleteLabel':
        if (label === step.label) {
          count.annotations++;
          count.deletedAnnotations++;
          return { annotation: original, deletedBy: index };
        }
        break;
      case 'attribute':
        if (label !== step.label || !Object.hasOwn(attributes, step.from)) break;
        if (Object.hasOwn(attributes, step.to)) {
          count.conflicts++;
          break;
        }
        attributes = renameKey(attributes, step.from, step.to);
        count.annotations++;
        break;
      case 'value':
        if (label === step.label && attributes[step.attribute] === step.from) {
          attributes = { ...attributes, [step.attribute]: step.to };
          count.annotations++;
        }
        break;
      case 'deleteAttribute':
        if (label !== step.label || !Object.hasOwn(attributes, step.attribute)) break;
        if (attributes[step.attribute] !== null) count.removedValues++;
        attributes = withoutKey(attributes, step.attribute);
        count.annotations++;
        break;
      case 'deleteValue':
        if (label === step.label && attributes[step.attribute] === step.value) {
          attributes = withoutKey(attributes, step.attribute);
          count.removedValues++;
          count.annotations++;
        }
        break;
      case 'relationType':
      case 'deleteRelationType':
        break;
    }
  }
  // A rename followed by its undo leaves an equal record: keep the original (and its identity).
  if (label === original.label && sameAttributes(attributes, original.attributes)) {
    return { annotation: original, deletedBy: null };
  }
  return { annotation: { ...original, label, attributes }, deletedBy: null };
}

/** The relation after the steps, or null when a step deleted it (its type was deleted). */
function migrateRelation(
  original: Relation,
  steps: readonly LayerStep[],
  counts: StepCount[],
): Relation | null {
  let type = original.type;
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!;
    if (step.kind === 'relationType' && type === step.from) {
      type = step.to;
      counts[index]!.relations++;
    } else if (step.kind === 'deleteRelationType' && type === step.type) {
      counts[index]!.relations++;
      counts[index]!.deletedRelations++;
      return null;
    }
  }
  return type === original.type ? original : { ...original, type };
}

/** A copy with `from` renamed to `to`, keeping the key order (stable files, readable diffs). */
function renameKey(attributes: Attributes, from: string, to: string): Attributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([key, value]) => [key === from ? to : key, value]),
  );
}

function withoutKey(attributes: Attributes, key: string): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([k]) => k !== key));
}

/** Same keys in the same order with the same values (order matters: it is what gets written). */
function sameAttributes(a: Attributes, b: Attributes): boolean {
  if (a === b) return true;
  const left = Object.entries(a);
  const right = Object.entries(b);
  return (
    left.length === right.length &&
    left.every(([key, value], i) => right[i]![0] === key && right[i]![1] === value)
  );
}

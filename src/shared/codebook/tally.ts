/**
 * Runs a codebook plan over layers and counts, exactly, what it changes: per operation, for the
 * renames recorded earlier (layers that lagged behind), and in total — annotations, relations,
 * deleted records, documents and layer files. The preview and the migration use the same
 * `migrateForPlan`, so what the person is shown is what is written.
 */
import type { CodebookRename } from '../model';
import {
  emptyCount,
  migrateLayer,
  type LayerContent,
  type LayerStep,
  type StepCount,
} from './layer-steps';
import {
  describeOperation,
  type ChangeCounts,
  type CodebookOperation,
  type OperationEffect,
} from './operations';
import type { CodebookPlan } from './plan';
import { renameSteps } from './renames';

export interface PlanMigration<L> {
  readonly layer: L;
  readonly changed: boolean;
  /** Net change from the renames recorded before this change. */
  readonly earlier: { annotations: number; relations: number };
  /** One count per operation (zero for an operation already applied). */
  readonly perOperation: StepCount[];
  /** Records that differ between the input and the output (changed or deleted). */
  readonly net: { annotations: number; relations: number };
}

/**
 * Migrates a layer for a plan made against a codebook whose rename history was `history`: first
 * those recorded renames (a layer that lags behind catches up), then each operation's step.
 */
export function migrateForPlan<L extends LayerContent>(
  layer: L,
  history: readonly CodebookRename[],
  plan: Pick<CodebookPlan, 'steps'>,
): PlanMigration<L> {
  const caughtUp = migrateLayer(layer, renameSteps(history));
  // All steps in one pass, each remembering the operation it belongs to.
  const steps: LayerStep[] = [];
  const owners: number[] = [];
  plan.steps.forEach((list, operation) => {
    for (const step of list) {
      steps.push(step);
      owners.push(operation);
    }
  });
  const migrated = migrateLayer(caughtUp.layer, steps);
  const perOperation = plan.steps.map(emptyCount);
  migrated.counts.forEach((count, index) => {
    const sum = perOperation[owners[index]!]!;
    for (const field of Object.keys(sum) as (keyof StepCount)[]) sum[field] += count[field];
  });
  const net = caughtUp.changed || migrated.changed ? netChange(layer, migrated.layer) : none();
  return {
    layer: migrated.layer,
    changed: caughtUp.changed || migrated.changed,
    earlier: caughtUp.net,
    perOperation,
    net,
  };
}

/** Where a layer lives: its document (for "in M documents") and its file (for messages). */
export interface LayerKey {
  readonly doc: string;
  readonly file: string;
}

/** Counts over many layers. */
export class ChangeTally {
  private readonly operations: Counter[];
  private readonly earlierRenames = new Counter();
  private readonly total = new Counter();
  layersScanned = 0;

  constructor(operationCount: number) {
    this.operations = Array.from({ length: operationCount }, () => new Counter());
  }

  add(key: LayerKey, migration: PlanMigration<unknown>): void {
    this.layersScanned++;
    migration.perOperation.forEach((count, index) => this.operations[index]!.add(key, count));
    this.earlierRenames.add(key, { ...emptyCount(), ...migration.earlier });
    const deletions = migration.perOperation.reduce(
      (sum, c) => ({
        deletedAnnotations: sum.deletedAnnotations + c.deletedAnnotations,
        deletedRelations: sum.deletedRelations + c.deletedRelations,
        removedValues: sum.removedValues + c.removedValues,
        conflicts: sum.conflicts + c.conflicts,
      }),
      { deletedAnnotations: 0, deletedRelations: 0, removedValues: 0, conflicts: 0 },
    );
    this.total.add(key, { ...migration.net, ...deletions });
  }

  effects(
    operations: readonly CodebookOperation[],
    plan: Pick<CodebookPlan, 'alreadyApplied' | 'notes'>,
  ): OperationEffect[] {
    return operations.map((operation, index) => ({
      operation,
      description: describeOperation(operation),
      alreadyApplied: plan.alreadyApplied[index] ?? false,
      counts: this.operations[index]!.counts(),
      notes: [...(plan.notes[index] ?? [])],
    }));
  }

  earlier(): ChangeCounts {
    return this.earlierRenames.counts();
  }

  totals(): ChangeCounts {
    return this.total.counts();
  }
}

/** Records the change deletes, for the confirmation: annotations, relations, attribute values. */
export function deleteCountOf(counts: ChangeCounts): number {
  return counts.deletedAnnotations + counts.deletedRelations + counts.removedValues;
}

/**
 * One sentence a person reads before applying ("12 annotations in 3 documents will change;
 * 2 annotations and 1 relation will be deleted.") or after ("… changed; … were deleted.").
 */
export function describeCounts(
  counts: ChangeCounts,
  tense: 'planned' | 'done' = 'planned',
): string {
  const verbs =
    tense === 'planned'
      ? { none: 'will change', change: 'will change', delete: 'will be deleted' }
      : { none: 'changed', change: 'changed', delete: 'were deleted' };
  if (counts.annotations === 0 && counts.relations === 0 && counts.removedValues === 0) {
    return `No annotation or relation ${verbs.none}.`;
  }
  const changedAnnotations = counts.annotations - counts.deletedAnnotations;
  const changedRelations = counts.relations - counts.deletedRelations;
  const changed = [
    changedAnnotations > 0 ? plural(changedAnnotations, 'annotation') : '',
    changedRelations > 0 ? plural(changedRelations, 'relation') : '',
  ].filter(Boolean);
  const deleted = [
    counts.deletedAnnotations > 0 ? plural(counts.deletedAnnotations, 'annotation') : '',
    counts.deletedRelations > 0 ? plural(counts.deletedRelations, 'relation') : '',
    counts.removedValues > 0 ? plural(counts.removedValues, 'attribute value') : '',
  ].filter(Boolean);
  const where = `in ${plural(counts.documents, 'document')}`;
  const parts: string[] = [];
  if (changed.length > 0) parts.push(`${joinAnd(changed)} ${where} ${verbs.change}`);
  if (deleted.length > 0) {
    parts.push(`${joinAnd(deleted)}${changed.length > 0 ? '' : ` ${where}`} ${verbs.delete}`);
  }
  return `${capitalise(parts.join('; '))}.`;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function joinAnd(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

class Counter {
  private readonly sums = {
    annotations: 0,
    relations: 0,
    deletedAnnotations: 0,
    deletedRelations: 0,
    removedValues: 0,
    conflicts: 0,
  };
  private readonly documents = new Set<string>();
  private readonly layers = new Set<string>();

  add(key: LayerKey, count: Partial<StepCount>): void {
    let any = false;
    for (const field of Object.keys(this.sums) as (keyof typeof this.sums)[]) {
      const value = count[field] ?? 0;
      this.sums[field] += value;
      if (value > 0) any = true;
    }
    if (any) {
      this.documents.add(key.doc);
      this.layers.add(key.file);
    }
  }

  counts(): ChangeCounts {
    return { ...this.sums, documents: this.documents.size, layers: this.layers.size };
  }
}

function none(): { annotations: number; relations: number } {
  return { annotations: 0, relations: 0 };
}

/** Records of `before` that `after` no longer holds unchanged (by identity: steps keep it). */
function netChange(
  before: LayerContent,
  after: LayerContent,
): { annotations: number; relations: number } {
  const annotations = new Set(after.annotations);
  const relations = new Set(after.relations ?? []);
  return {
    annotations: before.annotations.filter((a) => !annotations.has(a)).length,
    relations: (before.relations ?? []).filter((r) => !relations.has(r)).length,
  };
}

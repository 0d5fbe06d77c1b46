/**
 * Changing a project's codebook without losing or orphaning an annotation.
 *
 * - `preview` plans explicit operations (renames, merges, deletions; see
 *   src/shared/codebook/operations.ts) and counts exactly what they would change in every layer
 *   of the project — every annotator folder and curated/ — writing nothing.
 * - `apply` does it, in the order that can never orphan an annotation (plan.ts): the staged
 *   codebook (renames applied and recorded, nothing deleted yet) first, then the layers one file
 *   at a time through their store, then the final codebook. If it stops halfway, the error says
 *   what was done, and applying the same operations again finishes the job: renames the codebook
 *   already records are skipped while the layers still follow them, deletions delete what is left.
 * - `save` takes non-destructive edits only; `importCodebook` refuses a codebook that would orphan
 *   annotations; `reconcile` brings layers that arrived late (a colleague's folder after a git
 *   pull) up to date with the recorded renames.
 *
 * One change at a time (a queue), so two windows cannot interleave migrations.
 */
import {
  MAX_CODEBOOK_CHARS,
  WorkbenchError,
  describeZodError,
  type ExportResult,
} from '../../shared/api';
import { attributeDefinitionsChanged, OrphanTally, removedParts } from '../../shared/codebook/diff';
import { migrateLayer, type LayerContent } from '../../shared/codebook/layer-steps';
import type {
  CodebookChangePreview,
  CodebookChangeResult,
  CodebookImportResult,
  CodebookOperation,
} from '../../shared/codebook/operations';
import { planCodebookChange, type CodebookPlan } from '../../shared/codebook/plan';
import { applyCodebookRenames, renameSteps, staleNames } from '../../shared/codebook/renames';
import {
  ChangeTally,
  deleteCountOf,
  describeCounts,
  migrateForPlan,
  plural,
  type PlanMigration,
} from '../../shared/codebook/tally';
import { codebookProblems } from '../../shared/codebook/validate';
import { Codebook, type CodebookRename } from '../../shared/model';
import type { ProjectFolder } from '../project/project-folder';
import { serialiseJson } from '../project/project-layout';
import { SerialQueue } from '../store/serial-queue';
import type { LayerRef, LayerSet } from './codebook-layers';

export interface CodebookServiceOptions {
  readonly project: ProjectFolder;
  readonly layers: readonly LayerSet[];
}

/** What `reconcile` did: the files it brought up to date, and those it could not. */
export interface ReconcileReport {
  readonly migrated: { file: string; annotations: number; relations: number }[];
  /** "<file>: <why>" for each layer that could not be read or saved. */
  readonly failed: string[];
}

interface Survey {
  readonly current: Codebook;
  readonly plan: CodebookPlan;
  readonly preview: CodebookChangePreview;
}

export class CodebookService {
  private readonly queue = new SerialQueue();

  constructor(private readonly options: CodebookServiceOptions) {}

  /** What the operations would change, counted in every layer; nothing is written. */
  preview(operations: readonly CodebookOperation[]): Promise<CodebookChangePreview> {
    return this.queue.run(async () => (await this.survey(operations)).preview);
  }

  /**
   * Applies the operations. A change that deletes records needs `confirmDeleteCount` of at least
   * the number the preview stated (annotations + relations + attribute values): the person
   * agreed to that many, and a re-run after a failure deletes only what is left.
   */
  apply(
    operations: readonly CodebookOperation[],
    confirmDeleteCount?: number,
  ): Promise<CodebookChangeResult> {
    return this.queue.run(async () => {
      const { layers, project } = this.options;
      // Colleagues' files may have changed on disk (git pull, sync) since they were cached.
      for (const set of layers) await set.refresh();
      const { current, plan, preview } = await this.survey(operations);
      if (preview.blockers.length > 0) {
        throw new WorkbenchError(
          'conflict',
          `The codebook was not changed: ${preview.blockers.join(' ')}`,
        );
      }
      if (preview.deleteCount > (confirmDeleteCount ?? 0)) {
        throw new WorkbenchError(
          'invalid_argument',
          `The codebook was not changed: this change deletes ${deletedWhat(preview)}. ` +
            `Confirm it with confirmDeleteCount: ${preview.deleteCount}` +
            (confirmDeleteCount ? ` (you confirmed ${confirmDeleteCount}).` : '.'),
        );
      }

      if (plan.staged !== current) {
        await project.saveCodebook(plan.staged).catch((error: unknown) => {
          throw new WorkbenchError(
            'io',
            `The codebook was not changed: ${messageOf(error)} No layer was touched.`,
          );
        });
      }

      const history = current.renames ?? [];
      const tally = new ChangeTally(operations.length);
      let allowance = confirmDeleteCount ?? 0;
      const migrated: string[] = [];
      for (const set of layers) {
        for (const ref of await set.list()) {
          try {
            const before = migrateForPlan(await set.read(ref), history, plan);
            if (!before.changed) continue;
            const migration = await set.update(ref, (layer) => {
              const result = migrateForPlan(layer, history, plan);
              const deletes = deletesOf(result);
              if (deletes > allowance) {
                throw new WorkbenchError(
                  'conflict',
                  `${ref.file} now holds more to delete than was confirmed (${deletes} more ` +
                    `records, ${allowance} left of the confirmed ${confirmDeleteCount ?? 0}); ` +
                    'preview the change again and confirm the new count.',
                );
              }
              return { layer: result.layer, result };
            });
            allowance -= deletesOf(migration);
            tally.add(ref, migration);
            migrated.push(ref.file);
          } catch (error) {
            throw stoppedError(ref, error, plan, current, migrated);
          }
        }
      }

      if (plan.final !== plan.staged) {
        await project.saveCodebook(plan.final).catch((error: unknown) => {
          throw new WorkbenchError(
            'io',
            `Every layer is migrated (${plural(migrated.length, 'file')}), but the final ` +
              `codebook could not be saved: ${messageOf(error)} The codebook still lists what ` +
              'was to be deleted, so nothing is orphaned; apply the same change again to finish.',
          );
        });
      }

      const totals = tally.totals();
      return {
        ...preview,
        effects: tally.effects(operations, plan),
        earlierRenames: tally.earlier(),
        totals,
        deleteCount: deleteCountOf(totals),
        summary: describeCounts(totals, 'done'),
        layersMigrated: migrated.length,
      };
    });
  }

  /**
   * Saves edits that touch no annotation. Refused: a codebook edited from an older revision (a
   * change happened meanwhile), one that drops a label, attribute, value or relation type (use
   * the operations, which migrate), and an attribute type change that existing values do not fit.
   * The rename history is the project's, whatever the edited copy says.
   */
  save(edited: Codebook): Promise<Codebook> {
    return this.queue.run(async () => {
      const current = await this.options.project.getCodebook();
      if (edited.revision !== current.revision) {
        throw new WorkbenchError(
          'conflict',
          `The codebook changed while you were editing it (you started from revision ` +
            `${edited.revision}; it is now at revision ${current.revision}). Reload it and make ` +
            'your edits again; nothing was saved.',
        );
      }
      const next = withHistory(edited, current.renames, current.revision + 1);
      const removed = removedParts(current, next);
      if (removed.length > 0) {
        throw new WorkbenchError(
          'invalid_argument',
          `The codebook was not saved: a plain save cannot drop a name that annotations may ` +
            `use. ${removed.join(' ')}`,
        );
      }
      checkValid(next, 'The codebook was not saved');
      if (attributeDefinitionsChanged(current, next)) {
        const orphans = await this.orphans(current, next, current.renames ?? []);
        if (orphans.length > 0) {
          throw new WorkbenchError(
            'invalid_argument',
            `The codebook was not saved: existing values would not fit the changed attribute ` +
              `types: ${orphans.join('; ')}. Change or clear those values first.`,
          );
        }
      }
      if (sameContent(next, current)) return current;
      return this.options.project.saveCodebook(next);
    });
  }

  /**
   * Replaces the codebook with an imported one (JSON text). Renames it records that this project
   * lacks are adopted and applied to the layers; it is refused, with what it would orphan, when
   * it lacks names that annotations here still use.
   */
  importCodebook(content: string): Promise<CodebookImportResult> {
    return this.queue.run(async () => {
      const imported = parseCodebook(content);
      const current = await this.options.project.getCodebook();
      const newRenames = renamesToAdopt(current.renames ?? [], imported.renames ?? []).map(
        (rename) => ({ ...rename, revision: current.revision + 1 }),
      );
      const history = [...(current.renames ?? []), ...newRenames];
      const next = withHistory(imported, history, current.revision + 1);
      checkValid(next, 'The codebook was not imported');

      for (const set of this.options.layers) await set.refresh();
      const orphans = await this.orphans(current, next, history);
      if (orphans.length > 0) {
        throw new WorkbenchError(
          'conflict',
          `The codebook was not imported: it lacks names that annotations here use — ` +
            `${orphans.join('; ')}. Add them to the file, or rename or delete them here first ` +
            '(Codebook screen), then import again.',
        );
      }
      // The history first, then the layers: a failure halfway leaves layers that follow it later.
      const saved = await this.options.project.saveCodebook(next);
      const report = await this.catchUp(saved);
      if (report.failed.length > 0) {
        throw new WorkbenchError(
          'io',
          `The codebook was imported (revision ${saved.revision}), but ` +
            `${plural(report.failed.length, 'layer file')} could not be brought up to date: ` +
            `${report.failed.join(' ')} They follow the recorded renames once they can be ` +
            'read and saved (the next time the project opens).',
        );
      }
      const annotations = report.migrated.reduce((sum, m) => sum + m.annotations, 0);
      return {
        codebook: saved,
        newRenames: newRenames.length,
        layersMigrated: report.migrated.length,
        annotationsMigrated: annotations,
        summary:
          `Imported “${saved.name}” as revision ${saved.revision}` +
          (newRenames.length > 0
            ? ` with ${plural(newRenames.length, 'rename')}; ${plural(annotations, 'annotation')} in ` +
              `${plural(report.migrated.length, 'layer file')} followed.`
            : '.'),
      };
    });
  }

  /** The codebook as a JSON file, rename history included (an import elsewhere follows it). */
  async exportCodebook(): Promise<ExportResult> {
    const codebook = await this.options.project.getCodebook();
    const base = (this.options.project.name || 'workbench').replace(/[^A-Za-z0-9_-]+/g, '-');
    return {
      fileName: `${base}-codebook-r${codebook.revision}.json`,
      mediaType: 'application/json',
      content: serialiseJson(codebook),
    };
  }

  /**
   * Brings every layer up to date with the recorded renames: the hook for layers that arrived
   * late. Cheap when there are no renames; otherwise one read of every layer file.
   */
  reconcile(): Promise<ReconcileReport> {
    return this.queue.run(async () => {
      const codebook = await this.options.project.getCodebook();
      if (staleNames(codebook).length === 0) return { migrated: [], failed: [] };
      for (const set of this.options.layers) await set.refresh();
      return this.catchUp(codebook);
    });
  }

  private async catchUp(codebook: Codebook): Promise<ReconcileReport> {
    const report: ReconcileReport = { migrated: [], failed: [] };
    // Only files that contain a stale name are parsed: this runs at every open.
    const names = staleNames(codebook);
    if (names.length === 0) return report;
    for (const set of this.options.layers) {
      for (const ref of await set.list()) {
        try {
          if (!(await set.mentions(ref, names))) continue;
          if (!applyCodebookRenames(await set.read(ref), codebook).changed) continue;
          const net = await set.update(ref, (layer) => {
            const result = applyCodebookRenames(layer, codebook);
            return { layer: result.layer, result: result.net };
          });
          report.migrated.push({ file: ref.file, ...net });
        } catch (error) {
          report.failed.push(`${ref.file}: ${messageOf(error)}`);
        }
      }
    }
    return report;
  }

  /** Plans the operations and runs them over every layer in memory. */
  private async survey(operations: readonly CodebookOperation[]): Promise<Survey> {
    const current = await this.options.project.getCodebook();
    const plan = planCodebookChange(current, operations);
    const history = current.renames ?? [];
    const tally = new ChangeTally(operations.length);
    const blockers: string[] = [];
    for (const set of this.options.layers) {
      for (const ref of await set.list()) {
        let layer: LayerContent;
        try {
          layer = await set.read(ref);
        } catch (error) {
          blockers.push(
            `${ref.file} cannot be read (${messageOf(error)}), so its annotations could not be ` +
              'counted or migrated. Repair or remove that file first.',
          );
          continue;
        }
        tally.add(ref, migrateForPlan(layer, history, plan));
      }
    }
    const effects = tally.effects(operations, plan);
    for (const effect of effects) {
      if (effect.counts.conflicts > 0 && effect.operation.kind === 'renameAttribute') {
        blockers.push(
          `${effect.description}: ${plural(effect.counts.conflicts, 'annotation')} already ` +
            `hold a value under “${effect.operation.to}”, which the rename would overwrite. ` +
            'Clear one of the two values on those annotations first.',
        );
      }
    }
    const totals = tally.totals();
    return {
      current,
      plan,
      preview: {
        codebook: plan.final,
        effects,
        earlierRenames: tally.earlier(),
        totals,
        deleteCount: deleteCountOf(totals),
        layersScanned: tally.layersScanned,
        blockers,
        summary: describeCounts(totals),
      },
    };
  }

  /** What moving from `current` to `next` would orphan, after `history` is replayed. */
  private async orphans(
    current: Codebook,
    next: Codebook,
    history: readonly CodebookRename[],
  ): Promise<string[]> {
    const orphans = new OrphanTally(current, next);
    const steps = renameSteps(history);
    const unreadable: string[] = [];
    for (const set of this.options.layers) {
      for (const ref of await set.list()) {
        try {
          orphans.add(ref, migrateLayer(await set.read(ref), steps).layer);
        } catch (error) {
          unreadable.push(`${ref.file} cannot be read (${messageOf(error)})`);
        }
      }
    }
    return [...orphans.problems(), ...unreadable];
  }
}

function deletesOf(migration: PlanMigration<unknown>): number {
  return migration.perOperation.reduce(
    (sum, c) => sum + c.deletedAnnotations + c.deletedRelations + c.removedValues,
    0,
  );
}

function deletedWhat(preview: CodebookChangePreview): string {
  const { deletedAnnotations, deletedRelations, removedValues } = preview.totals;
  return [
    deletedAnnotations > 0 ? plural(deletedAnnotations, 'annotation') : '',
    deletedRelations > 0 ? plural(deletedRelations, 'relation') : '',
    removedValues > 0 ? plural(removedValues, 'attribute value') : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** The error for a migration that stopped at `ref`: what was done, and how to finish. */
function stoppedError(
  ref: LayerRef,
  error: unknown,
  plan: CodebookPlan,
  current: Codebook,
  migrated: readonly string[],
): WorkbenchError {
  const shown = migrated.slice(0, 5).join(', ') + (migrated.length > 5 ? ', …' : '');
  const codebook =
    plan.staged === current
      ? 'The codebook is unchanged.'
      : `The codebook is at revision ${plan.staged.revision}: it records the renames and still ` +
        'lists everything being deleted, so no annotation is orphaned.';
  return new WorkbenchError(
    error instanceof WorkbenchError ? error.code : 'io',
    `The codebook change stopped at ${ref.file}: ${messageOf(error)} ` +
      `Done: ${plural(migrated.length, 'layer file')} migrated${migrated.length > 0 ? ` (${shown})` : ''}. ` +
      `${codebook} Apply the same change again to finish it.`,
  );
}

/** `book` with the project's rename history and the given revision. */
function withHistory(
  book: Codebook,
  renames: readonly CodebookRename[] | undefined,
  revision: number,
): Codebook {
  const next: Codebook = { ...book, revision };
  if (renames && renames.length > 0) next.renames = [...renames];
  else delete next.renames;
  return next;
}

/**
 * The imported history's renames this project lacks: what follows the common beginning of the
 * two histories (the file was exported here, or from a copy of this project, and edited since);
 * for unrelated histories, each rename not recorded here.
 */
function renamesToAdopt(
  ours: readonly CodebookRename[],
  theirs: readonly CodebookRename[],
): CodebookRename[] {
  const key = (r: CodebookRename) => JSON.stringify(renameSteps([r])[0]);
  let common = 0;
  while (
    common < ours.length &&
    common < theirs.length &&
    key(ours[common]!) === key(theirs[common]!)
  ) {
    common++;
  }
  if (common === ours.length || common === theirs.length) return theirs.slice(common);
  const known = new Set(ours.map(key));
  return theirs.filter((r) => !known.has(key(r)));
}

function parseCodebook(content: string): Codebook {
  if (content.length > MAX_CODEBOOK_CHARS) {
    throw new WorkbenchError(
      'invalid_argument',
      `The file is ${Math.ceil(content.length / 1024)} KB; a codebook is at most ` +
        `${MAX_CODEBOOK_CHARS / 1024 / 1024} MB. Is it the right file?`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (error) {
    throw new WorkbenchError(
      'invalid_argument',
      `The file is not JSON (${messageOf(error)}); export a codebook from the workbench and import that.`,
    );
  }
  const parsed = Codebook.safeParse(raw);
  if (!parsed.success) {
    throw new WorkbenchError(
      'invalid_argument',
      `The file is not a workbench codebook: ${describeZodError(parsed.error)}.`,
    );
  }
  return parsed.data;
}

function checkValid(book: Codebook, what: string): void {
  const problems = codebookProblems(book);
  if (problems.length > 0) {
    throw new WorkbenchError('invalid_argument', `${what}: ${problems.slice(0, 5).join(' ')}`);
  }
}

/** Equal apart from `revision`. */
function sameContent(a: Codebook, b: Codebook): boolean {
  return JSON.stringify({ ...a, revision: 0 }) === JSON.stringify({ ...b, revision: 0 });
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

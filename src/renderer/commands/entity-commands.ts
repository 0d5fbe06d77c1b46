/**
 * The actor registry's commands: create, edit, purge, merge, create-from-a-span, accept
 * suggestions. Each is performed once through the History and returns the pair that reverses
 * and re-applies it, so Ctrl+Z undoes a merge or an "accept all" as one step, wherever it was
 * made. The main side does the work (entity-handlers.ts) and hands back what undo needs.
 *
 * Spans of the open document changed by a command (a link made with a new actor, accepted
 * suggestions) are passed to its SpanEditor (`adopt`/`forget`), which shows them at once.
 */
import type {
  AcceptedSuggestion,
  EntityDraft,
  EntityMerge,
  EntityPatch,
  WorkbenchClient,
} from '../../shared/api';
import type { Annotation, Entity } from '../../shared/model';
import type { History } from './history';
import { unwrap, type SpanEditor } from './span-editor';

type Client = Pick<
  WorkbenchClient,
  | 'createEntity'
  | 'updateEntity'
  | 'deleteEntities'
  | 'restoreEntities'
  | 'mergeEntities'
  | 'unmergeEntities'
  | 'acceptSuggestions'
  | 'retractSuggestions'
  | 'updateAnnotation'
>;

export interface EntityCommandOptions {
  client: Client;
  history: History;
  /** Called after every change the commands make, undo and redo included (lists refresh). */
  onChange?: () => void;
  newId?: () => string;
}

/** What accepting suggestions reports back, undo and redo included. */
export interface AcceptHooks {
  /** The spans were saved (on accept and on redo). */
  saved?(spans: readonly Annotation[]): void;
  /** The spans were taken back (on undo). */
  retracted?(ids: readonly string[]): void;
}

export class EntityCommands {
  private readonly newId: () => string;

  constructor(private readonly options: EntityCommandOptions) {
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  async create(draft: EntityDraft): Promise<Entity> {
    const id = draft.id ?? this.newId();
    const createNow = async () => unwrap(await this.client.createEntity({ ...draft, id }));
    let entity!: Entity;
    await this.run(async () => {
      entity = await createNow();
      return {
        description: `create actor ${entity.name}`,
        undo: async () => void unwrap(await this.client.deleteEntities({ ids: [id] })),
        redo: async () => void (await createNow()),
      };
    });
    return entity;
  }

  async update(before: Entity, patch: EntityPatch): Promise<Entity> {
    const reverse: EntityPatch = {};
    if (patch.name !== undefined) reverse.name = before.name;
    if (patch.aliases !== undefined) reverse.aliases = [...before.aliases];
    if (patch.kind !== undefined) reverse.kind = before.kind;
    if (patch.qid !== undefined) reverse.qid = before.qid ?? null;
    if (patch.attributes !== undefined) reverse.attributes = before.attributes;
    const apply = async (p: EntityPatch) =>
      unwrap(await this.client.updateEntity({ id: before.id, patch: p }));
    let updated!: Entity;
    await this.run(async () => {
      updated = await apply(patch);
      return {
        description: `edit actor ${updated.name}`,
        undo: async () => void (await apply(reverse)),
        redo: async () => void (await apply(patch)),
      };
    });
    return updated;
  }

  /** Deletes actors no span links to (the main side refuses linked ones). */
  async purge(ids: readonly string[]): Promise<Entity[]> {
    const deleteNow = async () => unwrap(await this.client.deleteEntities({ ids: [...ids] }));
    let removed: Entity[] = [];
    await this.run(async () => {
      removed = (await deleteNow()).removed;
      return {
        description: `delete ${plural(removed.length, 'unused actor')}`,
        undo: async () => void unwrap(await this.client.restoreEntities({ entities: removed })),
        redo: async () => void (await deleteNow()),
      };
    });
    return removed;
  }

  /** Merges `merge` into `keep`: their spans follow, their names become aliases. */
  async merge(keep: string, merge: readonly string[]): Promise<EntityMerge> {
    const mergeNow = async () =>
      unwrap(await this.client.mergeEntities({ keep, merge: [...merge] }));
    let record!: EntityMerge;
    await this.run(async () => {
      record = await mergeNow();
      return {
        description: `merge ${plural(record.removed.length, 'actor')} into ${record.kept.name}`,
        // Each redo is a new merge with its own record, which the next undo reverses.
        undo: async () => void unwrap(await this.client.unmergeEntities(record)),
        redo: async () => {
          record = await mergeNow();
        },
      };
    });
    return record;
  }

  /**
   * Creates an actor and links the span to it, as one step: undo unlinks the span (back to the
   * actor it had, if any) and deletes the new actor.
   */
  async createFromSpan(editor: SpanEditor, span: Annotation, draft: EntityDraft): Promise<Entity> {
    const id = this.newId();
    const previous = span.entity ?? null;
    const linkTo = async (entity: string | null) =>
      editor.adopt([
        unwrap(
          await this.client.updateAnnotation({ doc: span.doc, id: span.id, patch: { entity } }),
        ),
      ]);
    const createNow = async () => {
      const entity = unwrap(await this.client.createEntity({ ...draft, id }));
      await linkTo(id);
      return entity;
    };
    let entity!: Entity;
    await this.run(async () => {
      entity = await createNow();
      return {
        description: `create actor ${entity.name} from a span`,
        undo: async () => {
          await linkTo(previous);
          unwrap(await this.client.deleteEntities({ ids: [id] }));
        },
        redo: async () => void (await createNow()),
      };
    });
    return entity;
  }

  /**
   * Saves suggestions as spans (one undo step however many), with ids chosen here so that redo
   * brings back the same spans.
   */
  async accept(
    suggestions: readonly Omit<AcceptedSuggestion, 'id'>[],
    source: string,
    hooks: AcceptHooks = {},
  ): Promise<Annotation[]> {
    const withIds = suggestions.map((s) => ({ ...s, id: this.newId() }));
    const acceptNow = async () => {
      const saved = unwrap(await this.client.acceptSuggestions({ suggestions: withIds, source }));
      hooks.saved?.(saved);
      return saved;
    };
    let saved: Annotation[] = [];
    await this.run(async () => {
      saved = await acceptNow();
      return {
        description: `accept ${plural(saved.length, 'suggestion')}`,
        undo: async () => {
          unwrap(
            await this.client.retractSuggestions({
              spans: withIds.map(({ doc, id }) => ({ doc, id })),
            }),
          );
          hooks.retracted?.(withIds.map((s) => s.id));
        },
        redo: async () => void (await acceptNow()),
      };
    });
    return saved;
  }

  private get client(): Client {
    return this.options.client;
  }

  /** Runs a command through the History, announcing the change after it and its undo/redo. */
  private async run(
    perform: () => Promise<{ description: string; undo(): Promise<void>; redo(): Promise<void> }>,
  ): Promise<void> {
    const changed = () => this.options.onChange?.();
    await this.options.history.run(async () => {
      const entry = await perform();
      changed();
      return {
        description: entry.description,
        undo: async () => {
          await entry.undo();
          changed();
        },
        redo: async () => {
          await entry.redo();
          changed();
        },
      };
    });
  }
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

import { describe, expect, it } from 'vitest';
import type { ApiResult, EntityMerge } from '../../shared/api';
import type { Annotation, Entity } from '../../shared/model';
import { EntityCommands } from './entity-commands';
import { History } from './history';

const TIME = '2026-01-01T00:00:00.000Z';

function entity(id: string, name: string): Entity {
  return { id, name, aliases: [], kind: 'person', attributes: {}, created: TIME, modified: TIME };
}

/** Records every call; answers as the main side would for these tests. */
function fakeClient() {
  const calls: string[] = [];
  const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
  let merges = 0;
  const client = {
    createEntity: async (draft: { id?: string; name: string }) => {
      calls.push(`create ${draft.id}`);
      return ok(entity(draft.id!, draft.name));
    },
    updateEntity: async ({ id, patch }: { id: string; patch: { name?: string } }) => {
      calls.push(`update ${id} ${JSON.stringify(patch)}`);
      return ok(entity(id, patch.name ?? '?'));
    },
    deleteEntities: async ({ ids }: { ids: string[] }) => {
      calls.push(`delete ${ids.join(',')}`);
      return ok({ removed: ids.map((id) => entity(id, id)) });
    },
    restoreEntities: async ({ entities }: { entities: Entity[] }) => {
      calls.push(`restore ${entities.map((e) => e.id).join(',')}`);
      return ok(entities);
    },
    mergeEntities: async ({ keep, merge }: { keep: string; merge: string[] }) => {
      merges++;
      calls.push(`merge ${merge.join(',')} into ${keep} (#${merges})`);
      const record: EntityMerge = {
        kept: { ...entity(keep, 'Keep'), modified: `2026-01-0${merges}T00:00:00.000Z` },
        keptBefore: entity(keep, 'Keep'),
        removed: merge.map((id) => entity(id, id)),
        relinked: [],
      };
      return ok(record);
    },
    unmergeEntities: async (record: EntityMerge) => {
      calls.push(`unmerge ${record.kept.modified}`);
      return ok({ restoredSpans: 0, skippedSpans: 0 });
    },
    acceptSuggestions: async ({
      suggestions,
      source,
    }: {
      suggestions: { id?: string; doc: string; start: number; end: number; label: string }[];
      source: string;
    }) => {
      calls.push(`accept ${suggestions.map((s) => s.id).join(',')}`);
      return ok(
        suggestions.map((s): Annotation => ({
          id: s.id!,
          doc: s.doc,
          label: s.label,
          start: s.start,
          end: s.end,
          quote: 'Obama',
          prefix: '',
          suffix: '',
          attributes: {},
          annotator: 'alice',
          created: TIME,
          modified: TIME,
          origin: { kind: 'suggestion', source },
        })),
      );
    },
    retractSuggestions: async ({ spans }: { spans: { id: string }[] }) => {
      calls.push(`retract ${spans.map((s) => s.id).join(',')}`);
      return ok([]);
    },
    updateAnnotation: async ({ id, patch }: { id: string; patch: { entity: string | null } }) => {
      calls.push(`link ${id} to ${patch.entity}`);
      return ok({ id, entity: patch.entity ?? undefined } as Annotation);
    },
  };
  return { client, calls };
}

function setup() {
  const { client, calls } = fakeClient();
  const history = new History();
  let n = 0;
  let changes = 0;
  const commands = new EntityCommands({
    client: client as unknown as ConstructorParameters<typeof EntityCommands>[0]['client'],
    history,
    newId: () => `n${++n}`,
    onChange: () => changes++,
  });
  return { commands, history, calls, changes: () => changes };
}

describe('EntityCommands', () => {
  it('undoes a create by deleting the actor and redoes it with the same id', async () => {
    const { commands, history, calls } = setup();
    await commands.create({ name: 'James Comey', kind: 'person' });
    await history.undo();
    await history.redo();
    expect(calls).toEqual(['create n1', 'delete n1', 'create n1']);
  });

  it('undoes an edit with the reverse patch of only the fields it changed', async () => {
    const { commands, history, calls } = setup();
    await commands.update(
      { ...entity('e1', 'Comey'), qid: 'Q1' },
      { name: 'James Comey', qid: null },
    );
    await history.undo();
    expect(calls).toEqual([
      'update e1 {"name":"James Comey","qid":null}',
      'update e1 {"name":"Comey","qid":"Q1"}',
    ]);
  });

  it('undoes each merge with the record of that merge, redo included', async () => {
    const { commands, history, calls, changes } = setup();
    await commands.merge('keep', ['dup']);
    await history.undo();
    await history.redo();
    await history.undo();
    expect(calls).toEqual([
      'merge dup into keep (#1)',
      'unmerge 2026-01-01T00:00:00.000Z',
      'merge dup into keep (#2)',
      'unmerge 2026-01-02T00:00:00.000Z',
    ]);
    expect(changes()).toBe(4); // lists refresh after the command, its undo and redo
  });

  it('accepts suggestions as one step with ids of its own, reporting saves and retractions', async () => {
    const { commands, history, calls } = setup();
    const events: string[] = [];
    const suggestion = { doc: 'd1', start: 0, end: 5, label: 'Actor' };
    await commands.accept([suggestion, { ...suggestion, start: 10, end: 15 }], 'test', {
      saved: (spans) => events.push(`saved ${spans.map((s) => s.id).join(',')}`),
      retracted: (ids) => events.push(`retracted ${ids.join(',')}`),
    });
    await history.undo();
    await history.redo();
    expect(calls).toEqual(['accept n1,n2', 'retract n1,n2', 'accept n1,n2']);
    expect(events).toEqual(['saved n1,n2', 'retracted n1,n2', 'saved n1,n2']);
  });

  it('creates an actor from a span and links it as one step; undo relinks the old actor first', async () => {
    const { commands, history, calls } = setup();
    const shown: (string | undefined)[] = [];
    const editor = { adopt: (spans: Annotation[]) => shown.push(spans[0]!.entity) };
    const span = { id: 's1', doc: 'd1', entity: 'old' } as Annotation;
    await commands.createFromSpan(editor as never, span, { name: 'James Comey', kind: 'person' });
    await history.undo();
    await history.redo();
    expect(calls).toEqual([
      'create n1',
      'link s1 to n1',
      'link s1 to old',
      'delete n1',
      'create n1',
      'link s1 to n1',
    ]);
    expect(shown).toEqual(['n1', 'old', 'n1']);
  });

  it('undoes a purge by restoring the removed actors', async () => {
    const { commands, history, calls } = setup();
    await commands.purge(['a', 'b']);
    await history.undo();
    expect(calls).toEqual(['delete a,b', 'restore a,b']);
  });
});

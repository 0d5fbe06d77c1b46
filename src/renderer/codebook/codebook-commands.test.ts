import { describe, expect, it } from 'vitest';
import type { ApiResult, ArgsOf } from '../../shared/api';
import { fixtureCodebook } from '../../shared/codebook/fixtures';
import type { CodebookChangeResult, CodebookOperation } from '../../shared/codebook/operations';
import { planCodebookChange } from '../../shared/codebook/plan';
import { Codebook } from '../../shared/model';
import { History } from '../commands/history';
import { applyCodebookChange, inverseOperations, saveCodebookEdits } from './codebook-commands';

/** A main side in memory, planning with the real shared logic. */
function fakeMain() {
  let codebook = fixtureCodebook();
  const calls: string[] = [];
  const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
  const client = {
    getCodebook: async () => ok(codebook),
    applyCodebookChange: async ({ operations }: ArgsOf<'applyCodebookChange'>) => {
      calls.push(`apply ${operations.map((o) => JSON.stringify(o)).join(' ')}`);
      codebook = planCodebookChange(codebook, operations).final;
      return ok({ codebook, layersMigrated: 1 } as unknown as CodebookChangeResult);
    },
    saveCodebook: async (args: ArgsOf<'saveCodebook'>) => {
      const edited = Codebook.parse(args.codebook);
      if (edited.revision !== codebook.revision) {
        return { ok: false as const, error: { code: 'conflict' as const, message: 'stale' } };
      }
      codebook = { ...edited, revision: codebook.revision + 1, renames: codebook.renames };
      return ok(codebook);
    },
  };
  let refreshes = 0;
  const history = new History();
  const ctx = { client, history, refresh: async () => void refreshes++ };
  return { ctx, history, calls, current: () => codebook, refreshes: () => refreshes };
}

const RENAME: CodebookOperation = { kind: 'renameLabel', from: 'Actor', to: 'Speaker' };

describe('codebook commands', () => {
  it('undoes a rename by applying the inverse rename, and redoes it', async () => {
    const main = fakeMain();
    await applyCodebookChange(main.ctx, [RENAME]);
    expect(main.current().labels[0]!.name).toBe('Speaker');
    expect(main.refreshes()).toBe(1);

    const undone = await main.history.undo();
    expect(undone?.description).toBe('Rename label “Actor” to “Speaker”');
    expect(main.calls[1]).toBe('apply {"kind":"renameLabel","from":"Speaker","to":"Actor"}');
    expect(main.current().labels[0]!.name).toBe('Actor');
    expect(main.current().renames).toHaveLength(2);

    await main.history.redo();
    expect(main.current().labels[0]!.name).toBe('Speaker');
    expect(main.refreshes()).toBe(3);
  });

  it('undoes several renames in reverse order', () => {
    expect(
      inverseOperations([
        RENAME,
        { kind: 'renameValue', label: 'Speaker', attribute: 'kind', from: 'person', to: 'human' },
      ]),
    ).toEqual([
      { kind: 'renameValue', label: 'Speaker', attribute: 'kind', from: 'human', to: 'person' },
      { kind: 'renameLabel', from: 'Speaker', to: 'Actor' },
    ]);
    expect(inverseOperations([RENAME, { kind: 'deleteLabel', label: 'Claim' }])).toBeNull();
  });

  it('does not record a merge, which cannot be undone by a rename', async () => {
    const main = fakeMain();
    await applyCodebookChange(main.ctx, [
      { kind: 'deleteLabel', label: 'Claim', migrateTo: 'Actor' },
    ]);
    expect(main.history.canUndo).toBe(false);
    expect(main.current().labels.map((l) => l.name)).toEqual(['Actor', 'Policy topic']);
  });

  it('undoes a plain save by saving the codebook as it was, on the current revision', async () => {
    const main = fakeMain();
    const before = main.current();
    const edited = { ...before, labels: before.labels.map((l) => ({ ...l, color: '#000000' })) };
    const saved = await saveCodebookEdits(main.ctx, before, edited);
    expect(saved.revision).toBe(2);
    await main.history.undo();
    expect(main.current().labels[0]!.color).toBe('#2563eb');
    expect(main.current().revision).toBe(3);
    await main.history.redo();
    expect(main.current().labels[0]!.color).toBe('#000000');
  });
});

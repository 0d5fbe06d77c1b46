import { describe, expect, it } from 'vitest';
import { History, type Undoable } from './history';

/** A counter command: +n on redo, -n on undo, logging what ran. */
function counter(state: { value: number; log: string[] }, n: number): Undoable {
  return {
    description: `add ${n}`,
    undo: async () => {
      state.value -= n;
      state.log.push(`undo ${n}`);
    },
    redo: async () => {
      state.value += n;
      state.log.push(`redo ${n}`);
    },
  };
}

describe('History', () => {
  it('undoes and redoes in order, and a new command clears the redo stack', async () => {
    const state = { value: 0, log: [] as string[] };
    const h = new History();
    for (const n of [1, 2, 3]) {
      await h.run(async () => {
        state.value += n;
        return counter(state, n);
      });
    }
    expect(state.value).toBe(6);
    await h.undo();
    await h.undo();
    expect(state.value).toBe(1);
    await h.redo();
    expect(state.value).toBe(3);
    expect(h.canRedo).toBe(true);
    await h.run(async () => {
      state.value += 10;
      return counter(state, 10);
    });
    expect(h.canRedo).toBe(false);
    expect(await h.redo()).toBeNull();
    expect(state.log).toEqual(['undo 3', 'undo 2', 'redo 2']);
  });

  it('runs an undo only after the command it reverses has finished', async () => {
    const order: string[] = [];
    const h = new History();
    let release!: () => void;
    const slow = h.run(
      () =>
        new Promise<Undoable>((resolve) => {
          release = () => {
            order.push('performed');
            resolve({
              description: 'slow',
              undo: async () => void order.push('undone'),
              redo: async () => void order.push('redone'),
            });
          };
        }),
    );
    const undone = h.undo();
    await Promise.resolve();
    release();
    await slow;
    expect((await undone)?.description).toBe('slow');
    expect(order).toEqual(['performed', 'undone']);
  });

  it('keeps an entry whose undo failed, so it can be retried', async () => {
    const h = new History();
    let fail = true;
    h.push({
      description: 'flaky',
      undo: async () => {
        if (fail) throw new Error('disk full');
      },
      redo: async () => undefined,
    });
    await expect(h.undo()).rejects.toThrow('disk full');
    expect(h.canUndo).toBe(true);
    fail = false;
    expect((await h.undo())?.description).toBe('flaky');
    expect(h.canUndo).toBe(false);
  });

  it('forgets the oldest entries past its limit', async () => {
    const state = { value: 0, log: [] as string[] };
    const h = new History(2);
    for (const n of [1, 2, 3]) h.push(counter(state, n));
    await h.undo();
    await h.undo();
    expect(await h.undo()).toBeNull();
    expect(state.log).toEqual(['undo 3', 'undo 2']);
  });
});

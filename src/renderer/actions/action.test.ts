import { describe, expect, it } from 'vitest';
import { runKeyAction, type Action } from './action';

const press = (key: string, ctrlKey = false) => ({
  key,
  ctrlKey,
  shiftKey: false,
  altKey: false,
  metaKey: false,
});

describe('runKeyAction', () => {
  it('runs the first enabled action bound to the chord, skipping disabled ones', () => {
    const ran: string[] = [];
    const ctx = { hasSpan: false };
    const actions: Action<typeof ctx>[] = [
      {
        id: 'delete-span',
        title: 'Delete',
        group: 'Edit',
        keys: ['Delete'],
        enabled: (c) => c.hasSpan,
        perform: () => ran.push('delete-span'),
      },
      {
        id: 'delete-other',
        title: 'Other',
        group: 'Edit',
        keys: ['Delete'],
        perform: () => ran.push('delete-other'),
      },
      {
        id: 'undo',
        title: 'Undo',
        group: 'Edit',
        keys: ['Mod+z'],
        perform: () => ran.push('undo'),
      },
    ];
    expect(runKeyAction(actions, ctx, press('Delete'), false, () => {})).toBe(true);
    ctx.hasSpan = true;
    runKeyAction(actions, ctx, press('Delete'), false, () => {});
    runKeyAction(actions, ctx, press('z', true), false, () => {});
    expect(runKeyAction(actions, ctx, press('x'), false, () => {})).toBe(false);
    expect(ran).toEqual(['delete-other', 'delete-span', 'undo']);
  });

  it('reports a failing action instead of throwing, sync or async', async () => {
    const errors: unknown[] = [];
    const actions: Action<null>[] = [
      {
        id: 'a',
        title: 'A',
        group: 'G',
        keys: ['a'],
        perform: () => {
          throw new Error('sync');
        },
      },
      {
        id: 'b',
        title: 'B',
        group: 'G',
        keys: ['b'],
        perform: () => Promise.reject(new Error('async')),
      },
    ];
    runKeyAction(actions, null, press('a'), false, (e) => errors.push(e));
    runKeyAction(actions, null, press('b'), false, (e) => errors.push(e));
    await Promise.resolve();
    expect(errors.map((e) => (e as Error).message)).toEqual(['sync', 'async']);
  });
});

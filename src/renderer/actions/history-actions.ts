/** Undo and redo as actions, for every screen whose context has a History and a status line. */
import type { Status } from '../app/status';
import type { History } from '../commands/history';
import type { Action } from './action';

export function historyActions<C extends { history: History; status: Status }>(): Action<C>[] {
  return [
    {
      id: 'undo',
      title: 'Undo',
      group: 'Edit',
      keys: ['Mod+z'],
      perform: async (ctx) => {
        const entry = await ctx.history.undo();
        ctx.status.info(entry ? `Undid: ${entry.description}` : 'Nothing to undo.');
      },
    },
    {
      id: 'redo',
      title: 'Redo',
      group: 'Edit',
      keys: ['Shift+Mod+z', 'Mod+y'],
      perform: async (ctx) => {
        const entry = await ctx.history.redo();
        ctx.status.info(entry ? `Redid: ${entry.description}` : 'Nothing to redo.');
      },
    },
  ];
}

/**
 * The commands of the review screen, as data (../actions/action.ts): the screen's key handler,
 * its command palette and its shortcut sheet all read this one list.
 */
import type { Action } from '../actions/action';
import type { History } from '../commands/history';
import type { Status } from '../app/status';
import { quoteOf, type ReviewSession } from './review-session';
import { historyActions } from '../actions/history-actions';

/** What a review command may use. */
export interface ReviewContext {
  readonly session: ReviewSession;
  readonly history: History;
  readonly status: Status;
  /** Brings the current case into view in every column. */
  showCurrent(): void;
  /** Opens the edit form on the current case, based on this annotator's version (or the first). */
  startEdit(): void;
  openOverlay(kind: 'palette' | 'shortcuts'): void;
}

export type ReviewAction = Action<ReviewContext>;

const KIND_NAMES = {
  agree: 'all agree',
  label_differs: 'label differs',
  boundary_differs: 'boundary differs',
  attribute_differs: 'attribute differs',
  only_one: 'only one annotator',
  only_some: 'not everyone',
} as const;

/** How a case's kind reads in the interface ("boundary differs"). */
export function kindName(kind: keyof typeof KIND_NAMES): string {
  return KIND_NAMES[kind];
}

const hasCase = (ctx: ReviewContext) => ctx.session.current !== null;

function stepAction(direction: 1 | -1): ReviewAction {
  const next = direction === 1;
  return {
    id: next ? 'review:next' : 'review:previous',
    title: next ? 'Next disagreement' : 'Previous disagreement',
    group: 'Review',
    keys: next ? ['n'] : ['p'],
    perform: (ctx) => {
      const found = ctx.session.step(direction);
      if (!found) {
        ctx.status.info('No disagreements here: the annotators agree on every span.');
        return;
      }
      const list = ctx.session.disagreements();
      ctx.showCurrent();
      ctx.status.info(
        `Disagreement ${list.indexOf(found) + 1} of ${list.length}: ${kindName(found.kind)}, “${quoteOf(found)}”.`,
      );
    },
  };
}

/** Every review command for these annotators (1, 2, 3… accept their versions, in order). */
export function reviewActions(annotators: readonly string[]): ReviewAction[] {
  const accepts = annotators.slice(0, 9).map((name, i): ReviewAction => ({
    id: `review:accept:${name}`,
    title: `Accept ${name}'s version`,
    group: 'Adjudication',
    keys: [String(i + 1)],
    enabled: (ctx) => ctx.session.current?.versions.some((v) => v.annotator === name) ?? false,
    perform: async (ctx) => {
      await ctx.session.accept(name);
      ctx.status.info(`Accepted ${name}'s version into the gold layer.`);
    },
  }));
  return [
    stepAction(1),
    stepAction(-1),
    ...accepts,
    {
      id: 'review:edit',
      title: 'Edit a version into the gold layer',
      group: 'Adjudication',
      keys: ['e'],
      enabled: hasCase,
      perform: (ctx) => ctx.startEdit(),
    },
    {
      id: 'review:reject',
      title: 'Reject: nothing of this case in the gold layer',
      group: 'Adjudication',
      keys: ['x'],
      enabled: hasCase,
      perform: async (ctx) => {
        await ctx.session.reject();
        ctx.status.info('Rejected: nothing of this case goes into the gold layer.');
      },
    },
    {
      id: 'review:accept-agreed',
      title: 'Accept everything all annotators agree on',
      group: 'Adjudication',
      keys: ['Shift+a'],
      perform: async (ctx) => {
        const change = ctx.session.acceptAgreed();
        if (!change) {
          ctx.status.info('Nothing agreed is left to accept in this document.');
          return;
        }
        const { before, after } = await change;
        ctx.status.info(
          `Accepted ${after.annotations.length - before.annotations.length} agreed span(s) into the gold layer.`,
        );
      },
    },
    ...historyActions<ReviewContext>(),
    {
      id: 'palette',
      title: 'Command palette',
      group: 'Help',
      keys: ['Mod+k'],
      perform: (ctx) => ctx.openOverlay('palette'),
    },
    {
      id: 'shortcuts',
      title: 'Keyboard shortcuts',
      group: 'Help',
      keys: ['?'],
      perform: (ctx) => ctx.openOverlay('shortcuts'),
    },
  ];
}

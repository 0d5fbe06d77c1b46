/**
 * Keyboard-first coding on the annotate screen: a sticky label, growing the selection to the
 * word / sentence / quotation, moving a span's boundaries, stepping from span to span, and the
 * command palette and shortcut sheet. The text logic is pure (src/shared/selection,
 * src/shared/span-order.ts); these actions only read the context and apply the result.
 *
 * Keys, chosen to clash with neither form fields nor the viewer's own selection keys
 * (Shift+arrows, Ctrl+Shift+arrows, Shift+Home/End, Ctrl+A) nor the browser's reserved ones:
 * - Shift+1…9 keeps a label active; Esc (with no span selected) or the same key again stops it.
 * - Alt+W, Alt+S, Alt+Q grow the selection (Option on a Mac, read from the physical key).
 * - Alt+←/→ moves a span's start, Shift+Alt+←/→ its end, by a word; add Ctrl (⌘) to move by
 *   a character. On a Mac, Option+Shift+←/→ also selects by word while the caret is in the text,
 *   and the text wins there; the palette and the character keys still work.
 * - J / K step to the next / previous span (like the suggestion list); Tab stays with the side
 *   panel's fields.
 * - Ctrl+K (⌘K) opens the command palette, ? the shortcut sheet.
 */
import {
  expandToQuotation,
  expandToSentence,
  expandToWord,
} from '../../shared/selection/expand-selection';
import {
  nudgeSpan,
  type NudgeDirection,
  type NudgeUnit,
  type SpanEdge,
} from '../../shared/selection/nudge-span';
import type { TextRange } from '../../shared/selection/text-segments';
import { adjacentSpan, type StepDirection } from '../../shared/span-order';
import type { Codebook } from '../../shared/model';
import type { DocumentAction, DocumentContext } from './document-actions';

/** Shift+hotkey keeps a label active: every mouse selection is then tagged with it at once. */
export function stickyLabelActions(codebook: Codebook): DocumentAction[] {
  const toggles = codebook.labels.map<DocumentAction>((label) => ({
    id: `sticky:${label.name}`,
    title: `Keep ${label.name} active (tag every selection at once)`,
    group: 'Tagging',
    keys: /^[0-9]$/.test(label.hotkey) ? [`Shift+${label.hotkey}`] : [],
    perform: (ctx) => ctx.setStickyLabel(ctx.stickyLabel === label.name ? null : label.name),
  }));
  return [
    ...toggles,
    {
      id: 'sticky-off',
      title: 'Stop keeping a label active',
      group: 'Tagging',
      keys: ['Escape'],
      enabled: (ctx) => ctx.stickyLabel !== null,
      perform: (ctx) => ctx.setStickyLabel(null),
    },
    {
      id: 'sticky-tag',
      title: 'Tag the selection with the active label',
      group: 'Tagging',
      keys: ['Enter'],
      enabled: (ctx) => ctx.stickyLabel !== null && ctx.textSelection() !== null,
      perform: (ctx) => ctx.tagSelection(ctx.stickyLabel!),
    },
    {
      id: 'toggle-snap',
      title: 'Snap mouse selections to whole words (on/off)',
      group: 'Selection',
      perform: (ctx) => {
        const snap = !ctx.snapToWords;
        ctx.setSnapToWords(snap);
        ctx.status.info(
          snap
            ? 'Mouse selections now snap to whole words.'
            : 'Mouse selections are now kept exactly as dragged.',
        );
      },
    },
  ];
}

/** The selection, or the caret as an empty range, or null when neither is in the text. */
function selectionOrCaret(ctx: DocumentContext): TextRange | null {
  const selected = ctx.textSelection();
  if (selected) return selected;
  const caret = ctx.viewer.getCaret();
  return caret === null ? null : { start: caret, end: caret };
}

function expandAction(
  id: string,
  unit: string,
  key: string,
  expand: (text: string, start: number, end: number) => TextRange | null,
): DocumentAction {
  return {
    id,
    title: `Select the ${unit} around the selection`,
    group: 'Selection',
    keys: [key],
    perform: (ctx) => {
      const from = selectionOrCaret(ctx);
      if (!from) {
        ctx.status.info(`Click in the text (or select some) first, then grow it to the ${unit}.`);
        return;
      }
      const grown = expand(ctx.text, from.start, from.end);
      if (!grown) {
        ctx.status.info(`There is no ${unit} around the selection.`);
        return;
      }
      ctx.viewer.selectText(grown.start, grown.end);
    },
  };
}

export const selectionActions: DocumentAction[] = [
  expandAction('expand-word', 'word', 'Alt+w', expandToWord),
  expandAction('expand-sentence', 'sentence', 'Alt+s', expandToSentence),
  expandAction('expand-quotation', 'quotation', 'Alt+q', expandToQuotation),
];

function nudgeAction(edge: SpanEdge, direction: NudgeDirection, unit: NudgeUnit): DocumentAction {
  const arrow = direction > 0 ? 'ArrowRight' : 'ArrowLeft';
  const chord = `${edge === 'end' ? 'Shift+' : ''}Alt+${unit === 'character' ? 'Mod+' : ''}${arrow}`;
  const where = direction > 0 ? 'right' : 'left';
  return {
    id: `nudge-${edge}-${where}-${unit}`,
    title: `Move the span's ${edge} one ${unit} ${where}`,
    group: 'Span boundaries',
    keys: [chord],
    // Always enabled, so that the keys never fall through to the browser (Alt+← is "Back").
    perform: async (ctx) => {
      const span = ctx.selectedSpan === null ? undefined : ctx.editor.get(ctx.selectedSpan);
      if (!span) {
        ctx.status.info('Select a span first (click it, or press J), then move its boundaries.');
        return;
      }
      const moved = nudgeSpan(ctx.text, span, edge, direction, unit);
      if (!moved) {
        ctx.status.info(`The span's ${edge} cannot move further ${where}.`);
        return;
      }
      const saved = await ctx.editor.resize(span.id, moved.start, moved.end);
      ctx.status.info(`The ${saved.label} span now reads “${saved.quote}”.`);
    },
  };
}

export const boundaryActions: DocumentAction[] = (['end', 'start'] as const).flatMap((edge) =>
  (['word', 'character'] as const).flatMap((unit) =>
    ([1, -1] as const).map((direction) => nudgeAction(edge, direction, unit)),
  ),
);

function stepAction(direction: StepDirection): DocumentAction {
  const next = direction > 0;
  return {
    id: next ? 'next-span' : 'previous-span',
    title: next ? 'Go to the next span' : 'Go to the previous span',
    group: 'Navigation',
    keys: [next ? 'j' : 'k'],
    perform: (ctx) => {
      const found = adjacentSpan(
        ctx.editor.list(),
        ctx.selectedSpan,
        ctx.viewer.getCaret(),
        direction,
      );
      if (!found) {
        ctx.status.info(next ? 'No span after this one.' : 'No span before this one.');
        return;
      }
      ctx.selectSpan(found.id);
      ctx.viewer.scrollToSpan(found.id);
    },
  };
}

export const navigationActions: DocumentAction[] = [
  stepAction(1),
  stepAction(-1),
  {
    id: 'command-palette',
    title: 'Find a command',
    group: 'Help',
    keys: ['Mod+k'],
    perform: (ctx) => ctx.openOverlay('palette'),
  },
  {
    id: 'shortcut-sheet',
    title: 'Show the keyboard shortcuts',
    group: 'Help',
    keys: ['?'],
    perform: (ctx) => ctx.openOverlay('shortcuts'),
  },
];

/** Every keyboard-first coding command, in the order the shortcut sheet lists them. */
export function codingActions(codebook: Codebook): DocumentAction[] {
  return [
    ...stickyLabelActions(codebook),
    ...selectionActions,
    ...boundaryActions,
    ...navigationActions,
  ];
}

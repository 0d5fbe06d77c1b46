/**
 * The commands of the annotate screen. Features add theirs to `documentActions`; the pane's key
 * handler, the command palette and the shortcut sheet all read this one list.
 */
import type { Codebook } from '../../shared/model';
import type { RendererClient } from '../api/client';
import type { History } from '../commands/history';
import type { SpanEditor } from '../commands/span-editor';
import type { Status } from '../app/status';
import type { DocumentViewer, TextSelectionRange } from '../viewer/document-viewer';
import type { Action } from './action';
import { codingActions } from './coding-actions';
import { entityActions } from './entity-actions';
import { statementActions } from './statement-actions';
import { historyActions } from './history-actions';

/** What a command on the open document may use. */
export interface DocumentContext {
  readonly client: RendererClient;
  readonly codebook: Codebook;
  readonly editor: SpanEditor;
  readonly viewer: DocumentViewer;
  readonly history: History;
  readonly status: Status;
  /** The span shown in the side panel (clicked or reached by keyboard), if any. */
  readonly selectedSpan: string | null;
  selectSpan(id: string | null): void;
  /** The viewer's text selection (UTF-16 offsets), if any. */
  textSelection(): TextSelectionRange | null;
  /** Tags the text selection with a label and clears the selection. */
  tagSelection(label: string): void;
  /** Opens the relation picker for the selected span (statement-actions.ts). */
  openRelationPicker(): void;
  /** Moves the keyboard to the selected span's first attribute field. */
  focusAttributes(): void;
  // Keyboard-first coding (coding-actions.ts, ../coding/use-coding-tools.tsx)
  /** The document's text; every offset is in UTF-16 code units into it. */
  readonly text: string;
  /** The label every mouse selection is tagged with at once, if one is kept active. */
  readonly stickyLabel: string | null;
  setStickyLabel(label: string | null): void;
  /** Whether mouse selections snap to whole words (Alt while selecting keeps them exact). */
  readonly snapToWords: boolean;
  setSnapToWords(snap: boolean): void;
  openOverlay(overlay: 'palette' | 'shortcuts'): void;
}

export type DocumentAction = Action<DocumentContext>;

/** One "Tag as …" action per label with a hotkey, in codebook order. */
export function tagActions(codebook: Codebook): DocumentAction[] {
  return codebook.labels.map((label) => ({
    id: `tag:${label.name}`,
    title: `Tag as ${label.name}`,
    group: 'Tagging',
    keys: label.hotkey ? [label.hotkey] : [],
    enabled: (ctx) => ctx.textSelection() !== null,
    perform: (ctx) => ctx.tagSelection(label.name),
  }));
}

export const editActions: DocumentAction[] = [
  ...historyActions<DocumentContext>(),
  {
    id: 'delete-span',
    title: 'Delete the selected span',
    group: 'Edit',
    keys: ['Delete', 'Backspace'],
    enabled: (ctx) => ctx.selectedSpan !== null,
    perform: async (ctx) => {
      const span = ctx.editor.get(ctx.selectedSpan!);
      if (!span) return;
      ctx.selectSpan(null);
      const { relations } = await ctx.editor.remove(span.id);
      const count = relations.length;
      ctx.status.info(
        `Deleted the ${span.label} span “${span.quote}”` +
          (count > 0 ? ` and its ${count} ${count === 1 ? 'relation' : 'relations'}.` : '.'),
      );
    },
  },
  {
    id: 'deselect',
    title: 'Close the span panel',
    group: 'Navigation',
    keys: ['Escape'],
    enabled: (ctx) => ctx.selectedSpan !== null,
    perform: (ctx) => ctx.selectSpan(null),
  },
];

/** Every command of the annotate screen for this codebook. */
export function documentActions(codebook: Codebook): DocumentAction[] {
  return [
    ...tagActions(codebook),
    ...editActions,
    ...statementActions,
    ...entityActions,
    ...codingActions(codebook),
  ];
}

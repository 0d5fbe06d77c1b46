/**
 * The keyboard-first coding tools of one open document, as one hook for the document pane:
 * the context fields the coding actions need (../actions/coding-actions.ts), what a mouse
 * selection does when the button comes up (snap to words, tag at once with the sticky label),
 * and the command palette and shortcut sheet.
 *
 * The palette takes the focus, and with it the browser's text selection; it keeps the
 * selection it was opened on and puts it back before a command runs, so "Tag as Actor" from the
 * palette tags what was selected.
 */
import { useCallback, useMemo, useState, type MouseEvent, type ReactNode } from 'react';
import { snapToWords } from '../../shared/selection/snap-to-words';
import type { Action } from '../actions/action';
import type { DocumentContext } from '../actions/document-actions';
import { CommandPalette } from '../app/CommandPalette';
import { ShortcutSheet } from '../app/ShortcutSheet';
import type { Status } from '../app/status';
import type { DocumentViewer, TextSelectionRange } from '../viewer/document-viewer';
import type { CodingPreferences } from './coding-preferences';
import { actionEntries, type PaletteEntry } from './palette-entries';

export type Overlay = 'palette' | 'shortcuts';

/** A command of the window for the palette: open a document, go to a screen. */
export interface PaletteCommand {
  readonly id: string;
  readonly title: string;
  readonly group: string;
  run(): void;
}

/** The DocumentContext fields this hook provides. */
export type CodingContextFields = Pick<
  DocumentContext,
  'text' | 'stickyLabel' | 'setStickyLabel' | 'snapToWords' | 'setSnapToWords' | 'openOverlay'
>;

interface OpenOverlay {
  readonly kind: Overlay;
  /** The text selection when it opened, put back before a command runs. */
  readonly selection: TextSelectionRange | null;
  /** Where the keyboard was, to return there. */
  readonly focus: Element | null;
}

export function useCodingTools({
  viewer,
  text,
  coding,
  tagSelection,
  status,
  isMac,
}: {
  viewer: DocumentViewer | null;
  /** The open document's text ('' while it loads). */
  text: string;
  coding: CodingPreferences;
  tagSelection: (label: string) => void;
  status: Status;
  isMac: boolean;
}) {
  const [overlay, setOverlay] = useState<OpenOverlay | null>(null);

  const openOverlay = useCallback(
    (kind: Overlay) =>
      setOverlay({
        kind,
        selection: viewer?.getSelection() ?? null,
        focus: document.activeElement,
      }),
    [viewer],
  );

  const closeOverlay = useCallback(() => {
    if (!overlay) return;
    setOverlay(null);
    const back = overlay.focus;
    if (back instanceof HTMLElement && back.isConnected && back !== document.body) {
      back.focus({ preventScroll: true });
    } else {
      viewer?.focus();
    }
    if (overlay.selection) viewer?.selectText(overlay.selection.start, overlay.selection.end);
  }, [overlay, viewer]);

  /**
   * The button came up after a mouse selection: snap it to whole words (unless Alt is held or
   * snapping is off) and, with a sticky label, tag it at once.
   */
  const onMouseUp = useCallback(
    (event: MouseEvent) => {
      if (!viewer || event.button !== 0) return;
      const range = viewer.getSelection();
      if (!range) return;
      const exact = event.altKey || !coding.snapToWords;
      const target = exact ? range : snapToWords(text, range.start, range.end);
      if (!target) return; // only spaces or punctuation: leave the selection as it is
      if (target.start !== range.start || target.end !== range.end) {
        viewer.selectText(target.start, target.end);
      }
      if (coding.stickyLabel !== null) tagSelection(coding.stickyLabel);
    },
    [viewer, text, coding.snapToWords, coding.stickyLabel, tagSelection],
  );

  const fields = useMemo<CodingContextFields>(
    () => ({
      text,
      stickyLabel: coding.stickyLabel,
      setStickyLabel: (label) => {
        coding.setStickyLabel(label);
        status.info(
          label === null
            ? 'No label is active any more: select, then press a number to tag.'
            : `${label} is active: every selection you make is tagged as ${label} at once. ` +
                'Esc stops.',
        );
      },
      snapToWords: coding.snapToWords,
      setSnapToWords: coding.setSnapToWords,
      openOverlay,
    }),
    [text, coding, status, openOverlay],
  );

  /** The open palette or sheet, if any, over the pane. */
  const renderOverlay = (
    actions: readonly Action<DocumentContext>[],
    context: DocumentContext | null,
    commands: readonly PaletteCommand[],
  ): ReactNode => {
    if (!overlay || !context) return null;
    if (overlay.kind === 'shortcuts') {
      return <ShortcutSheet actions={actions} isMac={isMac} onClose={closeOverlay} />;
    }
    const asOpened: DocumentContext = { ...context, textSelection: () => overlay.selection };
    const entries: PaletteEntry[] = [
      ...actionEntries(actions, asOpened, () => context, status.error),
      ...commands.map((c) => ({ ...c, keys: [], enabled: true })),
    ];
    return (
      <CommandPalette
        entries={entries}
        isMac={isMac}
        onClose={closeOverlay}
        onRun={(entry) => {
          closeOverlay();
          entry.run();
        }}
      />
    );
  };

  return { fields, onMouseUp, renderOverlay };
}

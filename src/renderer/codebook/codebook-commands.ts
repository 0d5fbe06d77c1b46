/**
 * Codebook changes as undoable commands, through the window's one History (so Ctrl+Z on any
 * screen, or the Undo button, takes them back in order with span edits).
 *
 * - A change made only of renames is undone by the inverse renames, applied like any change:
 *   every layer follows, and the codebook records both (a late layer written in between still
 *   finds its way back). Merges and deletions cannot be undone this way and are not recorded.
 * - A save of plain edits is undone by saving the codebook as it was before, on the current
 *   revision. The service refuses that if it would now orphan something (e.g. a label added by
 *   the edit has spans since), and the undo stays available with the reason shown.
 *
 * After each step `refresh` re-reads the codebook and the documents, so every screen shows the
 * new names (the annotate screen remounts the open document on a new codebook revision).
 */
import type { WorkbenchClient } from '../../shared/api';
import {
  describeOperation,
  inverseOperation,
  type CodebookChangeResult,
  type CodebookOperation,
} from '../../shared/codebook/operations';
import type { Codebook } from '../../shared/model';
import type { History } from '../commands/history';
import { unwrap } from '../commands/span-editor';

type Client = Pick<WorkbenchClient, 'applyCodebookChange' | 'saveCodebook' | 'getCodebook'>;

export interface CodebookCommandContext {
  readonly client: Client;
  readonly history: History;
  /** Re-reads the codebook and the document list after a change. */
  refresh(): Promise<void>;
}

/** The operations that undo `operations`, or null when one of them cannot be undone. */
export function inverseOperations(
  operations: readonly CodebookOperation[],
): CodebookOperation[] | null {
  const inverse: CodebookOperation[] = [];
  for (const op of [...operations].reverse()) {
    const undo = inverseOperation(op);
    if (!undo) return null;
    inverse.push(undo);
  }
  return inverse;
}

/**
 * Applies the operations (with the confirmation count the person accepted, for deletions) and
 * records them for undo when they are renames.
 */
export async function applyCodebookChange(
  ctx: CodebookCommandContext,
  operations: readonly CodebookOperation[],
  confirmDeleteCount?: number,
): Promise<CodebookChangeResult> {
  const apply = async (ops: readonly CodebookOperation[], confirm?: number) => {
    const result = unwrap(
      await ctx.client.applyCodebookChange({
        operations: [...ops],
        ...(confirm !== undefined && { confirmDeleteCount: confirm }),
      }),
    );
    await ctx.refresh();
    return result;
  };
  const inverse = inverseOperations(operations);
  if (!inverse) return apply(operations, confirmDeleteCount);

  let result: CodebookChangeResult | undefined;
  await ctx.history.run(async () => {
    result = await apply(operations);
    return {
      description: operations.map(describeOperation).join('; '),
      undo: async () => void (await apply(inverse)),
      redo: async () => void (await apply(operations)),
    };
  });
  return result!;
}

/** Saves plain edits (`edited` on the revision they were made from); undoable. */
export async function saveCodebookEdits(
  ctx: CodebookCommandContext,
  before: Codebook,
  edited: Codebook,
): Promise<Codebook> {
  /** Saves `content` over whatever revision is current now (undo and redo come later). */
  const saveOverCurrent = async (content: Codebook) => {
    const current = unwrap(await ctx.client.getCodebook({}));
    unwrap(await ctx.client.saveCodebook({ codebook: { ...content, revision: current.revision } }));
    await ctx.refresh();
  };
  let saved: Codebook | undefined;
  await ctx.history.run(async () => {
    saved = unwrap(await ctx.client.saveCodebook({ codebook: edited }));
    await ctx.refresh();
    return {
      description: 'edit the codebook',
      undo: () => saveOverCurrent(before),
      redo: () => saveOverCurrent(saved!),
    };
  });
  return saved!;
}

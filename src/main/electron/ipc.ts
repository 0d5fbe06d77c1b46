/**
 * The IPC transport: one `ipcMain.handle` per API operation. Each call is checked for its sender
 * (our window's top frame showing the app), then goes through `dispatch`, which validates the
 * argument. Every outcome, refusals included, is an ApiResult value: a handler never throws.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import {
  METHOD_NAMES,
  dispatch,
  type ApiResult,
  type MethodName,
  type WorkbenchHandlers,
} from '../../shared/api';
import { ipcChannel } from '../../shared/bridge';
import { isTrustedIpcSender, type IpcSender, type TrustedWindow } from '../shell/ipc-guard';

export interface IpcContext {
  /** The open project's handlers; null while a project is being opened. */
  handlers(): WorkbenchHandlers | null;
  /** The app window, or null when there is none. */
  trustedWindow(): TrustedWindow | null;
}

export function registerIpcHandlers(context: IpcContext): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(method), (event, args: unknown) =>
      call(context, method, event, args),
    );
  }
}

async function call(
  context: IpcContext,
  method: MethodName,
  event: IpcMainInvokeEvent,
  args: unknown,
): Promise<ApiResult<unknown>> {
  if (!isTrustedIpcSender(describeSender(event), context.trustedWindow())) {
    return {
      ok: false,
      error: {
        code: 'invalid_argument',
        message: `${method}: refused a call from outside the app.`,
      },
    };
  }
  const handlers = context.handlers();
  if (handlers === null) {
    return {
      ok: false,
      error: {
        code: 'unavailable',
        message: 'The project is still opening; try again in a moment.',
      },
    };
  }
  return dispatch(handlers, method, args);
}

function describeSender(event: IpcMainInvokeEvent): IpcSender {
  try {
    const frame = event.senderFrame;
    return {
      webContentsId: event.sender.id,
      frameUrl: frame?.url ?? null,
      isMainFrame: frame !== null && frame.parent === null,
    };
  } catch {
    // A frame disposed mid-call throws on access: treat it like a vanished frame.
    return { webContentsId: event.sender.id, frameUrl: null, isMainFrame: false };
  }
}

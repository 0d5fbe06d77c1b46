/**
 * Who may call the workbench API over IPC: only the top frame of our own window, showing the
 * app. A subframe, another window, or our window after it somehow navigated elsewhere is refused
 * (the preload runs only in the main frame, but the check does not rely on that).
 */
import { isAppUrl } from './app-origin';

/** What Electron tells us about the frame that sent an IPC message. */
export interface IpcSender {
  /** `event.sender.id`: the web contents the message came from. */
  webContentsId: number;
  /** `event.senderFrame?.url`; null when the frame is gone (navigated or destroyed). */
  frameUrl: string | null;
  /** Whether the sending frame is the top frame (`event.senderFrame.parent === null`). */
  isMainFrame: boolean;
}

export interface TrustedWindow {
  webContentsId: number;
  /** Origin of the app: APP_ORIGIN, or the dev server's origin in development. */
  appOrigin: string;
}

export function isTrustedIpcSender(sender: IpcSender, window: TrustedWindow | null): boolean {
  return (
    window !== null &&
    sender.webContentsId === window.webContentsId &&
    sender.isMainFrame &&
    sender.frameUrl !== null &&
    isAppUrl(sender.frameUrl, window.appOrigin)
  );
}

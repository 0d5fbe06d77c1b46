/**
 * Applies the shell's security policy (pure, tested, in ../shell) to Electron's session and to
 * every web contents the app creates.
 */
import { shell, type Session, type WebContents } from 'electron';
import { externalUrlToOpen, isAllowedNavigation, shouldAllowPermission } from '../shell/navigation';

/** Refuses every permission and sends our CSP with every response the session receives. */
export function hardenSession(target: Session, policy: string): void {
  target.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(shouldAllowPermission(permission));
  });
  target.setPermissionCheckHandler((_contents, permission) => shouldAllowPermission(permission));
  target.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    responseHeaders['Content-Security-Policy'] = [policy];
    callback({ responseHeaders });
  });
}

/**
 * Keeps a web contents on the app: no navigation elsewhere, no new windows, no webviews. Links to
 * the web (e.g. an article's source) open in the person's browser instead.
 */
export function hardenWebContents(contents: WebContents, appOrigin: string): void {
  contents.on('will-frame-navigate', (event) => {
    if (isAllowedNavigation(event.url, appOrigin)) return;
    event.preventDefault();
    if (event.isMainFrame) openExternally(event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function openExternally(url: string): void {
  const external = externalUrlToOpen(url);
  if (external !== null) void shell.openExternal(external);
}

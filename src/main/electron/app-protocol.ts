/**
 * Serves the built renderer on `workbench://app/…` (see shell/app-origin.ts for why not file://).
 * Files come from the same traversal-proof resolver as browser mode, with the same headers.
 */
import { protocol, type CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from '../shell/app-origin';
import { securityHeaders } from '../shell/csp';
import { readStaticFile } from '../transport/static-files';

/**
 * Registered before `app` is ready. `standard` gives the scheme real origins and relative URL
 * resolution, `secure` makes it a secure context; `supportFetchAPI` and `corsEnabled` are what
 * Chromium needs to load `<script type="module" crossorigin>` from a custom scheme (VS Code
 * registers its vscode-file: scheme the same way). They only let pages read our static files,
 * which hold code, never data, and no other origin is ever loaded in the app.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
};

/** Call once the app is ready. `rendererDir` is out/renderer; `policy` the CSP to send. */
export function registerAppProtocol(rendererDir: string, policy: string): void {
  const headers = securityHeaders(policy);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file =
      url.host === APP_HOST && request.method === 'GET'
        ? await readStaticFile(rendererDir, url.pathname)
        : null;
    if (file === null) return new Response('Not found', { status: 404, headers });
    return new Response(new Uint8Array(file.body), {
      headers: { ...headers, 'Content-Type': file.contentType },
    });
  });
}

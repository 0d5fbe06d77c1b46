/**
 * Where the renderer comes from. In a built app it is served by the main process on a private
 * scheme (`workbench://app/…`) rather than `file://`: a file: page may load any file on disk and
 * its origin is opaque, whereas a standard custom scheme gives the page a real origin that CSP
 * `'self'`, navigation guards and IPC sender checks can compare against. In development the
 * renderer comes from the electron-vite dev server (`ELECTRON_RENDERER_URL`).
 */

export const APP_SCHEME = 'workbench';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The origin (`scheme://host[:port]`) of a URL, also for non-special schemes, whose WHATWG
 * `URL.origin` is the string "null". Null for anything that does not parse or has no host
 * (file:, data:, about:, javascript:).
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/** True when `url` belongs to the app, whose origin is `appOrigin` (e.g. APP_ORIGIN). */
export function isAppUrl(url: string, appOrigin: string): boolean {
  const origin = originOf(url);
  return origin !== null && origin === originOf(appOrigin);
}

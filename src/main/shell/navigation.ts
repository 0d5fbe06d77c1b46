/**
 * Navigation and permission policy for the app window, as pure functions so that they are
 * tested without Electron. The window shows the app and nothing else: links to the web open in
 * the person's browser, never inside the window that holds the workbench API.
 */
import { isAppUrl } from './app-origin';

/** Longest URL handed to the operating system; anything longer is not a link a person clicked. */
const MAX_EXTERNAL_URL_LENGTH = 2048;

/** The window may navigate only within the app itself (e.g. a reload). */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  return isAppUrl(url, appOrigin);
}

/**
 * The URL to open in the system browser for a link the renderer wanted to follow, or null to
 * drop it. Only well-formed http(s) URLs with a host and without credentials qualify: other
 * schemes (file:, smb:, custom protocol handlers) can launch local programs.
 */
export function externalUrlToOpen(url: string): string | null {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/**
 * Permission requests (camera, notifications, geolocation, clipboard-read, …) are all refused:
 * annotating text needs none of them.
 */
export function shouldAllowPermission(_permission: string): boolean {
  return false;
}

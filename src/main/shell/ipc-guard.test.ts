import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN } from './app-origin';
import { isTrustedIpcSender, type IpcSender, type TrustedWindow } from './ipc-guard';

const window: TrustedWindow = { webContentsId: 7, appOrigin: APP_ORIGIN };
const trusted: IpcSender = { webContentsId: 7, frameUrl: APP_ENTRY_URL, isMainFrame: true };

describe('isTrustedIpcSender', () => {
  it('trusts the main frame of our window showing the app', () => {
    expect(isTrustedIpcSender(trusted, window)).toBe(true);
    expect(isTrustedIpcSender({ ...trusted, frameUrl: `${APP_ORIGIN}/index.html#x` }, window)).toBe(
      true,
    );
  });

  it('trusts the dev server page in development', () => {
    const dev: TrustedWindow = { webContentsId: 7, appOrigin: 'http://localhost:5173' };
    expect(isTrustedIpcSender({ ...trusted, frameUrl: 'http://localhost:5173/' }, dev)).toBe(true);
    expect(isTrustedIpcSender(trusted, dev)).toBe(false);
  });

  it.each<[string, Partial<IpcSender>]>([
    ['another web contents', { webContentsId: 8 }],
    ['a subframe', { isMainFrame: false }],
    ['a destroyed frame', { frameUrl: null }],
    ['a page elsewhere on the web', { frameUrl: 'https://example.org/' }],
    ['a local file', { frameUrl: 'file:///tmp/evil.html' }],
    ['about:blank', { frameUrl: 'about:blank' }],
  ])('refuses %s', (_name, change) => {
    expect(isTrustedIpcSender({ ...trusted, ...change }, window)).toBe(false);
  });

  it('refuses everything while there is no window', () => {
    expect(isTrustedIpcSender(trusted, null)).toBe(false);
  });
});

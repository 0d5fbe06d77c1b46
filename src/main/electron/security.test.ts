/**
 * The session and web-contents hardening, with Electron replaced by recording fakes (the binary
 * cannot run here).
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../shell/app-origin';

const openExternal = vi.fn(async () => {});
vi.mock('electron', () => ({ shell: { openExternal } }));

const { hardenSession, hardenWebContents } = await import('./security');

/** Just enough of a Session to capture what hardenSession installs. */
function fakeSession() {
  const installed: Record<string, (...args: never[]) => unknown> = {};
  const session = {
    setPermissionRequestHandler: (f: never) => (installed.request = f),
    setPermissionCheckHandler: (f: never) => (installed.check = f),
    webRequest: { onHeadersReceived: (f: never) => (installed.headers = f) },
  };
  return { session, installed };
}

describe('hardenSession', () => {
  const { session, installed } = fakeSession();
  hardenSession(session as never, "default-src 'none'");

  it('refuses every permission request and check', () => {
    for (const permission of ['media', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      (installed.request as (...a: unknown[]) => void)({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect((installed.check as (...a: unknown[]) => boolean)({}, permission)).toBe(false);
    }
  });

  it('replaces any Content-Security-Policy a response brings with ours', () => {
    const callback = vi.fn();
    (installed.headers as (...a: unknown[]) => void)(
      {
        responseHeaders: {
          'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
          'Content-Type': ['text/html'],
        },
      },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': ["default-src 'none'"],
      },
    });
  });
});

describe('hardenWebContents', () => {
  function hardened() {
    const contents = Object.assign(new EventEmitter(), {
      windowOpenHandler: null as null | ((details: { url: string }) => unknown),
      setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
        this.windowOpenHandler = handler;
      },
    });
    hardenWebContents(contents as never, APP_ORIGIN);
    return contents;
  }

  function navigate(contents: EventEmitter, url: string, isMainFrame = true) {
    const event = { url, isMainFrame, preventDefault: vi.fn() };
    contents.emit('will-frame-navigate', event);
    return event.preventDefault;
  }

  it('lets the app navigate within itself', () => {
    openExternal.mockClear();
    expect(navigate(hardened(), `${APP_ORIGIN}/index.html`)).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('keeps the window on the app and opens web links in the browser instead', () => {
    openExternal.mockClear();
    const contents = hardened();
    expect(navigate(contents, 'https://www.reuters.com/a')).toHaveBeenCalled();
    expect(navigate(contents, 'file:///etc/passwd')).toHaveBeenCalled();
    expect(navigate(contents, 'https://ads.example/frame', false)).toHaveBeenCalled();
    expect(openExternal.mock.calls).toEqual([['https://www.reuters.com/a']]);
  });

  it('denies every new window, opening only http(s) links externally', () => {
    openExternal.mockClear();
    const contents = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'smb://server/share' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: `${APP_ORIGIN}/index.html` })).toEqual({
      action: 'deny',
    });
    expect(openExternal.mock.calls).toEqual([['https://example.org/']]);
  });

  it('refuses to attach webviews', () => {
    const event = { preventDefault: vi.fn() };
    hardened().emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

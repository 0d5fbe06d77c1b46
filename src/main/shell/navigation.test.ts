import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './app-origin';
import { externalUrlToOpen, isAllowedNavigation, shouldAllowPermission } from './navigation';

describe('isAllowedNavigation', () => {
  it('allows navigating within the app (e.g. reload)', () => {
    expect(isAllowedNavigation(`${APP_ORIGIN}/index.html`, APP_ORIGIN)).toBe(true);
  });

  it.each(['https://example.org/', 'file:///etc/passwd', 'workbench://other/', 'about:blank'])(
    'refuses %s',
    (url) => {
      expect(isAllowedNavigation(url, APP_ORIGIN)).toBe(false);
    },
  );
});

describe('externalUrlToOpen', () => {
  it.each([
    ['https://www.reuters.com/world/', 'https://www.reuters.com/world/'],
    ['http://example.org', 'http://example.org/'],
    ['https://example.org/a b?q=1#f', 'https://example.org/a%20b?q=1#f'],
  ])('opens %s as %s', (url, expected) => {
    expect(externalUrlToOpen(url)).toBe(expected);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'mailto:someone@example.org',
    'ms-settings:privacy',
    'workbench://app/index.html',
    'https://user:secret@example.org/',
    'https://user@example.org/',
    'http://',
    'not a url',
    '',
    `https://example.org/${'a'.repeat(3000)}`,
  ])('refuses %j', (url) => {
    expect(externalUrlToOpen(url)).toBeNull();
  });
});

describe('shouldAllowPermission', () => {
  it.each(['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'unknown'])(
    'refuses %s',
    (permission) => {
      expect(shouldAllowPermission(permission)).toBe(false);
    },
  );
});

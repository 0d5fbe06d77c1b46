import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl, originOf } from './app-origin';

describe('originOf', () => {
  it.each([
    ['workbench://app/index.html', 'workbench://app'],
    ['workbench://app/assets/index.js?x#y', 'workbench://app'],
    ['http://localhost:5173/', 'http://localhost:5173'],
    ['http://localhost:80/', 'http://localhost'],
    ['HTTP://LOCALHOST:5173/x', 'http://localhost:5173'],
  ])('%s → %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });

  it.each([
    'file:///etc/passwd',
    'about:blank',
    'data:text/html,hi',
    'javascript:alert(1)',
    'nonsense',
    '',
  ])('has no origin for %j', (url) => {
    expect(originOf(url)).toBeNull();
  });
});

describe('isAppUrl', () => {
  it('accepts the app entry and anything on the app origin', () => {
    expect(isAppUrl(APP_ENTRY_URL, APP_ORIGIN)).toBe(true);
    expect(isAppUrl(`${APP_ORIGIN}/index.html#/doc/abc`, APP_ORIGIN)).toBe(true);
  });

  it('accepts the dev server origin only when that is the app origin', () => {
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5173/', APP_ORIGIN)).toBe(false);
  });

  it.each([
    'workbench://evil/index.html',
    'workbench://app.evil.com/',
    'workbench://APP/index.html',
    'https://app/index.html',
    'http://localhost:5174/',
    'file:///work/out/renderer/index.html',
    'about:blank',
    'not a url',
  ])('rejects %s', (url) => {
    expect(isAppUrl(url, APP_ORIGIN)).toBe(false);
    expect(isAppUrl(url, 'http://localhost:5173')).toBe(false);
  });
});

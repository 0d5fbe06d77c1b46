/**
 * The workbench:// protocol handler, with Electron's `protocol` replaced by a fake that hands us
 * the handler (the binary cannot run here); requests are real fetch Requests.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME } from '../shell/app-origin';

type Handler = (request: Request) => Promise<Response>;
const handlers = new Map<string, Handler>();
vi.mock('electron', () => ({
  protocol: { handle: (scheme: string, handler: Handler) => handlers.set(scheme, handler) },
}));

const { APP_SCHEME_PRIVILEGES, registerAppProtocol } = await import('./app-protocol');

describe('registerAppProtocol', () => {
  let dir: string;
  let serve: Handler;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'workbench-protocol-'));
    await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>');
    await writeFile(join(dir, 'renderer', 'assets', 'index.js'), 'export {}');
    await writeFile(join(dir, 'secret.txt'), 'secret');
    registerAppProtocol(join(dir, 'renderer'), "default-src 'none'");
    serve = handlers.get(APP_SCHEME)!;
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('registers a standard, secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe(APP_SCHEME);
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
  });

  it('serves the renderer with its content type and the security headers', async () => {
    const page = await serve(new Request(APP_ENTRY_URL));
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');

    const script = await serve(new Request(`${APP_ORIGIN}/assets/index.js`));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    `${APP_ORIGIN}/../secret.txt`,
    `${APP_ORIGIN}/%2e%2e/secret.txt`,
    `${APP_ORIGIN}/assets/..%2f..%2fsecret.txt`,
    `${APP_SCHEME}://elsewhere/index.html`,
    `${APP_ORIGIN}/missing.js`,
  ])('answers 404 for %s', async (url) => {
    const response = await serve(new Request(url));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toBe('secret');
  });

  it('serves only GET', async () => {
    expect((await serve(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }))).status).toBe(
      404,
    );
  });
});

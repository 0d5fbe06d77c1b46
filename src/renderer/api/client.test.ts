import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../shared/api';
import type { WorkbenchBridge } from '../../shared/bridge';
import { createClient, type ClientHost } from './client';

const TOKEN = 'a'.repeat(64);

interface FakeHost extends ClientHost {
  storage: Map<string, string>;
  replaced: string[];
}

function fakeHost(hash: string, fetchImpl: ClientHost['fetch']): FakeHost {
  const storage = new Map<string, string>();
  const replaced: string[] = [];
  return {
    storage,
    replaced,
    location: { hash, pathname: '/', search: '' },
    history: { state: null, replaceState: (_state, _title, url) => replaced.push(String(url)) },
    sessionStorage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => storage.set(key, value),
    },
    fetch: fetchImpl,
  };
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('createClient in Electron', () => {
  it('is the preload bridge itself', () => {
    const bridge = { onMenuCommand: () => () => {} } as unknown as WorkbenchBridge;
    const host = fakeHost('', vi.fn());
    expect(createClient({ ...host, workbench: bridge })).toBe(bridge);
    expect(host.fetch).not.toHaveBeenCalled();
  });
});

describe('createClient in browser mode', () => {
  it('posts each operation as JSON with the token from the fragment', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { ok: true, value: [] }));
    const client = createClient(fakeHost(`#token=${TOKEN}`, fetch));
    for (const method of METHOD_NAMES) expect(typeof client[method]).toBe('function');

    expect(await client.getDocument({ id: 'doc-1' })).toEqual({ ok: true, value: [] });
    expect(fetch).toHaveBeenCalledWith('/api/getDocument', {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: '{"id":"doc-1"}',
    });
  });

  it('removes the token from the address bar but keeps it for reloads of the tab', async () => {
    const host = fakeHost(
      `#token=${TOKEN}`,
      vi.fn(async () => jsonResponse(200, { ok: true, value: 1 })),
    );
    createClient(host);
    expect(host.replaced).toEqual(['/']);
    expect(host.storage.get('workbench.token')).toBe(TOKEN);

    // The reloaded tab has no fragment any more.
    const reloaded = { ...host, location: { hash: '', pathname: '/', search: '' } };
    await createClient(reloaded).listDocuments({});
    expect(reloaded.fetch).toHaveBeenLastCalledWith(
      '/api/listDocuments',
      expect.objectContaining({
        headers: expect.objectContaining({ Authorization: `Bearer ${TOKEN}` }),
      }),
    );
  });

  it('passes the error values of the server through', async () => {
    const error = { code: 'invalid_argument', message: 'Missing or wrong access token' };
    const client = createClient(fakeHost('', async () => jsonResponse(401, { ok: false, error })));
    expect(await client.getProject({})).toEqual({ ok: false, error });
  });

  it('turns a network failure into an unavailable error', async () => {
    const client = createClient(
      fakeHost(`#token=${TOKEN}`, async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(await client.getProject({})).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message: 'The workbench server is not reachable: Failed to fetch. Is serve still running?',
      },
    });
  });

  it('turns an answer that is not a result into an unavailable error', async () => {
    for (const response of [
      new Response('<html>Bad gateway</html>', { status: 502 }),
      jsonResponse(200, { something: 'else' }),
    ]) {
      const client = createClient(fakeHost(`#token=${TOKEN}`, async () => response));
      const result = await client.listDocuments({});
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(!result.ok && result.error.message).toMatch(
        /gave no result for listDocuments \(HTTP \d+\)/,
      );
    }
  });

  it('has no menu, so menu subscriptions never fire', () => {
    const client = createClient(fakeHost(`#token=${TOKEN}`, vi.fn()));
    const listener = vi.fn();
    const unsubscribe = client.onMenuCommand(listener);
    unsubscribe();
    expect(listener).not.toHaveBeenCalled();
  });
});

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  METHOD_NAMES,
  WorkbenchError,
  type ProjectInfo,
  type WorkbenchHandlers,
} from '../../shared/api';
import { startHttpServer, type RunningHttpServer } from './http-server';

const project: ProjectInfo = {
  name: 'corpus',
  path: '/projects/corpus',
  annotator: 'ana',
  suggestedAnnotator: 'ana',
  warnings: [],
  shell: 'browser',
};

/** Every operation fails loudly unless a test gave it a behaviour; `named` logs setAnnotator. */
function fakeHandlers(named: string[] = []): WorkbenchHandlers {
  const unexpected = Object.fromEntries(
    METHOD_NAMES.map((name) => [
      name,
      async () => {
        throw new Error(`${name} was not expected in this test`);
      },
    ]),
  ) as unknown as WorkbenchHandlers;
  return {
    ...unexpected,
    getProject: async () => project,
    setAnnotator: async ({ name }) => {
      named.push(name);
      return { ...project, annotator: name };
    },
    getDocument: async ({ id }) => {
      throw new WorkbenchError('not_found', `There is no document "${id}" in this project.`);
    },
  };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A raw HTTP request: unlike fetch, it can send any Host header (or none: `Host: ''`) and
 * unnormalised paths.
 */
function send(
  port: number,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunked?: boolean;
  },
): Promise<Reply> {
  const headers = { Host: `127.0.0.1:${port}`, ...options.headers };
  const omitHost = headers.Host === '';
  if (omitHost) delete (headers as Partial<typeof headers>).Host;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers,
        setHost: !omitHost,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) {
      if (!options.chunked) req.setHeader('Content-Length', Buffer.byteLength(options.body));
      req.write(options.body);
    }
    req.end();
  });
}

describe('startHttpServer', () => {
  let dir: string;
  let server: RunningHttpServer;
  let auth: Record<string, string>;
  const named: string[] = [];

  const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    send(server.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { ...auth, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'workbench-http-'));
    const root = join(dir, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Workbench</title>');
    await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    await writeFile(join(root, 'assets', 'index-abc.css'), 'body{}');
    await writeFile(join(dir, 'secret.txt'), 'outside the root');
    await symlink(join(dir, 'secret.txt'), join(root, 'link-out.txt'));
    server = await startHttpServer({
      handlers: fakeHandlers(named),
      staticDir: root,
      maxRequestBytes: 1024,
    });
    auth = { Authorization: `Bearer ${server.token}` };
  });

  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on loopback and hands out the token in the URL fragment only', () => {
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
  });

  it('dispatches an API call with the right token and Host', async () => {
    const reply = await api('getProject', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: project });
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
    const named = await api('setAnnotator', { name: 'ben' }, { Host: `localhost:${server.port}` });
    expect(JSON.parse(named.body)).toEqual({ ok: true, value: { ...project, annotator: 'ben' } });
  });

  it('returns the errors of an operation as values', async () => {
    expect(JSON.parse((await api('getDocument', { id: 'nope' })).body)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'There is no document "nope" in this project.' },
    });
    const invalid = JSON.parse((await api('getDocument', { id: '../etc' })).body);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(invalid.error.message).toMatch(/^getDocument: id: /);
  });

  it('refuses an API call without a token, or with a wrong one, and never runs it', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { Authorization: `Bearer ${'0'.repeat(64)}` },
      { Authorization: server.token },
    ]) {
      const reply = await send(server.port, {
        method: 'POST',
        path: '/api/setAnnotator',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'mallory' }),
      });
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toBe('Bearer');
      expect(JSON.parse(reply.body).error.message).toMatch(/access token/);
    }
    expect(named).not.toContain('mallory');
  });

  it('refuses a foreign Host header (DNS rebinding), even with the token', async () => {
    for (const host of [
      'evil.example:' + server.port,
      `127.0.0.1:${server.port + 1}`,
      '127.0.0.1',
    ]) {
      const reply = await api('getProject', {}, { Host: host });
      expect(reply.status).toBe(403);
    }
    // Without a Host header Node itself answers 400 before any of our code runs.
    expect((await api('getProject', {}, { Host: '' })).status).toBe(400);
    expect((await send(server.port, { path: '/', headers: { Host: 'evil.example' } })).status).toBe(
      403,
    );
  });

  it('refuses a request from another origin, even with the token', async () => {
    expect((await api('getProject', {}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('getProject', {}, { Origin: 'null' })).status).toBe(403);
    expect(
      (await api('getProject', {}, { Origin: `http://localhost:${server.port}` })).status,
    ).toBe(200);
  });

  it('answers an unknown operation with 404 and an error value', async () => {
    for (const method of ['dropDatabase', '__proto__', 'constructor', '']) {
      const reply = await api(method, {});
      expect(reply.status).toBe(404);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });

  it('explains a body that is not JSON', async () => {
    const reply = await send(server.port, {
      method: 'POST',
      path: '/api/getProject',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: '{"oops":',
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error.message).toMatch(
      /^getProject: the request body is not valid JSON/,
    );
  });

  it('requires JSON, POST, and a body within the size limit', async () => {
    const text = await send(server.port, {
      method: 'POST',
      path: '/api/getProject',
      headers: { ...auth, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(415);
    const get = await send(server.port, { path: '/api/getProject', headers: auth });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect((await send(server.port, { path: '/api', headers: auth })).status).toBe(405);

    const big = JSON.stringify({ name: 'x'.repeat(2000) });
    const declared = await api('setAnnotator', JSON.parse(big));
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.message).toBe(
      'The request is larger than 1 KB: send fewer files at once.',
    );
    const chunked = await send(server.port, {
      method: 'POST',
      path: '/api/setAnnotator',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: big,
      chunked: true,
    });
    expect(chunked.status).toBe(413);
    // The server is still serving after refusing large bodies.
    expect((await api('getProject', {})).status).toBe(200);
  });

  it('serves the renderer with content types and security headers, without a token', async () => {
    const index = await send(server.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Workbench</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toMatch(
      /default-src 'none'; script-src 'self'/,
    );
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect(index.headers['cross-origin-opener-policy']).toBe('same-origin');

    const script = await send(server.port, { path: '/assets/index-abc.js?v=1' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('console.log(1)');
    const style = await send(server.port, { path: '/assets/index-abc.css' });
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');

    const head = await send(server.port, { method: 'HEAD', path: '/index.html' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await send(server.port, { method: 'DELETE', path: '/index.html' })).status).toBe(405);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/link-out.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/assets',
    '/missing.js',
    '//etc/passwd',
  ])('never serves anything outside the renderer: %s → 404', async (path) => {
    const reply = await send(server.port, { path });
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('outside the root');
  });
});

describe('startHttpServer options', () => {
  it('refuses a weak token', async () => {
    await expect(
      startHttpServer({ handlers: fakeHandlers(), staticDir: tmpdir(), token: 'secret' }),
    ).rejects.toThrow(/at least 32/);
  });

  it('says which port is taken', async () => {
    const first = await startHttpServer({ handlers: fakeHandlers(), staticDir: tmpdir() });
    try {
      await expect(
        startHttpServer({ handlers: fakeHandlers(), staticDir: tmpdir(), port: first.port }),
      ).rejects.toThrow(`Port ${first.port} on 127.0.0.1 is already in use`);
    } finally {
      await first.close();
    }
  });
});

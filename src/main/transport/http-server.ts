/**
 * Browser mode's transport: the built renderer and the API contract over loopback HTTP.
 *
 * Any program or web page on the machine can reach a loopback port, so the API is guarded:
 * - it listens on 127.0.0.1 only (never on the network);
 * - every /api request must carry this run's random token (`Authorization: Bearer …`), compared
 *   in constant time; the token reaches the page in the URL fragment, which is never sent;
 * - the Host header must name the loopback address and our port, which defeats DNS rebinding (a
 *   hostile site whose name resolves to 127.0.0.1 sends its own name as Host);
 * - a browser `Origin` other than ours is refused, and there are no CORS headers, so another
 *   site cannot even complete the preflight that a JSON POST with a token needs.
 * Static files need no token: they are the app's code and contain no data.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  dispatch,
  isMethodName,
  type ApiResult,
  type ErrorCode,
  type WorkbenchHandlers,
} from '../../shared/api';
import { contentSecurityPolicy, securityHeaders } from '../shell/csp';
import { readStaticFile } from './static-files';

export interface HttpServerOptions {
  handlers: WorkbenchHandlers;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
  /** Absent: 32 random bytes, hex. A given token must be at least 32 URL-safe characters. */
  token?: string;
  /** Largest accepted request body in bytes; imports of many articles are the big ones. */
  maxRequestBytes?: number;
}

export interface RunningHttpServer {
  /** Open this in a browser: `http://127.0.0.1:<port>/#token=<token>`. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const DEFAULT_MAX_REQUEST_BYTES = 50 * 1024 * 1024;
const API_PREFIX = '/api/';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,}$/;

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  if (!TOKEN_PATTERN.test(token)) {
    throw new Error('The access token must be at least 32 letters, digits, "_" or "-".');
  }
  const expectedTokenDigest = digest(token);
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const headers = securityHeaders(contentSecurityPolicy());
  // Known once listening; until then no request can arrive.
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      sendError(res, 500, 'internal', `The workbench server failed: ${message}`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);

    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      return sendError(
        res,
        403,
        'invalid_argument',
        'Unexpected Host header: use the URL that serve printed.',
      );
    }
    const path = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    if (path === '/api' || path.startsWith(API_PREFIX)) return handleApi(req, res, path);
    return handleStatic(req, res, path);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase())) {
      return sendError(res, 403, 'invalid_argument', `Requests from ${origin} are not accepted.`);
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, 'invalid_argument', `Use POST for ${path}.`);
    }
    if (!hasValidToken(req.headers.authorization)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendError(
        res,
        401,
        'invalid_argument',
        'Missing or wrong access token: open the full URL that serve printed (it ends in #token=…).',
      );
    }
    const name = path.slice(API_PREFIX.length);
    if (!isMethodName(name)) {
      return sendError(res, 404, 'not_found', `No such operation: ${name || '(none)'}`);
    }
    if (!isJson(req.headers['content-type'])) {
      return sendError(
        res,
        415,
        'invalid_argument',
        `Send ${name}'s argument as application/json.`,
      );
    }
    const body = await readBody(req, maxRequestBytes);
    if (body === null) {
      res.setHeader('Connection', 'close');
      return sendError(
        res,
        413,
        'invalid_argument',
        `The request is larger than ${describeBytes(maxRequestBytes)}: send fewer files at once.`,
      );
    }
    let args: unknown;
    try {
      args = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return sendError(
        res,
        400,
        'invalid_argument',
        `${name}: the request body is not valid JSON (${reason}).`,
      );
    }
    sendJson(res, 200, await dispatch(options.handlers, name, args));
  }

  async function handleStatic(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Method not allowed');
    }
    const file = await readStaticFile(options.staticDir, path);
    if (file === null) return sendText(res, 404, 'Not found');
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  function hasValidToken(authorization: string | undefined): boolean {
    const match = /^Bearer ([^\s]+)$/.exec(authorization ?? '');
    // Comparing fixed-length digests keeps the comparison constant-time whatever the length.
    return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expectedTokenDigest);
  }

  const port = await listen(server, options.port ?? 0);
  allowedHosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));

  return {
    url: `http://${LOOPBACK}:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolvePromise, reject) => {
        server.close((error) => (error ? reject(error) : resolvePromise()));
        server.closeAllConnections();
      }),
  };
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${LOOPBACK} is already in use: choose another port.`)
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, LOOPBACK, () => {
      server.off('error', onError);
      resolvePromise((server.address() as AddressInfo).port);
    });
  });
}

function describeBytes(bytes: number): string {
  const mib = 1024 * 1024;
  return bytes >= mib ? `${Math.floor(bytes / mib)} MB` : `${Math.floor(bytes / 1024)} KB`;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/** The whole body, or null as soon as it exceeds `limit` bytes (the rest is discarded). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(null);
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        resolvePromise(null);
      } else {
        chunks.push(chunk);
      }
    };
    req.on('data', onData);
    req.on('end', () => resolvePromise(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: ApiResult<unknown>): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { ok: false, error: { code, message } });
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/**
 * Serving the built renderer (out/renderer) by URL path, for both the Electron app protocol and
 * the browser-mode HTTP server. A path can only ever name a regular file inside the root: `..`,
 * encoded separators and symlinks pointing outside all come back as "not found".
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** With `X-Content-Type-Options: nosniff`, an unknown type is never executed or rendered. */
const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? FALLBACK_CONTENT_TYPE;
}

/**
 * The absolute path of the file that `urlPath` (the path part of a request URL, still
 * percent-encoded, e.g. `/assets/index.js`) names under `rootDir`, or null when there is none.
 * `/` and any path ending in `/` name that folder's index.html.
 */
export async function resolveStaticFile(rootDir: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // Backslashes are separators on Windows; NUL truncates paths in some system calls.
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.endsWith('/')) decoded += 'index.html';

  let root: string;
  let file: string;
  try {
    root = await realpath(rootDir);
    file = await realpath(resolve(root, `.${decoded}`));
  } catch {
    return null;
  }
  // Checked after resolving symlinks, so a link inside the root cannot lead out of it.
  if (!file.startsWith(root + sep)) return null;
  try {
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

export async function readStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | null> {
  const file = await resolveStaticFile(rootDir, urlPath);
  if (file === null) return null;
  try {
    return { body: await readFile(file), contentType: contentTypeFor(file) };
  } catch {
    return null;
  }
}

/**
 * The folders that ship with the app: corpus/ (the bundled articles) and resources/ (the
 * default codebook). They sit in the repository root when running from source (this module is
 * src/main/project/bundled-paths.ts) or from a build (out/main/…), and in Electron's
 * `process.resourcesPath` when packaged. The base to search from is a parameter, so that the
 * Electron shell can pass `process.resourcesPath` and nothing here imports electron.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkbenchError } from '../../shared/api';

/** Where this module's code is: src/main/project from source, out/main when built. */
const MODULE_DIR = dirname(fileURLToPath(import.meta.url));

const DEFAULT_CODEBOOK = join('resources', 'codebook.default.json');

/**
 * The nearest of `base` and its ancestors that holds both corpus/ and
 * resources/codebook.default.json. Throws WorkbenchError('not_found') naming `base` otherwise.
 */
export function bundledRoot(base: string = MODULE_DIR): string {
  for (let dir = base; ; dir = dirname(dir)) {
    if (isDirectory(join(dir, 'corpus')) && existsSync(join(dir, DEFAULT_CODEBOOK))) return dir;
    if (dirname(dir) === dir) break;
  }
  throw new WorkbenchError(
    'not_found',
    `The bundled corpus/ and resources/ folders are not in ${base} or any folder above it; ` +
      'the installation is incomplete.',
  );
}

export function bundledCorpusDir(base?: string): string {
  return join(bundledRoot(base), 'corpus');
}

export function bundledResourcesDir(base?: string): string {
  return join(bundledRoot(base), 'resources');
}

export function bundledCodebookPath(base?: string): string {
  return join(bundledRoot(base), DEFAULT_CODEBOOK);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

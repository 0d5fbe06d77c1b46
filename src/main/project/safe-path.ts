/**
 * Path safety for the project folder: every path built from an id, an annotator name or a file
 * name must land inside the project, whatever the name contains and whatever symlinks the
 * folder holds. A name is data from a file or from the UI; it is never trusted as a path.
 */
import { lstat, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep, win32 } from 'node:path';
import { WorkbenchError } from '../../shared/api';

/**
 * `projectDir/relativePath`, after checking that it stays inside `projectDir`:
 * - `relativePath` must be relative (on any platform: no `/x`, `C:\x` or `\\server\x`), must not
 *   contain a `..` segment (even one that would come back inside) and must not contain NUL;
 * - the deepest part of the result that exists must, with symlinks resolved, lie inside the
 *   project folder (with its own symlinks resolved), so a symlink cannot lead writes outside;
 *   a broken symlink on the way is refused, since writing through it would create its target.
 * Returns the joined path (not the resolved one), for messages that match what people see.
 * Throws WorkbenchError('invalid_argument') otherwise.
 */
export async function resolveInside(projectDir: string, relativePath: string): Promise<string> {
  const refuse = (why: string): never => {
    throw new WorkbenchError(
      'invalid_argument',
      `The path ${JSON.stringify(relativePath)} is not allowed inside the project: ${why}.`,
    );
  };
  if (relativePath === '') refuse('it is empty');
  if (relativePath.includes('\0')) refuse('it contains a NUL character');
  if (
    isAbsolute(relativePath) ||
    win32.isAbsolute(relativePath) ||
    /^[A-Za-z]:/.test(relativePath)
  ) {
    refuse('it is absolute');
  }
  if (relativePath.split(/[\\/]/).includes('..')) refuse('it contains ".."');

  const target = join(projectDir, relativePath);
  const root = await realpath(projectDir);
  const deepest = await deepestExisting(target);
  let existing: string;
  try {
    existing = await realpath(deepest);
  } catch {
    // Only a symlink exists without resolving: one that points nowhere, or at itself. A write
    // through it would create its target, wherever that is.
    return refuse(`it goes through a broken symbolic link (${deepest})`);
  }
  const fromRoot = relative(root, existing);
  if (fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot)) {
    refuse(`it leads outside the project folder (to ${existing}) through a symbolic link`);
  }
  return target;
}

/** `path` itself or its nearest ancestor that exists (as a file, folder or symlink). */
async function deepestExisting(path: string): Promise<string> {
  for (let current = path; ; current = dirname(current)) {
    try {
      await lstat(current);
      return current;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(current) === current) throw error;
    }
  }
}

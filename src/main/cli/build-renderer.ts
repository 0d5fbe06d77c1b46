/**
 * `serve` needs the built renderer. Build it on first use so that a fresh checkout can run
 * `npm run cli -- serve <dir>` without remembering `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../shared/api';
import type { CliIo } from './commands';

export async function ensureRendererBuilt(root: string, io: CliIo): Promise<string> {
  const staticDir = join(root, 'out', 'renderer');
  if (existsSync(join(staticDir, 'index.html'))) return staticDir;
  io.out('Building the app (first run)…');
  const result = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (result.status !== 0 || !existsSync(join(staticDir, 'index.html'))) {
    throw new WorkbenchError(
      'internal',
      'Building the app failed; run `npm run build` to see why.',
    );
  }
  return staticDir;
}

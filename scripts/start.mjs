// `npm start`: the desktop app when Electron's binary is installed; otherwise the same app in
// browser mode (the binary cannot be downloaded on some machines, e.g. offline build hosts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The Electron binary, or null. Requiring `electron` downloads the binary on first use; that is
 * done in a child process so that, where there is no internet, its failure stays quiet here.
 */
function electronBinary() {
  const probe = spawnSync(process.execPath, ['-p', "require('electron')"], {
    cwd: root,
    encoding: 'utf8',
  });
  const path = probe.status === 0 ? probe.stdout.trim() : '';
  return path && existsSync(path) ? path : null;
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = electronBinary();
if (electron) {
  run(electron, ['.', ...process.argv.slice(2)]);
} else {
  console.log(
    "Electron's binary is not installed here, so the workbench opens in browser mode: open the URL below in a browser.",
  );
  run(process.execPath, [
    '--import',
    'tsx',
    'src/main/cli/main.ts',
    'serve',
    ...process.argv.slice(2),
  ]);
}

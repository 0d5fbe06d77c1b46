/**
 * Starts the workbench in browser mode for a test: a fresh project folder made by the CLI's
 * `init` (from the bundled corpus), a fresh settings folder, and `serve` on a free port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

const ROOT = join(import.meta.dirname, '..');
const CLI = ['--import', 'tsx', join(ROOT, 'src/main/cli/main.ts')];

export interface RunningWorkbench {
  url: string;
  projectDir: string;
  settingsDir: string;
  stop(): Promise<void>;
}

export function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [...CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export async function startWorkbench(
  options: {
    annotator?: string;
    projectDir?: string;
    /** Runs on the project folder before the server opens it (the server caches what it reads). */
    prepare?: (projectDir: string) => Promise<void>;
  } = {},
): Promise<RunningWorkbench> {
  const base = await mkdtemp(join(tmpdir(), 'awb-e2e-'));
  const projectDir = options.projectDir ?? join(base, 'project');
  const settingsDir = join(base, 'settings');
  await mkdir(settingsDir, { recursive: true });
  if (!options.projectDir) {
    const init = cli(['init', projectDir]);
    if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  }
  await options.prepare?.(projectDir);
  if (options.annotator) {
    await writeFile(
      join(settingsDir, 'settings.json'),
      JSON.stringify({ annotator: options.annotator }),
    );
  }
  const child: ChildProcess = spawn(process.execPath, [...CLI, 'serve', projectDir], {
    cwd: ROOT,
    env: { ...process.env, WORKBENCH_SETTINGS_DIR: settingsDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`serve did not start:\n${out}\n${err}`)),
      60_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}\n${err}`));
    });
  });
  return {
    url,
    projectDir,
    settingsDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(base, { recursive: true, force: true });
    },
  };
}

/**
 * Selects the first occurrence of `phrase` in the viewer with the mouse, as a person does:
 * press at its first character, drag to its last.
 */
export async function selectWithMouse(page: Page, phrase: string): Promise<void> {
  // The document loads asynchronously after its button is clicked.
  await expect(page.locator('.viewer-host')).toContainText(phrase);
  const box = await page.evaluate((needle) => {
    const root = document.querySelector('.viewer-host');
    if (!root) throw new Error('no viewer');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(needle);
      if (at < 0) continue;
      const first = document.createRange();
      first.setStart(node, at);
      first.setEnd(node, at + 1);
      const last = document.createRange();
      last.setStart(node, at + needle.length - 1);
      last.setEnd(node, at + needle.length);
      (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const a = first.getBoundingClientRect();
      const b = last.getBoundingClientRect();
      return {
        x1: a.left + 1,
        y1: a.top + a.height / 2,
        x2: b.right - 1,
        y2: b.top + b.height / 2,
      };
    }
    throw new Error(`"${needle}" is not in the viewer as one text node`);
  }, phrase);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(phrase);
}

/**
 * The texts of the highlighted spans of one label, in document order. A span split into pieces
 * (by a block boundary or an overlapping span) is one <mark> per piece, all with its id.
 */
export async function highlightTexts(page: Page, label: string): Promise<string[]> {
  return page.evaluate((wanted) => {
    const byId = new Map<string, string>();
    for (const el of document.querySelectorAll<HTMLElement>(
      '.viewer-host mark[data-annotation-id]',
    )) {
      if (el.getAttribute('aria-description') !== wanted) continue;
      const id = el.dataset.annotationId!;
      byId.set(id, (byId.get(id) ?? '') + el.textContent);
    }
    return [...byId.values()];
  }, label);
}

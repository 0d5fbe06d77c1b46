/**
 * The desktop shell itself, driven through Playwright's Electron support. It runs wherever an
 * Electron binary is installed; on machines that cannot download it (this project's build and
 * CI hosts) it is skipped, and the same flows are covered in browser mode by the other e2e files
 * and the shell's guards by Vitest (src/main/shell, src/main/electron).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { highlightTexts, selectWithMouse } from './workbench';

/**
 * The installed Electron binary, or null. Looks without `require('electron')`, which would try
 * to download the binary (and fail, noisily, on a machine without internet).
 */
function electronBinary(): string | null {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

test.skip(
  binary === null,
  'the Electron binary is not installed on this machine (it cannot be downloaded here)',
);

test('the desktop app opens the bundled corpus in a sandboxed window and tags a span', async () => {
  const config = await mkdtemp(join(tmpdir(), 'awb-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(import.meta.dirname, '..')],
    // userData (settings, default project) lives under XDG_CONFIG_HOME on Linux.
    env: { ...process.env, XDG_CONFIG_HOME: config },
  });
  try {
    const page = await app.firstWindow();
    // The bridge exposes named methods only, and the page has no Node.
    const shape = await page.evaluate(() => ({
      methods: Object.keys((window as unknown as { workbench: object }).workbench).sort(),
      node: typeof (window as unknown as { require?: unknown }).require,
    }));
    expect(shape.node).toBe('undefined');
    expect(shape.methods).toContain('createAnnotation');
    expect(shape.methods).not.toContain('invoke');

    await page.getByLabel('Annotator name').fill('alice');
    await page.getByRole('button', { name: 'Start annotating' }).click();
    await page.getByRole('navigation', { name: 'Documents' }).getByRole('button').first().click();
    await selectWithMouse(page, 'FBI director James Comey');
    await page.keyboard.press('1');
    await expect.poll(() => highlightTexts(page, 'Actor')).toEqual(['FBI director James Comey']);
  } finally {
    await app.close();
    await rm(config, { recursive: true, force: true });
  }
});

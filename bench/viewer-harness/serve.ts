/**
 * Builds the harness page with Vite into a temporary folder and serves it on 127.0.0.1, and
 * launches Debian's Chromium the way the e2e tests do. A production build, so the figures are
 * those of bundled code, not of Vite's dev transforms.
 */
import { chromium, type Browser } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';

export interface Harness {
  readonly url: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const root = fileURLToPath(new URL('.', import.meta.url));
  const outDir = await mkdtemp(join(tmpdir(), 'viewer-harness-'));
  const config = { root, configFile: false as const, logLevel: 'warn' as const };
  // Unminified: profiles of the harness name functions; V8 runs it at the same speed.
  await build({ ...config, build: { outDir, emptyOutDir: true, minify: false } });
  const server = await preview({
    ...config,
    build: { outDir },
    preview: { host: '127.0.0.1', port: 5199, strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The harness preview server did not report its address.');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

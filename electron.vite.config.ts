import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Three bundles (out/main, out/preload, out/renderer). Main is ES modules (package.json "type":
 * "module", Electron ≥ 28 loads them); the preload must be CommonJS, because a sandboxed preload
 * cannot be an ES module, and self-contained apart from `electron`.
 */
export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        // Named `index` so the bundle is out/main/index.js, package.json's "main".
        input: { index: resolve(import.meta.dirname, 'src/main/electron/main.ts') },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      rolldownOptions: {
        input: resolve(import.meta.dirname, 'src/renderer/index.html'),
      },
      // Never inline assets as data: URLs; the CSP allows fonts and scripts only from 'self'.
      assetsInlineLimit: 0,
    },
  },
});

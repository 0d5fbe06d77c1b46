import { defineConfig } from 'vitest/config';

// Unit tests only: e2e/ and bench/ run in Chromium through Playwright, never here.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['e2e/**', 'bench/**', 'node_modules/**', 'out/**'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
  },
});

import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { TOOL } from './version';

it('records the same name and version as package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  expect(TOOL).toEqual({ name: pkg.name, version: pkg.version });
});

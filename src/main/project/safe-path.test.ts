import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveInside } from './safe-path';

let base: string;
let project: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'safe-path-'));
  project = join(base, 'project');
  await mkdir(join(project, 'documents'), { recursive: true });
  await writeFile(join(project, 'documents', 'a.json'), '{}');
  await mkdir(join(base, 'outside'));
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('resolveInside', () => {
  it.each(['documents/a.json', 'documents/new.json', 'annotations/ann/doc.json', 'workbench.json'])(
    'accepts %s',
    async (relative) => {
      expect(await resolveInside(project, relative)).toBe(join(project, relative));
    },
  );

  it.each([
    ['', /it is empty/],
    ['../outside/x.json', /contains "\.\."/],
    ['documents/../../outside/x.json', /contains "\.\."/],
    ['documents/..', /contains "\.\."/],
    ['documents\\..\\..\\x', /contains "\.\."/],
    ['/etc/passwd', /it is absolute/],
    ['C:\\Windows\\x', /it is absolute/],
    ['C:x', /it is absolute/],
    ['\\\\server\\share\\x', /it is absolute/],
    ['documents/a\0.json', /NUL/],
  ])('refuses %j', async (relative, reason) => {
    await expect(resolveInside(project, relative)).rejects.toThrow(reason);
  });

  it('refuses a path that leads outside through a symbolic link', async () => {
    await symlink(join(base, 'outside'), join(project, 'annotations'));
    await expect(resolveInside(project, 'annotations/ann/doc.json')).rejects.toThrow(
      /leads outside the project folder .* through a symbolic link/,
    );
    await writeFile(join(base, 'outside', 'file.json'), '{}');
    await symlink(join(base, 'outside', 'file.json'), join(project, 'documents', 'b.json'));
    await expect(resolveInside(project, 'documents/b.json')).rejects.toThrow(/symbolic link/);
  });

  it('refuses a broken symbolic link, which a write would follow to create its target', async () => {
    await symlink(join(base, 'outside', 'not-yet.json'), join(project, 'documents', 'c.json'));
    await expect(resolveInside(project, 'documents/c.json')).rejects.toThrow(
      /broken symbolic link/,
    );
  });

  it('accepts symbolic links that stay inside, and a project folder reached through one', async () => {
    await symlink(join(project, 'documents'), join(project, 'docs'));
    expect(await resolveInside(project, 'docs/a.json')).toBe(join(project, 'docs', 'a.json'));
    await symlink(project, join(base, 'project-link'));
    const viaLink = join(base, 'project-link');
    expect(await resolveInside(viaLink, 'documents/a.json')).toBe(
      join(viaLink, 'documents/a.json'),
    );
  });
});

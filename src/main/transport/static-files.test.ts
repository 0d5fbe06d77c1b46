import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, readStaticFile, resolveStaticFile } from './static-files';

describe('resolveStaticFile', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'workbench-static-'));
    await mkdir(join(root, 'docs'));
    await writeFile(join(root, 'index.html'), 'home');
    await writeFile(join(root, 'docs', 'index.html'), 'docs');
    await writeFile(join(root, 'a b.js'), 'spaced');
    await symlink(join(root, 'index.html'), join(root, 'alias.html'));
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  it.each([
    ['/', 'index.html'],
    ['/docs/', join('docs', 'index.html')],
    ['/a%20b.js', 'a b.js'],
    // A link that stays inside the root is an ordinary file.
    ['/alias.html', 'index.html'],
  ])('%s names %s', async (urlPath, file) => {
    expect(await resolveStaticFile(root, urlPath)).toBe(join(root, file));
  });

  it.each(['/docs', 'index.html', '/nope.html', '/%zz', '/docs\\index.html'])(
    '%s names nothing',
    async (urlPath) => {
      expect(await resolveStaticFile(root, urlPath)).toBeNull();
    },
  );

  it('reads the file with its content type', async () => {
    expect(await readStaticFile(root, '/')).toEqual({
      body: Buffer.from('home'),
      contentType: 'text/html; charset=utf-8',
    });
  });

  it('gives unknown file types a type that nothing executes', () => {
    expect(contentTypeFor('x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.exe')).toBe('application/octet-stream');
    expect(contentTypeFor('Makefile')).toBe('application/octet-stream');
  });
});

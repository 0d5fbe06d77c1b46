import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bundledCodebookPath,
  bundledCorpusDir,
  bundledRoot,
  ensureDefaultProject,
} from './bundled';
import { ProjectFolder } from './project-folder';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'bundled-'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('bundledRoot', () => {
  it('finds the repository root from the source tree (default) and from a build', () => {
    expect(bundledRoot()).toBe(repoRoot);
    expect(bundledRoot(join(repoRoot, 'out', 'main'))).toBe(repoRoot);
    expect(bundledCorpusDir()).toBe(join(repoRoot, 'corpus'));
    expect(bundledCodebookPath()).toBe(join(repoRoot, 'resources', 'codebook.default.json'));
  });

  it("finds a packaged app's resources folder from inside app.asar", async () => {
    const resourcesPath = join(base, 'Workbench.app', 'Contents', 'Resources');
    await mkdir(join(resourcesPath, 'corpus'), { recursive: true });
    await mkdir(join(resourcesPath, 'resources'), { recursive: true });
    await writeFile(join(resourcesPath, 'resources', 'codebook.default.json'), '{}');
    expect(bundledRoot(resourcesPath)).toBe(resourcesPath);
    expect(bundledRoot(join(resourcesPath, 'app.asar', 'out', 'main'))).toBe(resourcesPath);
  });

  it('says where it looked when the folders are missing', () => {
    expect(() => bundledRoot(base)).toThrow(
      `The bundled corpus/ and resources/ folders are not in ${base} or any folder above it`,
    );
  });
});

describe('ensureDefaultProject', () => {
  it('creates <userData>/projects/default from the bundled corpus once, then reuses it', async () => {
    const dir = await ensureDefaultProject(base, bundledCorpusDir(), bundledCodebookPath());
    expect(dir).toBe(join(base, 'projects', 'default'));
    const project = await ProjectFolder.open(dir);
    expect(project.name).toBe('Default project');
    expect(await project.listDocuments()).toHaveLength(3);

    const settingsBefore = await readFile(join(dir, 'workbench.json'), 'utf8');
    await project.importFiles([{ name: 'mine.txt', content: 'Kept' }]);
    expect(await ensureDefaultProject(base, bundledCorpusDir(), bundledCodebookPath())).toBe(dir);
    expect(await readFile(join(dir, 'workbench.json'), 'utf8')).toBe(settingsBefore);
    expect(await readdir(join(dir, 'documents'))).toContain('mine.json');
  });
});

/**
 * The bundled corpus and codebook (located by bundled-paths.ts), and the default project made
 * from them on first start.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { initProject } from './project-folder';
import { PROJECT_FILE } from './project-layout';

export {
  bundledCodebookPath,
  bundledCorpusDir,
  bundledResourcesDir,
  bundledRoot,
} from './bundled-paths';

/**
 * `<userDataDir>/projects/default`, created from the bundled corpus and codebook when it is not
 * a project yet, so that a first start opens something to annotate.
 */
export async function ensureDefaultProject(
  userDataDir: string,
  bundledCorpus: string,
  codebookPath: string,
): Promise<string> {
  const dir = join(userDataDir, 'projects', 'default');
  if (!existsSync(join(dir, PROJECT_FILE))) {
    await initProject(dir, { corpusDir: bundledCorpus, codebookPath, name: 'Default project' });
  }
  return dir;
}

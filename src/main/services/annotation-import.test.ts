/**
 * importAnnotationFiles beyond what the CLI tests show: all or nothing when a write fails
 * midway, and files of several formats in one go.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/api';
import { ProjectFolder } from '../project/project-folder';
import { AnnotationStore } from '../store/annotation-store';
import { CuratedStore } from '../store/curated-store';
import { importAnnotationFiles } from './annotation-import';
import { runExport } from './export-service';
import { makeTransferProject, type TransferFixture } from './transfer.fixture';

let fixture: TransferFixture;
let jsonl: string;
beforeAll(async () => {
  fixture = await makeTransferProject();
  const store = new AnnotationStore(fixture.projectDir);
  const { payload } = await runExport(
    { project: await ProjectFolder.open(fixture.projectDir), store },
    { format: 'jsonl', layers: { kind: 'annotator', annotator: 'alice' } },
  );
  await store.close();
  jsonl = payload.kind === 'file' ? payload.content : '';
}, 60_000);

async function sources(store: AnnotationStore) {
  return {
    project: await ProjectFolder.open(fixture.projectDir),
    store,
    curated: new CuratedStore(fixture.projectDir),
    self: 'dana',
    othersAllowed: true,
  };
}

const layerFile = (annotator: string, doc: string) =>
  readFile(join(fixture.projectDir, 'annotations', annotator, `${doc}.json`), 'utf8').catch(
    () => null,
  );

describe('importAnnotationFiles', () => {
  it('takes out what it had written when a later layer cannot be written', async () => {
    const store = new AnnotationStore(fixture.projectDir);
    let writes = 0;
    const failing = new Proxy(store, {
      get(target, name, receiver) {
        if (name !== 'updateLayer') return Reflect.get(target, name, receiver);
        return (...args: Parameters<AnnotationStore['updateLayer']>) => {
          if (++writes === 2) {
            return Promise.reject(new WorkbenchError('io', 'Could not save the layer: disk full'));
          }
          return target.updateLayer(...args);
        };
      },
    });
    const report = await importAnnotationFiles(await sources(failing), {
      files: [{ name: 'alice.jsonl', content: jsonl }],
      annotator: 'dana',
    });
    expect(report.files).toEqual([
      {
        ok: false,
        file: 'alice.jsonl',
        format: 'jsonl',
        problems: [
          'Could not save the layer: disk full. What the file had added to 1 layer file(s) was taken out again; nothing was imported.',
        ],
      },
    ]);
    const docs = (await (await ProjectFolder.open(fixture.projectDir)).listDocuments()).map(
      (d) => d.id,
    );
    for (const doc of docs) {
      const layer = await layerFile('dana', doc);
      expect(layer === null || JSON.parse(layer).annotations.length === 0).toBe(true);
    }
    await store.close();
  });

  it('reads several formats at once, each file on its own', async () => {
    const store = new AnnotationStore(fixture.projectDir);
    const report = await importAnnotationFiles(await sources(store), {
      files: [
        { name: 'alice.jsonl', content: jsonl },
        { name: 'notes.txt', content: 'not brat' },
      ],
      annotator: 'erin',
    });
    expect(report.files).toEqual([
      { ok: false, file: 'notes.txt', problems: [expect.stringMatching(/there is no notes\.ann/)] },
      expect.objectContaining({
        ok: true,
        file: 'alice.jsonl',
        annotators: [expect.objectContaining({ annotator: 'erin', added: 7, relationsAdded: 3 })],
      }),
    ]);
    await store.close();
  });
});

import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/api';
import { bundledCorpusDir } from '../project/bundled';
import { initProject } from '../project/project-folder';
import { reconcileNotice } from './codebook-handlers';
import { openWorkbench } from './workbench';

async function newProject() {
  const base = await mkdtemp(join(tmpdir(), 'awb-codebook-api-'));
  const projectDir = join(base, 'project');
  await initProject(projectDir, { corpusDir: bundledCorpusDir() });
  const open = () =>
    openWorkbench({ projectDir, settingsDir: join(base, 'settings'), shell: 'browser' });
  return { projectDir, open };
}

describe('codebook handlers', () => {
  it('preview, apply and then refuse the old name through the API', async () => {
    const { open } = await newProject();
    const session = await open();
    const { handlers } = session;
    await handlers.setAnnotator({ name: 'alice' });
    const [doc] = await handlers.listDocuments({});
    await handlers.createAnnotation({
      doc: doc!.id,
      label: 'Actor',
      start: 0,
      end: 4,
      attributes: {},
    });

    const operations = [{ kind: 'renameLabel', from: 'Actor', to: 'Speaker' }];
    const preview = await dispatch(handlers, 'previewCodebookChange', { operations });
    expect(preview).toMatchObject({
      ok: true,
      value: { summary: '1 annotation in 1 document will change.', deleteCount: 0 },
    });
    const applied = await dispatch(handlers, 'applyCodebookChange', { operations });
    expect(applied).toMatchObject({ ok: true, value: { layersMigrated: 1 } });
    expect((await handlers.getLayer({ doc: doc!.id })).annotations[0]!.label).toBe('Speaker');
    expect((await handlers.getCodebook({})).labels[0]!.name).toBe('Speaker');
    const old = await dispatch(handlers, 'createAnnotation', {
      doc: doc!.id,
      label: 'Actor',
      start: 5,
      end: 9,
    });
    expect(old).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    await session.close();
  });

  it('rejects a malformed operation at the boundary and an impossible one with its reason', async () => {
    const { open } = await newProject();
    const { handlers } = await open();
    expect(
      await dispatch(handlers, 'previewCodebookChange', {
        operations: [{ kind: 'renameLabel', from: 'Actor' }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(
      await dispatch(handlers, 'applyCodebookChange', {
        operations: [{ kind: 'renameLabel', from: 'Actor', to: 'Claim' }],
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'invalid_argument',
        message:
          'Rename label “Actor” to “Claim”: there is already a label “Claim”. To merge “Actor” ' +
          'into it, delete “Actor” and move its annotations to “Claim”.',
      },
    });
  });

  it('exports the codebook as a file and imports it back', async () => {
    const { open } = await newProject();
    const { handlers } = await open();
    const exported = await handlers.exportCodebook({});
    expect(exported).toMatchObject({
      fileName: 'project-codebook-r1.json',
      mediaType: 'application/json',
    });
    const imported = await handlers.importCodebook({ content: exported.content });
    expect(imported.codebook.revision).toBe(2);
  });

  it('brings a late layer up to date when the project opens, and tells the person', async () => {
    const { projectDir, open } = await newProject();
    const first = await open();
    await first.handlers.setAnnotator({ name: 'alice' });
    const [doc] = await first.handlers.listDocuments({});
    await first.handlers.createAnnotation({
      doc: doc!.id,
      label: 'Actor',
      start: 0,
      end: 4,
      attributes: {},
    });
    await first.handlers.applyCodebookChange({
      operations: [{ kind: 'renameLabel', from: 'Actor', to: 'Speaker' }],
    });
    await first.close();

    // Bob's layer, written before the rename, arrives with a git pull.
    const alice = JSON.parse(
      await readFile(join(projectDir, 'annotations/alice', `${doc!.id}.json`), 'utf8'),
    );
    const bob = {
      ...alice,
      annotator: 'bob',
      annotations: alice.annotations.map((a: object) => ({
        ...a,
        annotator: 'bob',
        label: 'Actor',
      })),
    };
    await mkdir(join(projectDir, 'annotations/bob'));
    await writeFile(join(projectDir, 'annotations/bob', `${doc!.id}.json`), JSON.stringify(bob));

    const second = await open();
    const info = await second.handlers.getProject({});
    expect(info.warnings).toContain(
      `1 layer file still used names the codebook has renamed since; 1 annotation now follows ` +
        `the renames (annotations/bob/${doc!.id}.json).`,
    );
    const onDisk = JSON.parse(
      await readFile(join(projectDir, 'annotations/bob', `${doc!.id}.json`), 'utf8'),
    );
    expect(onDisk.annotations[0].label).toBe('Speaker');
    await second.close();
  });
});

describe('reconcileNotice', () => {
  it('is silent when nothing happened and names failures with the retry', () => {
    expect(reconcileNotice({ migrated: [], failed: [] })).toBeNull();
    expect(reconcileNotice({ migrated: [], failed: ['annotations/bob/d.json: disk full.'] })).toBe(
      "1 layer file could not be brought up to date with the codebook's renames: " +
        'annotations/bob/d.json: disk full. They are tried again the next time the project opens.',
    );
  });
});

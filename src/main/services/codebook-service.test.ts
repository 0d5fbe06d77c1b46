import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/api';
import { applyCodebookRenames } from '../../shared/codebook/renames';
import type { CodebookOperation } from '../../shared/codebook/operations';
import { type Annotation, type Codebook, type DocumentRecord } from '../../shared/model';
import { bundledCorpusDir } from '../project/bundled';
import { ProjectFolder, initProject } from '../project/project-folder';
import { AnnotationStore } from '../store/annotation-store';
import { CuratedStore } from '../store/curated-store';
import { annotatorLayers, curatedLayers, type LayerSet } from './codebook-layers';
import { CodebookService } from './codebook-service';

interface Fixture {
  dir: string;
  project: ProjectFolder;
  store: AnnotationStore;
  curated: CuratedStore;
  service: CodebookService;
  docs: DocumentRecord[];
}

async function openFixture(dir: string, wrap: (set: LayerSet) => LayerSet = (s) => s) {
  const project = await ProjectFolder.open(dir);
  const store = new AnnotationStore(dir);
  const curated = new CuratedStore(dir);
  const service = new CodebookService({
    project,
    layers: [wrap(annotatorLayers(store, dir)), curatedLayers(curated, dir)],
  });
  return { dir, project, store, curated, service, docs: await project.listDocuments() };
}

/**
 * A project from the bundled corpus (3 articles): alice tags 3 actors and 1 claim linked to an
 * actor in the first article and 1 actor in the second; bob tags 1 actor and 1 claim in the
 * first; the curated layer of the first article holds 1 gold actor with its decision.
 */
async function newFixture(): Promise<Fixture> {
  const base = await mkdtemp(join(tmpdir(), 'awb-codebook-'));
  const dir = join(base, 'project');
  await initProject(dir, { corpusDir: bundledCorpusDir() });
  const f = await openFixture(dir);
  const [first, second] = f.docs;
  const tag = (who: string, doc: DocumentRecord, label: string, at: number, attributes = {}) =>
    f.store.createAnnotation(who, doc, { label, start: at, end: at + 5, attributes });
  const a1 = await tag('alice', first!, 'Actor', 0, { kind: 'person' });
  await tag('alice', first!, 'Actor', 10, { kind: 'company' });
  await tag('alice', first!, 'Actor', 20);
  const c1 = await tag('alice', first!, 'Claim', 30, { stance: 'oppose' });
  await f.store.createRelation('alice', first!.id, { type: 'made by', from: c1.id, to: a1.id });
  await tag('alice', second!, 'Actor', 0, { kind: 'person' });
  const b1 = await tag('bob', first!, 'Actor', 0, { kind: 'person' });
  const b2 = await tag('bob', first!, 'Claim', 30);
  await f.store.createRelation('bob', first!.id, { type: 'made by', from: b2.id, to: b1.id });
  await f.curated.update(first!.id, (file) => ({
    file: {
      ...file,
      annotations: [{ ...a1, id: 'gold1', annotator: 'carol', sources: ['alice', 'bob'] }],
      decisions: [
        {
          case: 'alice/x+bob/y',
          fingerprint: 'f1',
          outcome: 'accepted' as const,
          span: 'gold1',
          by: 'carol',
          at: a1.created,
        },
      ],
    },
    result: undefined,
  }));
  return f;
}

async function labels(f: Fixture, who: string, doc: DocumentRecord): Promise<string[]> {
  return (await f.store.getLayer(who, doc.id)).annotations.map((a) => a.label);
}

async function layerFile(f: Fixture, who: string, doc: DocumentRecord) {
  return JSON.parse(await readFile(join(f.dir, 'annotations', who, `${doc.id}.json`), 'utf8'));
}

const RENAME_ACTOR: CodebookOperation = { kind: 'renameLabel', from: 'Actor', to: 'Speaker' };

describe('CodebookService', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await newFixture();
  });

  it('previews a rename with exact counts across every layer, and writes nothing', async () => {
    const codebookBefore = await readFile(join(f.dir, 'codebook.json'), 'utf8');
    const aliceBefore = await readFile(join(f.dir, 'annotations/alice', `${f.docs[0]!.id}.json`));
    const preview = await f.service.preview([RENAME_ACTOR]);
    expect(preview.effects[0]!.counts).toMatchObject({
      annotations: 6, // alice 3 + 1, bob 1, curated 1
      documents: 2,
      layers: 4,
      deletedAnnotations: 0,
    });
    expect(preview.summary).toBe('6 annotations in 2 documents will change.');
    expect(preview.layersScanned).toBe(4);
    expect(preview.blockers).toEqual([]);
    expect(preview.codebook.labels[0]!.name).toBe('Speaker');
    expect(await readFile(join(f.dir, 'codebook.json'), 'utf8')).toBe(codebookBefore);
    expect(await readFile(join(f.dir, 'annotations/alice', `${f.docs[0]!.id}.json`))).toEqual(
      aliceBefore,
    );
  });

  it('renames a label in the codebook and in every layer, curated included', async () => {
    const result = await f.service.apply([RENAME_ACTOR]);
    expect(result.layersMigrated).toBe(4);
    expect(result.summary).toBe('6 annotations in 2 documents changed.');
    const codebook = await f.project.getCodebook();
    expect(codebook.revision).toBe(2);
    expect(codebook.labels.map((l) => l.name)).toEqual(['Speaker', 'Claim', 'Policy topic']);
    expect(codebook.relationTypes[0]!.to).toEqual(['Speaker']);
    expect(codebook.renames).toEqual([
      { kind: 'label', from: 'Actor', to: 'Speaker', revision: 2 },
    ]);
    expect(await labels(f, 'alice', f.docs[0]!)).toEqual([
      'Speaker',
      'Speaker',
      'Speaker',
      'Claim',
    ]);
    expect(await labels(f, 'bob', f.docs[0]!)).toEqual(['Speaker', 'Claim']);
    expect((await f.curated.get(f.docs[0]!.id)).annotations[0]!.label).toBe('Speaker');
    // On disk, from a fresh store: durable, and the record times are the annotator's own.
    const onDisk = await layerFile(f, 'alice', f.docs[0]!);
    expect(onDisk.annotations[0].label).toBe('Speaker');
    expect(onDisk.annotations[0].modified).toBe(onDisk.annotations[0].created);
    const reopened = await ProjectFolder.open(f.dir);
    expect((await reopened.getCodebook()).labels[0]!.name).toBe('Speaker');
  });

  it('renames an enum value only on the label and attribute it belongs to', async () => {
    await f.service.apply([
      { kind: 'renameValue', label: 'Actor', attribute: 'kind', from: 'person', to: 'individual' },
    ]);
    const alice = await f.store.getLayer('alice', f.docs[0]!.id);
    expect(alice.annotations.map((a) => a.attributes.kind ?? null)).toEqual([
      'individual',
      'company',
      null,
      null,
    ]);
    const codebook = await f.project.getCodebook();
    expect(codebook.labels[0]!.attributes[0]!.values).toContain('individual');
    expect(codebook.labels[0]!.attributes[0]!.values).not.toContain('person');
  });

  it('deletes a label by moving its annotations to another one', async () => {
    const preview = await f.service.preview([
      { kind: 'deleteLabel', label: 'Claim', migrateTo: 'Actor' },
    ]);
    expect(preview.deleteCount).toBe(0);
    expect(preview.effects[0]!.notes[0]).toMatch(/“stance” stay on the merged annotations/);
    await f.service.apply([{ kind: 'deleteLabel', label: 'Claim', migrateTo: 'Actor' }]);
    expect(await labels(f, 'alice', f.docs[0]!)).toEqual(['Actor', 'Actor', 'Actor', 'Actor']);
    // Relations are kept: both ends still exist.
    expect((await f.store.getLayer('alice', f.docs[0]!.id)).relations).toHaveLength(1);
    const codebook = await f.project.getCodebook();
    expect(codebook.labels.map((l) => l.name)).toEqual(['Actor', 'Policy topic']);
    expect(codebook.relationTypes[0]).toMatchObject({ from: ['Actor'], to: ['Actor'] });
  });

  it('deletes annotations only with a confirmation that covers the count', async () => {
    // "about" and "made by" need a source label once Claim is gone: let actors link too.
    const book = await f.project.getCodebook();
    await f.service.save({
      ...book,
      relationTypes: book.relationTypes.map((t) => ({ ...t, from: ['Claim', 'Actor'] })),
    });
    const del: CodebookOperation = { kind: 'deleteLabel', label: 'Claim' };
    const preview = await f.service.preview([del]);
    expect(preview.totals).toMatchObject({ deletedAnnotations: 2, deletedRelations: 2 });
    expect(preview.deleteCount).toBe(4);
    expect(preview.summary).toBe('2 annotations and 2 relations in 1 document will be deleted.');

    const unconfirmed = f.service.apply([del]);
    await expect(unconfirmed).rejects.toThrow(
      'The codebook was not changed: this change deletes 2 annotations, 2 relations. Confirm it ' +
        'with confirmDeleteCount: 4.',
    );
    await expect(f.service.apply([del], 3)).rejects.toThrow(/\(you confirmed 3\)/);
    expect(await labels(f, 'bob', f.docs[0]!)).toEqual(['Actor', 'Claim']);
    expect((await f.project.getCodebook()).labels.map((l) => l.name)).toContain('Claim');

    const result = await f.service.apply([del], 4);
    expect(result.totals).toMatchObject({ deletedAnnotations: 2, deletedRelations: 2 });
    expect(await labels(f, 'alice', f.docs[0]!)).toEqual(['Actor', 'Actor', 'Actor']);
    expect(await labels(f, 'bob', f.docs[0]!)).toEqual(['Actor']);
    expect((await f.store.getLayer('bob', f.docs[0]!.id)).relations).toEqual([]);
    const codebook = await f.project.getCodebook();
    // Staged (nothing to rename, so unchanged) then final: one revision for the deletion.
    expect(codebook.revision).toBe(3);
    expect(codebook.labels.map((l) => l.name)).toEqual(['Actor', 'Policy topic']);
  });

  it('deletes a label with the relation types only it allowed, counting their relations', async () => {
    const del: CodebookOperation = { kind: 'deleteLabel', label: 'Claim' };
    const preview = await f.service.preview([del]);
    expect(preview.effects[0]!.notes).toEqual([
      'Relation types “made by” and “about” allow no label but “Claim” at one end, so they are ' +
        'deleted too, with their relations.',
    ]);
    expect(preview.totals).toMatchObject({ deletedAnnotations: 2, deletedRelations: 2 });
    await f.service.apply([del], preview.deleteCount);
    const codebook = await f.project.getCodebook();
    expect(codebook.relationTypes).toEqual([]);
    expect(codebook.labels.map((l) => l.name)).toEqual(['Actor', 'Policy topic']);
    expect((await f.store.getLayer('alice', f.docs[0]!.id)).relations).toEqual([]);
  });

  it('deletes gold spans with the decisions that produced them', async () => {
    const ops: CodebookOperation[] = [
      { kind: 'deleteRelationType', name: 'made by' },
      { kind: 'deleteRelationType', name: 'about' },
      { kind: 'deleteLabel', label: 'Actor' },
    ];
    const preview = await f.service.preview(ops);
    expect(preview.effects.map((e) => e.counts.deletedRelations)).toEqual([2, 0, 0]);
    expect(preview.totals).toMatchObject({ deletedAnnotations: 6, deletedRelations: 2 });
    await f.service.apply(ops, preview.deleteCount);
    expect((await f.project.getCodebook()).relationTypes).toEqual([]);
    const curated = await f.curated.get(f.docs[0]!.id);
    expect(curated.annotations).toEqual([]);
    expect(curated.decisions).toEqual([]);
  });

  it('stops clearly when a layer cannot be saved, and the same call again finishes it', async () => {
    const book = await f.project.getCodebook();
    await f.service.save({
      ...book,
      relationTypes: book.relationTypes.map((t) => ({ ...t, from: ['Claim', 'Actor'] })),
    });
    const ops: CodebookOperation[] = [RENAME_ACTOR, { kind: 'deleteLabel', label: 'Claim' }];
    const count = (await f.service.preview(ops)).deleteCount;

    // A service whose second layer write fails, as a full disk would make it.
    let writes = 0;
    const broken = await openFixture(f.dir, (set) => ({
      ...set,
      update: (ref, apply) => {
        if (++writes === 2) throw new Error('ENOSPC: no space left on device (simulated)');
        return set.update(ref, apply);
      },
    }));
    const failure = await broken.service.apply(ops, count).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkbenchError);
    expect((failure as Error).message).toBe(
      `The codebook change stopped at annotations/alice/${f.docs[1]!.id}.json: ENOSPC: no space ` +
        `left on device (simulated). Done: 1 layer file migrated (annotations/alice/${f.docs[0]!.id}.json). ` +
        'The codebook is at revision 3: it records the renames and still lists everything ' +
        'being deleted, so no annotation is orphaned. Apply the same change again to finish it.',
    );

    // Halfway: the staged codebook is saved; bob's layer still says "Actor" and "Claim", and
    // both names still resolve — nothing is orphaned.
    const halfway = await broken.project.getCodebook();
    expect(halfway.labels.map((l) => l.name)).toEqual(['Speaker', 'Claim', 'Policy topic']);
    const bobLayer = await broken.store.getLayer('bob', f.docs[0]!.id);
    expect(bobLayer.annotations.map((a) => a.label)).toEqual(['Actor', 'Claim']);
    const followed = applyCodebookRenames(bobLayer, halfway).layer;
    const names = new Set(halfway.labels.map((l) => l.name));
    expect(followed.annotations.every((a: Annotation) => names.has(a.label))).toBe(true);

    // The re-run, by a service that works: the rename is already applied, the rest follows.
    const rerun = await openFixture(f.dir);
    const preview = await rerun.service.preview(ops);
    expect(preview.effects[0]!.alreadyApplied).toBe(true);
    expect(preview.earlierRenames.annotations).toBe(3); // bob 1, alice's second article 1, gold 1
    const result = await rerun.service.apply(ops, count);
    expect(result.layersMigrated).toBe(3);
    expect(await labels(rerun, 'alice', f.docs[0]!)).toEqual(['Speaker', 'Speaker', 'Speaker']);
    expect(await labels(rerun, 'alice', f.docs[1]!)).toEqual(['Speaker']);
    expect(await labels(rerun, 'bob', f.docs[0]!)).toEqual(['Speaker']);
    const done = await rerun.project.getCodebook();
    expect(done.labels.map((l) => l.name)).toEqual(['Speaker', 'Policy topic']);
    expect(done.revision).toBe(4);

    // And once more: nothing left to do, nothing written.
    const again = await rerun.service.apply(ops, count);
    expect(again.layersMigrated).toBe(0);
    expect((await rerun.project.getCodebook()).revision).toBe(4);
  });

  it('undoes a rename by applying the inverse, leaving the layer files as they were', async () => {
    const path = join(f.dir, 'annotations/alice', `${f.docs[0]!.id}.json`);
    const before = await readFile(path, 'utf8');
    await f.service.apply([RENAME_ACTOR]);
    expect(await readFile(path, 'utf8')).not.toBe(before);
    await f.service.apply([{ kind: 'renameLabel', from: 'Speaker', to: 'Actor' }]);
    expect(await readFile(path, 'utf8')).toBe(before);
    const codebook = await f.project.getCodebook();
    expect(codebook.labels[0]!.name).toBe('Actor');
    expect(codebook.renames).toHaveLength(2);
  });

  it("brings a colleague's layer that arrives after the rename up to date", async () => {
    await f.service.apply([RENAME_ACTOR]);
    // Dave's folder arrives by git pull: written on revision 1, it still says "Actor".
    const dave = {
      ...(await layerFile(f, 'bob', f.docs[0]!)),
      annotator: 'dave',
      annotations: (await layerFile(f, 'bob', f.docs[0]!)).annotations.map((a: Annotation) => ({
        ...a,
        annotator: 'dave',
        label: a.label === 'Speaker' ? 'Actor' : a.label,
      })),
      relations: [],
    };
    await mkdir(join(f.dir, 'annotations/dave'), { recursive: true });
    await writeFile(join(f.dir, 'annotations/dave', `${f.docs[0]!.id}.json`), JSON.stringify(dave));

    const fresh = await openFixture(f.dir);
    const report = await fresh.service.reconcile();
    expect(report).toEqual({
      migrated: [{ file: `annotations/dave/${f.docs[0]!.id}.json`, annotations: 1, relations: 0 }],
      failed: [],
    });
    expect(await labels(fresh, 'dave', f.docs[0]!)).toEqual(['Speaker', 'Claim']);
    // Nothing else needed it, and a second run finds nothing.
    expect(await fresh.service.reconcile()).toEqual({ migrated: [], failed: [] });
  });

  it('sees files changed on disk under the store before applying', async () => {
    await f.store.getLayer('bob', f.docs[0]!.id); // cached
    const file = await layerFile(f, 'bob', f.docs[0]!);
    file.annotations.push({ ...file.annotations[0], id: 'pulled', start: 50, end: 55 });
    await writeFile(join(f.dir, 'annotations/bob', `${f.docs[0]!.id}.json`), JSON.stringify(file));
    const result = await f.service.apply([RENAME_ACTOR]);
    expect(result.totals.annotations).toBe(7);
    expect(await labels(f, 'bob', f.docs[0]!)).toEqual(['Speaker', 'Claim', 'Speaker']);
  });

  it('refuses a change while a layer cannot be read, naming the file', async () => {
    await writeFile(join(f.dir, 'annotations/bob', `${f.docs[1]!.id}.json`), '{broken');
    const fresh = await openFixture(f.dir);
    const preview = await fresh.service.preview([RENAME_ACTOR]);
    expect(preview.blockers).toHaveLength(1);
    expect(preview.blockers[0]).toMatch(
      new RegExp(
        `^annotations/bob/${f.docs[1]!.id}\\.json cannot be read \\(.*\\), so its annotations`,
      ),
    );
    await expect(fresh.service.apply([RENAME_ACTOR])).rejects.toThrow(
      /^The codebook was not changed: annotations\/bob/,
    );
    expect((await fresh.project.getCodebook()).labels[0]!.name).toBe('Actor');
  });

  describe('save', () => {
    it('saves a non-destructive edit as the next revision, keeping the rename history', async () => {
      await f.service.apply([RENAME_ACTOR]);
      const book = await f.project.getCodebook();
      const edited: Codebook = {
        ...book,
        labels: [
          ...book.labels.map((l) =>
            l.name === 'Claim' ? { ...l, color: '#000000', hotkey: 'c' } : l,
          ),
          { ...book.labels[2]!, name: 'Frame', hotkey: '4' },
        ],
        renames: [], // the editor's copy cannot rewrite history
      };
      const saved = await f.service.save(edited);
      expect(saved.revision).toBe(3);
      expect(saved.renames).toEqual(book.renames);
      expect(saved.labels.map((l) => l.name)).toEqual([
        'Speaker',
        'Claim',
        'Policy topic',
        'Frame',
      ]);
      // Saving the same content again is no new revision.
      expect((await f.service.save(saved)).revision).toBe(3);
    });

    it('refuses dropping a label, pointing to the operations', async () => {
      const book = await f.project.getCodebook();
      await expect(
        f.service.save({ ...book, labels: book.labels.filter((l) => l.name !== 'Policy topic') }),
      ).rejects.toThrow(
        'The codebook was not saved: a plain save cannot drop a name that annotations may use. ' +
          'Label “Policy topic” is missing. Rename it (renameLabel) or delete it',
      );
    });

    it('refuses an edit of an older revision', async () => {
      const book = await f.project.getCodebook();
      await f.service.save({ ...book, name: 'New name' });
      await expect(f.service.save({ ...book, name: 'Other' })).rejects.toThrow(
        /you started from revision 1; it is now at revision 2/,
      );
    });

    it('refuses an attribute type change that existing values do not fit', async () => {
      const book = await f.project.getCodebook();
      const asNumber = {
        ...book,
        labels: book.labels.map((l) =>
          l.name === 'Actor'
            ? {
                ...l,
                attributes: [{ ...l.attributes[0]!, type: 'number' as const, values: undefined }],
              }
            : l,
        ),
      };
      await expect(f.service.save(asNumber)).rejects.toThrow(
        'The codebook was not saved: existing values would not fit the changed attribute types: ' +
          'value "person" of “Actor” › “kind” (number) (4 annotations in 2 documents); ' +
          'value "company" of “Actor” › “kind” (number) (1 annotation in 1 document). ' +
          'Change or clear those values first.',
      );
    });

    it('refuses a hotkey clash and a former name', async () => {
      await f.service.apply([RENAME_ACTOR]);
      const book = await f.project.getCodebook();
      await expect(
        f.service.save({
          ...book,
          labels: [...book.labels, { ...book.labels[2]!, name: 'Actor', hotkey: '9' }],
        }),
      ).rejects.toThrow(/Label “Actor” is a former name: revision 2 renamed “Actor” to “Speaker”/);
      await expect(
        f.service.save({
          ...book,
          labels: book.labels.map((l) => ({ ...l, hotkey: '1' })),
        }),
      ).rejects.toThrow(/both use the hotkey “1”/);
    });
  });

  describe('import and export', () => {
    it('exports the codebook with its history, and imports it back unchanged', async () => {
      await f.service.apply([RENAME_ACTOR]);
      const exported = await f.service.exportCodebook();
      expect(exported.fileName).toBe('project-codebook-r2.json');
      expect(JSON.parse(exported.content).renames).toHaveLength(1);
      const result = await f.service.importCodebook(exported.content);
      expect(result.newRenames).toBe(0);
      expect(result.codebook.revision).toBe(3);
      expect(result.summary).toBe('Imported “Discourse statements (default)” as revision 3.');
    });

    it('adopts renames made in a copy of the project, and the layers follow', async () => {
      // A colleague renamed Actor in their copy and sent the codebook.
      const copy = (await f.service.preview([RENAME_ACTOR])).codebook;
      const result = await f.service.importCodebook(JSON.stringify(copy));
      expect(result).toMatchObject({ newRenames: 1, layersMigrated: 4, annotationsMigrated: 6 });
      expect(await labels(f, 'bob', f.docs[0]!)).toEqual(['Speaker', 'Claim']);
      expect((await f.project.getCodebook()).renames).toEqual([
        { kind: 'label', from: 'Actor', to: 'Speaker', revision: 2 },
      ]);
    });

    it('refuses a codebook that would orphan annotations, saying which and how many', async () => {
      const book = await f.project.getCodebook();
      const other = {
        ...book,
        labels: book.labels.filter((l) => l.name !== 'Actor'),
        relationTypes: [],
      };
      await expect(f.service.importCodebook(JSON.stringify(other))).rejects.toThrow(
        'The codebook was not imported: it lacks names that annotations here use — label ' +
          '“Actor” (6 annotations in 2 documents); relation type “made by” (2 relations in 1 ' +
          'document). Add them to the file, or rename or delete them here first (Codebook ' +
          'screen), then import again.',
      );
      expect((await f.project.getCodebook()).revision).toBe(1);
    });

    it('accepts a codebook that only drops unused names', async () => {
      const book = await f.project.getCodebook();
      const other = { ...book, labels: book.labels.filter((l) => l.name !== 'Policy topic') };
      other.relationTypes = book.relationTypes.filter((t) => t.name !== 'about');
      const result = await f.service.importCodebook(JSON.stringify(other));
      expect(result.codebook.labels.map((l) => l.name)).toEqual(['Actor', 'Claim']);
    });

    it.each([
      ['{"format": "workbench.codebook",', /^The file is not JSON \(/],
      ['{"format": "something else"}', /^The file is not a workbench codebook: format: /],
      [
        JSON.stringify({
          format: 'workbench.codebook',
          version: 1,
          name: 'x',
          revision: 1,
          labels: [
            { name: 'A', color: '#000000', hotkey: '1' },
            { name: 'B', color: '#000000', hotkey: '1' },
          ],
          relationTypes: [],
        }),
        'The codebook was not imported: “A” and “B” both use the hotkey “1”; give each label its own key (or none).',
      ],
    ])('refuses %s with a clear message', async (content, message) => {
      await expect(f.service.importCodebook(content)).rejects.toThrow(message);
      expect((await f.project.getCodebook()).revision).toBe(1);
    });
  });
});

import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/api';
import { AnnotationFile, CONTEXT_LENGTH } from '../../shared/model';
import { AnnotationStore } from './annotation-store';
import { makeDocument } from './document.fixture';

// 'x' * 40, then "Angela Merkel said 🙂 yes." — the emoji is a surrogate pair at 59–61.
const TEXT = `${'x'.repeat(40)}Angela Merkel said 🙂 yes.${'y'.repeat(40)}`;
const doc = makeDocument('doc1', TEXT);
const other = makeDocument('doc2', 'Another short text.');
const MERKEL = { start: 40, end: 53 };
const EMOJI = TEXT.indexOf('🙂');

let project: string;
let warnings: string[];
let ids: number;
let clock: number;

beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), 'annotation-store-'));
  warnings = [];
  ids = 0;
  clock = Date.parse('2024-05-01T10:00:00.000Z');
});
afterEach(async () => {
  await rm(project, { recursive: true, force: true });
});

function openStore(): AnnotationStore {
  return new AnnotationStore(project, {
    onWarning: (message) => warnings.push(message),
    now: () => new Date((clock += 1000)),
    newId: () => `id${++ids}`,
  });
}

const layerPath = (annotator: string, docId: string) =>
  join(project, 'annotations', annotator, `${docId}.json`);

/** What is on disk, read and validated without the store. */
async function onDisk(annotator: string, docId: string): Promise<AnnotationFile> {
  return AnnotationFile.parse(JSON.parse(await readFile(layerPath(annotator, docId), 'utf8')));
}

async function failure(promise: Promise<unknown>): Promise<WorkbenchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WorkbenchError))
    throw new Error(`expected a WorkbenchError, got ${error}`);
  return error;
}

describe('AnnotationStore: reading', () => {
  it('gives an empty "todo" layer for a document nobody annotated, writing nothing', async () => {
    const store = openStore();
    expect(await store.getLayer('alice', doc)).toEqual({
      format: 'workbench.annotations',
      version: 1,
      doc: 'doc1',
      annotator: 'alice',
      status: 'todo',
      memo: '',
      annotations: [],
      relations: [],
    });
    expect(await store.countAnnotations('alice', 'doc1')).toBe(0);
    expect(await store.listAnnotators()).toEqual([]);
  });

  it('lists the annotator folders', async () => {
    const store = openStore();
    await store.createAnnotation('bob', doc, { label: 'Actor', ...MERKEL });
    await store.createAnnotation('alice', other, { label: 'Actor', start: 0, end: 7 });
    await mkdir(join(project, 'annotations', '.git-stuff'));
    await writeFile(join(project, 'annotations', 'README'), 'not a folder');
    expect(await store.listAnnotators()).toEqual(['alice', 'bob']);
  });

  it('hands out frozen layers, so a caller cannot change the cache by accident', async () => {
    const store = openStore();
    await store.createAnnotation('alice', doc, { label: 'Actor', ...MERKEL });
    const layer = await store.getLayer('alice', doc);
    expect(() => layer.annotations.push(layer.annotations[0]!)).toThrow(TypeError);
    expect(() => {
      layer.annotations[0]!.label = 'Claim';
    }).toThrow(TypeError);
  });

  it('refuses names that cannot be a file or folder', async () => {
    const store = openStore();
    const error = await failure(store.getLayer('../evil', doc));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toBe(
      'Annotator name "../evil" cannot be used: it names a file or folder, so it must be 1–128 ' +
        'letters, digits, "_" or "-", starting with a letter or digit.',
    );
    expect((await failure(store.getLayer('alice', 'a/b'))).message).toMatch(/^Document id "a\/b"/);
    expect((await failure(store.getLayer('alice', 'entities'))).message).toMatch(/is reserved/);
  });

  it('removes temp files left by a killed writer before reading the folder', async () => {
    const folder = join(project, 'annotations', 'alice');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, '.doc1.json.0123456789ab.tmp'), '{"half": ');
    const store = openStore();
    await store.getLayer('alice', 'doc2');
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('AnnotationStore: creating', () => {
  it('fills in quote, context, times, annotator and origin, and saves durably', async () => {
    const store = openStore();
    const created = await store.createAnnotation('alice', doc, {
      label: 'Actor',
      ...MERKEL,
      attributes: { kind: 'person' },
    });
    expect(created).toEqual({
      id: 'id1',
      doc: 'doc1',
      label: 'Actor',
      start: 40,
      end: 53,
      quote: 'Angela Merkel',
      prefix: 'x'.repeat(CONTEXT_LENGTH),
      suffix: ' said 🙂 yes.yyyyyyyyyyyyyyyyyyy',
      attributes: { kind: 'person' },
      annotator: 'alice',
      created: '2024-05-01T10:00:01.000Z',
      modified: '2024-05-01T10:00:01.000Z',
      origin: { kind: 'manual' },
    });
    expect(created.suffix).toHaveLength(CONTEXT_LENGTH);
    // Acknowledged means on disk: a raw read of the file has it.
    expect((await onDisk('alice', 'doc1')).annotations).toEqual([created]);
    // And a fresh store (a restarted app) reads the same layer.
    expect(await openStore().getLayer('alice', 'doc1')).toEqual(await store.getLayer('alice', doc));
  });

  it('keeps explicit ids and origins, and refuses an id that is taken', async () => {
    const store = openStore();
    const origin = { kind: 'imported', source: 'brat' } as const;
    await store.createAnnotation('alice', doc, { label: 'Actor', ...MERKEL, id: 'T1', origin });
    expect((await onDisk('alice', 'doc1')).annotations[0]).toMatchObject({ id: 'T1', origin });
    const error = await failure(
      store.createAnnotation('alice', doc, { label: 'Claim', start: 0, end: 1, id: 'T1' }),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      'Annotation T1 already exists in annotations/alice/doc1.json; choose another id.',
    );
    expect(await store.countAnnotations('alice', 'doc1')).toBe(1);
  });

  it('keeps context well-formed next to an emoji', async () => {
    const text = `${'a'.repeat(10)}🙂${'b'.repeat(CONTEXT_LENGTH - 1)}TARGET${'c'.repeat(CONTEXT_LENGTH - 1)}🙂`;
    const start = text.indexOf('TARGET');
    const created = await openStore().createAnnotation('alice', makeDocument('emoji', text), {
      label: 'Actor',
      start,
      end: start + 6,
    });
    // 32 units back would land between the emoji's two halves: the context stops after it.
    expect(created.prefix).toBe('b'.repeat(CONTEXT_LENGTH - 1));
    expect(created.suffix).toBe('c'.repeat(CONTEXT_LENGTH - 1));
    expect(created.quote).toBe('TARGET');
  });

  const badSpans: [string, number, number, string][] = [
    [
      'reversed',
      10,
      5,
      'Span 10–5 in document doc1 is empty or reversed: start must be less than end (text length 106).',
    ],
    [
      'empty',
      7,
      7,
      'Span 7–7 in document doc1 is empty or reversed: start must be less than end (text length 106).',
    ],
    [
      'past the end',
      100,
      107,
      'Span 100–107 in document doc1 lies outside the text, which is 106 UTF-16 code units long.',
    ],
    [
      'negative',
      -1,
      3,
      'Span -1–3 in document doc1 lies outside the text, which is 106 UTF-16 code units long.',
    ],
    [
      'fractional',
      1.5,
      3,
      'Span 1.5–3 in document doc1: offsets must be whole numbers of UTF-16 code units.',
    ],
    [
      'splitting the emoji',
      EMOJI + 1,
      EMOJI + 5,
      `Span ${EMOJI + 1}–${EMOJI + 5} in document doc1 cuts a character in half: offset ${EMOJI + 1} falls between the two UTF-16 units of one character (an emoji or another character outside the Basic Multilingual Plane).`,
    ],
  ];

  it.each(badSpans)(
    'refuses a %s span with a message naming it, writing nothing',
    async (_, start, end, message) => {
      expect(TEXT).toHaveLength(106);
      const store = openStore();
      const error = await failure(
        store.createAnnotation('alice', doc, { label: 'Actor', start, end }),
      );
      expect(error.code).toBe('invalid_argument');
      expect(error.message).toBe(message);
      await expect(readdir(project)).resolves.toEqual([]);
    },
  );

  it('refuses an empty label and bad attributes', async () => {
    const store = openStore();
    const empty = await failure(store.createAnnotation('alice', doc, { label: '', ...MERKEL }));
    expect(empty.message).toMatch(/^The annotation is not valid: label: /);
    const nested = await failure(
      store.createAnnotation('alice', doc, {
        label: 'Actor',
        ...MERKEL,
        attributes: { kind: { deep: 1 } } as never,
      }),
    );
    expect(nested.message).toMatch(/^The annotation is not valid: attributes\.kind: /);
    await expect(readdir(project)).resolves.toEqual([]);
  });

  it('lands every one of many concurrent creates, in call order per document', async () => {
    const store = openStore();
    const calls = Array.from({ length: 120 }, (_, i) =>
      store.createAnnotation('alice', i % 3 === 0 ? other : doc, {
        label: 'Actor',
        start: i % 10,
        end: (i % 10) + 3,
        id: `c${i}`,
      }),
    );
    const created = await Promise.all(calls);
    const expected = (d: string) => created.filter((a) => a.doc === d).map((a) => a.id);
    expect((await onDisk('alice', 'doc1')).annotations.map((a) => a.id)).toEqual(expected('doc1'));
    expect((await onDisk('alice', 'doc2')).annotations.map((a) => a.id)).toEqual(expected('doc2'));
    expect(expected('doc1')).toHaveLength(80);
  });
});

describe('AnnotationStore: updating', () => {
  it('changes label, attributes, note and entity, and bumps modified', async () => {
    const store = openStore();
    const created = await store.createAnnotation('alice', doc, { label: 'Actor', ...MERKEL });
    const updated = await store.updateAnnotation('alice', doc, created.id, {
      label: 'Claim',
      attributes: { stance: 'support' },
      note: 'check',
      entity: 'Q567',
    });
    expect(updated).toEqual({
      ...created,
      label: 'Claim',
      attributes: { stance: 'support' },
      note: 'check',
      entity: 'Q567',
      modified: '2024-05-01T10:00:02.000Z',
    });
    const unlinked = await store.updateAnnotation('alice', doc, created.id, { entity: null });
    expect(unlinked).not.toHaveProperty('entity');
    expect(unlinked.note).toBe('check');
    expect((await onDisk('alice', 'doc1')).annotations).toEqual([unlinked]);
  });

  it('recomputes quote and context when the offsets move', async () => {
    const store = openStore();
    const created = await store.createAnnotation('alice', doc, { label: 'Actor', ...MERKEL });
    const moved = await store.updateAnnotation('alice', doc, created.id, { start: 47 });
    expect(moved).toMatchObject({ start: 47, end: 53, quote: 'Merkel' });
    expect(moved.prefix).toBe(TEXT.slice(47 - CONTEXT_LENGTH, 47));
    const bad = await failure(store.updateAnnotation('alice', doc, created.id, { end: 200 }));
    expect(bad.message).toBe(
      'Span 47–200 in document doc1 lies outside the text, which is 106 UTF-16 code units long.',
    );
    expect((await onDisk('alice', 'doc1')).annotations).toEqual([moved]);
  });

  it('names an unknown annotation and a malformed patch', async () => {
    const store = openStore();
    const missing = await failure(store.updateAnnotation('alice', doc, 'nope', { label: 'Claim' }));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toBe(
      "No annotation nope in document doc1 (alice's layer); it may have been deleted already.",
    );
    const malformed = await failure(
      store.updateAnnotation('alice', doc, 'nope', { colour: 'red' } as never),
    );
    expect(malformed.code).toBe('invalid_argument');
    expect(malformed.message).toMatch(/^The change to annotation nope is not valid: /);
  });
});

describe('AnnotationStore: deleting, restoring and relations', () => {
  async function statement(store: AnnotationStore) {
    const actor = await store.createAnnotation('alice', doc, { label: 'Actor', ...MERKEL });
    const claim = await store.createAnnotation('alice', doc, {
      label: 'Claim',
      start: 54,
      end: 58,
    });
    const topic = await store.createAnnotation('alice', doc, { label: 'Topic', start: 0, end: 5 });
    const madeBy = await store.createRelation('alice', 'doc1', {
      type: 'made_by',
      from: claim.id,
      to: actor.id,
    });
    const about = await store.createRelation('alice', 'doc1', {
      type: 'about',
      from: claim.id,
      to: topic.id,
    });
    return { actor, claim, topic, madeBy, about };
  }

  it('deletes a span with its relations, and restores both with the same ids', async () => {
    const store = openStore();
    const { actor, claim, topic, madeBy, about } = await statement(store);

    const removed = await store.deleteAnnotation('alice', 'doc1', claim.id);
    expect(removed).toEqual({ annotation: claim, relations: [madeBy, about] });
    const afterDelete = await onDisk('alice', 'doc1');
    expect(afterDelete.annotations).toEqual([actor, topic]);
    expect(afterDelete.relations).toEqual([]);

    expect(await store.restoreAnnotation('alice', removed)).toEqual(claim);
    const afterRestore = await onDisk('alice', 'doc1');
    expect(afterRestore.annotations).toEqual([actor, topic, claim]);
    expect(afterRestore.relations).toEqual([madeBy, about]);

    const twice = await failure(store.restoreAnnotation('alice', removed));
    expect(twice.code).toBe('conflict');
    expect(twice.message).toBe(
      `Annotation ${claim.id} is already in annotations/alice/doc1.json; it cannot be restored twice.`,
    );
  });

  it('refuses to restore a relation whose other end is gone, changing nothing', async () => {
    const store = openStore();
    const { actor, claim } = await statement(store);
    const removedClaim = await store.deleteAnnotation('alice', 'doc1', claim.id);
    await store.deleteAnnotation('alice', 'doc1', actor.id);
    const before = await readFile(layerPath('alice', 'doc1'), 'utf8');
    const error = await failure(store.restoreAnnotation('alice', removedClaim));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      `Relation id4 links annotation ${actor.id}, which is not in document doc1 (alice's layer).`,
    );
    expect(await readFile(layerPath('alice', 'doc1'), 'utf8')).toBe(before);
    expect(await store.countAnnotations('alice', 'doc1')).toBe(1);
  });

  it("refuses to restore into another annotator's layer", async () => {
    const store = openStore();
    const { claim } = await statement(store);
    const removed = await store.deleteAnnotation('alice', 'doc1', claim.id);
    const error = await failure(store.restoreAnnotation('bob', removed));
    expect(error.message).toBe(
      `Annotation ${claim.id} belongs to alice's layer; it cannot be restored into bob's.`,
    );
  });

  it('checks relation ends and deletes relations by id', async () => {
    const store = openStore();
    const { actor, madeBy, about } = await statement(store);
    const self = await failure(
      store.createRelation('alice', 'doc1', { type: 'x', from: actor.id, to: actor.id }),
    );
    expect(self.message).toBe(
      `A relation links two different annotations; both ends are ${actor.id}.`,
    );
    const dangling = await failure(
      store.createRelation('alice', 'doc1', { type: 'x', from: actor.id, to: 'ghost' }),
    );
    expect(dangling.message).toMatch(/links annotation ghost, which is not in document doc1/);
    expect(await store.deleteRelation('alice', 'doc1', madeBy.id)).toEqual(madeBy);
    expect((await onDisk('alice', 'doc1')).relations).toEqual([about]);
    const gone = await failure(store.deleteRelation('alice', 'doc1', madeBy.id));
    expect(gone.code).toBe('not_found');
  });

  it('names an unknown annotation on delete', async () => {
    const error = await failure(openStore().deleteAnnotation('alice', 'doc1', 'ghost'));
    expect(error.code).toBe('not_found');
    expect(error.message).toMatch(/^No annotation ghost in document doc1/);
  });
});

describe('AnnotationStore: status and memo', () => {
  it('saves status and memo, and refuses an unknown status', async () => {
    const store = openStore();
    await store.setStatus('alice', 'doc1', 'in_progress');
    await store.setMemo('alice', 'doc1', 'Ask Bob about paragraph 3.');
    expect(await onDisk('alice', 'doc1')).toMatchObject({
      status: 'in_progress',
      memo: 'Ask Bob about paragraph 3.',
    });
    const error = await failure(store.setStatus('alice', 'doc1', 'finished' as never));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toMatch(/^The document status is not valid: /);
    expect((await openStore().getLayer('alice', 'doc1')).status).toBe('in_progress');
  });
});

describe('AnnotationStore: failures and recovery', () => {
  it('keeps memory equal to disk when a write fails', async () => {
    const store = openStore();
    const first = await store.createAnnotation('alice', doc, { label: 'Actor', ...MERKEL });
    // A non-empty folder where the backup must go makes the next write fail (even for root).
    const blocker = `${layerPath('alice', 'doc1')}.bak`;
    await mkdir(join(blocker, 'in-the-way'), { recursive: true });

    const error = await failure(
      store.createAnnotation('alice', doc, { label: 'Claim', start: 0, end: 4 }),
    );
    expect(error.code).toBe('io');
    expect(error.message).toMatch(
      /^Could not save annotations\/alice\/doc1\.json: .*The change was not saved/,
    );
    expect((await store.getLayer('alice', doc)).annotations).toEqual([first]);
    expect((await onDisk('alice', 'doc1')).annotations).toEqual([first]);

    await rm(blocker, { recursive: true });
    await store.createAnnotation('alice', doc, { label: 'Claim', start: 0, end: 4, id: 'again' });
    expect((await onDisk('alice', 'doc1')).annotations.map((a) => a.id)).toEqual([
      first.id,
      'again',
    ]);
  });

  it('recovers a damaged layer from its backup and tells the person', async () => {
    const store = openStore();
    await store.createAnnotation('alice', doc, { label: 'Actor', ...MERKEL, id: 'kept' });
    await store.createAnnotation('alice', doc, { label: 'Claim', start: 0, end: 4, id: 'lost' });
    await store.close();
    const damaged = (await readFile(layerPath('alice', 'doc1'))).subarray(0, 200);
    await writeFile(layerPath('alice', 'doc1'), damaged);

    const reopened = openStore();
    const layer = await reopened.getLayer('alice', 'doc1');
    expect(layer.annotations.map((a) => a.id)).toEqual(['kept']);
    expect(reopened.warnings()).toHaveLength(1);
    expect(warnings).toEqual(reopened.warnings());
    const [notice] = warnings;
    expect(notice).toMatch(
      /^annotations\/alice\/doc1\.json was damaged \(not valid JSON: .*\); recovered the previous version from its backup \(the last change may be missing\)\. The damaged file is kept as annotations\/alice\/doc1\.json\.corrupt-2024-05-01T10-00-\d\d\.000Z\.$/,
    );
    const aside = notice!.match(/kept as (annotations\/\S+Z)\.$/)![1]!;
    expect(await readFile(join(project, aside))).toEqual(damaged);
    // Work continues on the recovered layer.
    await reopened.createAnnotation('alice', doc, { label: 'Claim', start: 0, end: 4, id: 'redo' });
    expect((await onDisk('alice', 'doc1')).annotations.map((a) => a.id)).toEqual(['kept', 'redo']);
  });

  it('refuses a layer whose file and backup are both damaged, changing nothing', async () => {
    const folder = join(project, 'annotations', 'alice');
    await mkdir(folder, { recursive: true });
    await writeFile(layerPath('alice', 'doc1'), '{"format": "workbench.annotations", "vers');
    await writeFile(`${layerPath('alice', 'doc1')}.bak`, 'also broken');
    const store = openStore();

    const error = await failure(store.getLayer('alice', doc));
    expect(error.code).toBe('io');
    expect(error.message).toMatch(
      /^annotations\/alice\/doc1\.json cannot be read \(not valid JSON: .*\) and its backup annotations\/alice\/doc1\.json\.bak cannot be read either \(not valid JSON: .*\)\. Nothing was changed/,
    );
    const create = await failure(
      store.createAnnotation('alice', doc, { label: 'Actor', ...MERKEL }),
    );
    expect(create.message).toBe(error.message);
    expect(store.warnings()).toEqual([error.message]);
    expect((await readdir(folder)).sort()).toEqual(['doc1.json', 'doc1.json.bak']);
    expect(await readFile(layerPath('alice', 'doc1'), 'utf8')).toBe(
      '{"format": "workbench.annotations", "vers',
    );
  });

  it('counts a layer file that names another document as damaged', async () => {
    const store = openStore();
    await store.createAnnotation('alice', other, { label: 'Actor', start: 0, end: 7 });
    await store.createAnnotation('alice', doc, { label: 'Actor', ...MERKEL, id: 'one' });
    await store.createAnnotation('alice', doc, { label: 'Actor', ...MERKEL, id: 'two' });
    await store.close();
    // Someone copies doc2's layer over doc1's.
    await writeFile(layerPath('alice', 'doc1'), await readFile(layerPath('alice', 'doc2')));
    const reopened = openStore();
    expect((await reopened.getLayer('alice', 'doc1')).annotations.map((a) => a.id)).toEqual([
      'one',
    ]);
    expect(warnings[0]).toMatch(
      /^annotations\/alice\/doc1\.json was damaged \(doc: it holds alice's layer of document doc2, not alice's of doc1; annotations\.0: id1 belongs to document doc2\); recovered/,
    );
  });

  it('refuses calls after close, once queued writes have landed', async () => {
    const store = openStore();
    const pending = store.createAnnotation('alice', doc, { label: 'Actor', ...MERKEL });
    await store.close();
    await expect(pending).resolves.toMatchObject({ id: 'id1' });
    const error = await failure(store.getLayer('alice', doc));
    expect(error.code).toBe('unavailable');
  });
});

describe('updateLayer', () => {
  it('writes a valid next layer durably and refuses an invalid one, writing nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'awb-update-layer-'));
    const store = new AnnotationStore(dir);
    const doc = makeDocument('doc1', 'FBI director James Comey said so.');
    const a = await store.createAnnotation('alice', doc, { label: 'Actor', start: 0, end: 3 });
    const renamed = await store.updateLayer('alice', 'doc1', (layer) => ({
      layer: { ...layer, annotations: layer.annotations.map((x) => ({ ...x, label: 'Person' })) },
      result: layer.annotations.length,
    }));
    expect(renamed).toBe(1);
    const file = join(dir, 'annotations', 'alice', 'doc1.json');
    expect(JSON.parse(await readFile(file, 'utf8')).annotations[0].label).toBe('Person');
    const before = await readFile(file, 'utf8');
    await expect(
      store.updateLayer('alice', 'doc1', (layer) => ({
        layer: {
          ...layer,
          relations: [
            {
              id: 'r1',
              doc: 'doc1',
              type: 'made by',
              from: a.id,
              to: 'missing',
              attributes: {},
              annotator: 'alice',
              created: a.created,
              modified: a.created,
            },
          ],
        },
        result: null,
      })),
    ).rejects.toThrow('relation r1 joins a span that is not there); nothing was saved');
    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await store.getLayer('alice', 'doc1')).relations).toEqual([]);
  });
});

describe('updateLayer: checking a change', () => {
  it('names the place in the layer of a bad span the change made, next to spans it kept', async () => {
    const store = openStore();
    const first = await store.createAnnotation('alice', doc, { label: 'Actor', ...MERKEL });
    const second = await store.createAnnotation('alice', doc, { label: 'Claim', start: 0, end: 4 });
    const refusal = async (annotations: AnnotationFile['annotations']) =>
      (
        await failure(
          store.updateLayer('alice', 'doc1', (layer) => ({
            layer: { ...layer, annotations },
            result: undefined,
          })),
        )
      ).message;

    expect(await refusal([first, { ...second, label: '' }])).toMatch(
      /^The change would make annotations\/alice\/doc1\.json invalid \(annotations\.1\.label: .+\); nothing was saved\.$/,
    );
    expect(await refusal([first, second, { ...first }])).toContain(
      `(annotations.2: id ${first.id} appears more than once)`,
    );
    expect(await refusal([first, { ...second, doc: 'doc2' }])).toContain(
      `(annotations.1: ${second.id} belongs to document doc2)`,
    );
    expect((await onDisk('alice', 'doc1')).annotations).toEqual([first, second]);
  });
});

describe('updateLayers', () => {
  const third = makeDocument('doc3', 'A third text.');

  /** alice's three layers with one span each; returns the store. */
  async function threeLayers(): Promise<AnnotationStore> {
    const store = openStore();
    await store.createAnnotation('alice', doc, { label: 'Actor', ...MERKEL });
    await store.createAnnotation('alice', other, { label: 'Actor', start: 0, end: 7 });
    await store.createAnnotation('alice', third, { label: 'Actor', start: 0, end: 1 });
    return store;
  }

  /** The edit that relabels every span of the layers it is given. */
  const relabel = (label: string) => (layers: ReadonlyMap<string, AnnotationFile>) => ({
    result: undefined,
    layers: new Map(
      [...layers].map(([docId, layer]) => [
        docId,
        { ...layer, annotations: layer.annotations.map((a) => ({ ...a, label })) },
      ]),
    ),
  });

  it('writes the changed layers, rewrites no unchanged one, and caches what it wrote', async () => {
    const store = await threeLayers();
    const untouched = await stat(layerPath('alice', 'doc3'));
    const result = await store.updateLayers('alice', ['doc2', 'doc1', 'doc3'], (layers) => {
      expect([...layers.keys()]).toEqual(['doc1', 'doc2', 'doc3']);
      const { layers: next } = relabel('Claim')(layers);
      next.set('doc3', layers.get('doc3')!); // given back as it came: unchanged
      return { layers: next, result: 'done' };
    });
    expect(result).toBe('done');
    for (const docId of ['doc1', 'doc2']) {
      expect((await onDisk('alice', docId)).annotations.map((a) => a.label)).toEqual(['Claim']);
      expect(await store.getLayer('alice', docId)).toEqual(await onDisk('alice', docId));
    }
    expect((await stat(layerPath('alice', 'doc3'))).ino).toBe(untouched.ino);
    expect((await onDisk('alice', 'doc3')).annotations.map((a) => a.label)).toEqual(['Actor']);
  });

  it('keeps the spans an edit left alone as the very objects it had cached', async () => {
    const store = await threeLayers();
    const added = await store.createAnnotation('alice', doc, { label: 'Claim', start: 0, end: 4 });
    const [merkel] = (await store.getLayer('alice', doc)).annotations;
    await store.updateLayers('alice', ['doc1'], (layers) => {
      const layer = layers.get('doc1')!;
      const annotations = layer.annotations.map((a) =>
        a.id === added.id ? { ...a, note: 'n' } : a,
      );
      return { layers: new Map([['doc1', { ...layer, annotations }]]), result: undefined };
    });
    const after = (await store.getLayer('alice', doc)).annotations;
    expect(after[0]).toBe(merkel);
    expect(after[1]).toEqual({ ...added, note: 'n' });
    expect(Object.isFrozen(after[1])).toBe(true);
  });

  it('refuses the whole edit, writing nothing, when one next layer is invalid', async () => {
    const store = await threeLayers();
    const before = await readFile(layerPath('alice', 'doc1'), 'utf8');
    const error = await failure(
      store.updateLayers('alice', ['doc1', 'doc2'], (layers) => {
        const { layers: next } = relabel('Claim')(layers);
        const doc2 = next.get('doc2')!;
        next.set('doc2', { ...doc2, annotations: [...doc2.annotations, doc2.annotations[0]!] });
        return { layers: next, result: undefined };
      }),
    );
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toMatch(
      /^The change would make annotations\/alice\/doc2\.json invalid \(.*appears more than once.*\); nothing was saved\.$/,
    );
    expect(await readFile(layerPath('alice', 'doc1'), 'utf8')).toBe(before);
    expect((await store.getLayer('alice', doc)).annotations[0]!.label).toBe('Actor');

    await expect(
      store.updateLayers('alice', ['doc1'], (layers) => ({
        layers: new Map([...layers, ['doc2', layers.get('doc1')!]]),
        result: undefined,
      })),
    ).rejects.toThrow(/layer of document doc2, which was not among the documents it was given/);
  });

  it('says which files may hold the change when the batch fails part-way, and re-reads them', async () => {
    const store = await threeLayers();
    // A non-empty folder where doc2's backup must go makes its rename fail (even for root).
    await mkdir(join(`${layerPath('alice', 'doc2')}.bak`, 'in-the-way'), { recursive: true });
    const error = await failure(store.updateLayers('alice', ['doc1', 'doc2'], relabel('Claim')));
    expect(error.code).toBe('io');
    expect(error.message).toMatch(
      /^Could not save annotations\/alice\/doc1\.json and annotations\/alice\/doc2\.json: renaming into place failed .*\. 1 of the 2 files may hold the change and the others do not; check free disk space/,
    );
    // The store forgot what it cached, so it shows what the disk holds: doc1 new, doc2 old.
    expect((await store.getLayer('alice', doc)).annotations[0]!.label).toBe('Claim');
    expect((await store.getLayer('alice', other)).annotations[0]!.label).toBe('Actor');

    await rm(`${layerPath('alice', 'doc2')}.bak`, { recursive: true });
    await store.updateLayers('alice', ['doc1', 'doc2'], relabel('Claim'));
    expect((await onDisk('alice', 'doc2')).annotations[0]!.label).toBe('Claim');
  });

  it('runs after the edits queued before it on each file, and before those queued after', async () => {
    const store = await threeLayers();
    const seen: number[] = [];
    const results = await Promise.all([
      store.createAnnotation('alice', other, { label: 'Claim', start: 8, end: 13, id: 'before' }),
      store.updateLayers('alice', ['doc1', 'doc2'], (layers) => {
        seen.push(layers.get('doc2')!.annotations.length);
        return { ...relabel('Policy')(layers), result: 'first' };
      }),
      // Takes the two files in the other order: still no deadlock, still runs second.
      store.updateLayers('alice', ['doc2', 'doc1'], (layers) => {
        seen.push(layers.get('doc2')!.annotations.length);
        return { ...relabel('Topic')(layers), result: 'second' };
      }),
      store.createAnnotation('alice', doc, { label: 'Claim', start: 0, end: 4, id: 'after' }),
    ]);
    expect(results[1]).toBe('first');
    expect(results[2]).toBe('second');
    expect(seen).toEqual([2, 2]);
    expect((await onDisk('alice', 'doc2')).annotations.map((a) => a.label)).toEqual([
      'Topic',
      'Topic',
    ]);
    expect((await onDisk('alice', 'doc1')).annotations.map((a) => [a.id, a.label])).toEqual([
      ['id1', 'Topic'],
      ['after', 'Claim'],
    ]);
  });
});

describe('reloadLayers', () => {
  it("sees a colleague's layer file that a shared folder replaced, after their queued writes", async () => {
    const store = openStore();
    await store.createAnnotation('bob', doc, { label: 'Actor', ...MERKEL });
    expect(await store.countAnnotations('bob', 'doc1')).toBe(1);
    // The synced folder brings bob's newer file: two spans.
    const synced = await onDisk('bob', 'doc1');
    const second = { ...synced.annotations[0]!, id: 'from-bob-laptop', start: 0, end: 5 };
    await writeFile(
      layerPath('bob', 'doc1'),
      JSON.stringify({ ...synced, annotations: [...synced.annotations, second] }),
    );
    expect(await store.countAnnotations('bob', 'doc1')).toBe(1); // cached
    const pending = store.createAnnotation('alice', doc, { label: 'Actor', ...MERKEL });
    await store.reloadLayers('bob');
    await pending;
    expect(await store.countAnnotations('bob', 'doc1')).toBe(2);
    expect(await store.countAnnotations('alice', 'doc1')).toBe(1);
    await expect(store.reloadLayers('../x')).rejects.toThrow(/cannot be used/);
  });
});

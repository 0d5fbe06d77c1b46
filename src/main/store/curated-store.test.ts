import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CuratedFile, type CuratedAnnotation } from '../../shared/model';
import { CuratedStore } from './curated-store';

let project: string;
let warnings: string[];

beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), 'curated-store-'));
  warnings = [];
});
afterEach(async () => {
  await rm(project, { recursive: true, force: true });
});

const openStore = () =>
  new CuratedStore(project, {
    onWarning: (m) => warnings.push(m),
    now: () => new Date('2024-05-01T10:00:00.000Z'),
  });

const filePath = (docId: string) => join(project, 'curated', `${docId}.json`);

function gold(id: string, start: number, end: number): CuratedAnnotation {
  return {
    id,
    doc: 'doc1',
    label: 'Actor',
    start,
    end,
    quote: 'x'.repeat(end - start),
    prefix: '',
    suffix: '',
    attributes: {},
    annotator: 'lead',
    created: '2024-05-01T10:00:00.000Z',
    modified: '2024-05-01T10:00:00.000Z',
    origin: { kind: 'manual' },
    sources: ['alice', 'bob'],
  };
}

/** Adds a gold span and its decision, bumping the revision. */
function addGold(file: CuratedFile, span: CuratedAnnotation) {
  return {
    file: {
      ...file,
      status: 'in_review' as const,
      revision: file.revision + 1,
      annotations: [...file.annotations, span],
      decisions: [
        ...file.decisions,
        {
          case: `alice/${span.id}+bob/${span.id}`,
          fingerprint: '00000000000001',
          outcome: 'accepted' as const,
          span: span.id,
          by: 'lead',
          at: '2024-05-01T10:00:00.000Z',
        },
      ],
    },
    result: span.id,
  };
}

describe('CuratedStore', () => {
  it('gives an empty, not started file for a document nobody adjudicated, writing nothing', async () => {
    const store = openStore();
    expect(await store.get('doc1')).toMatchObject({
      doc: 'doc1',
      status: 'not_started',
      revision: 0,
      annotations: [],
      decisions: [],
    });
    await expect(readdir(project)).resolves.toEqual([]);
  });

  it('writes durably: a fresh store reads what the first was told was saved, sources and all', async () => {
    const store = openStore();
    await store.update('doc1', (file) => addGold(file, gold('g1', 0, 5)));
    await store.close();
    const onDisk = CuratedFile.parse(JSON.parse(await readFile(filePath('doc1'), 'utf8')));
    expect(onDisk.annotations[0]!.sources).toEqual(['alice', 'bob']);
    const again = await openStore().get('doc1');
    expect(again).toEqual(onDisk);
    expect(Object.isFrozen(again.annotations[0])).toBe(true);
  });

  it('keeps the previous version as a backup and recovers from it when the file is damaged', async () => {
    const store = openStore();
    await store.update('doc1', (file) => addGold(file, gold('g1', 0, 5)));
    await store.update('doc1', (file) => addGold(file, gold('g2', 6, 9)));
    await writeFile(filePath('doc1'), '{"format": "workbench.curated", "vers');
    const recovered = await openStore().get('doc1');
    expect(recovered.annotations.map((a) => a.id)).toEqual(['g1']);
    expect(warnings.join(' ')).toMatch(
      /curated\/doc1\.json was damaged .*recovered the previous version from its backup.*kept as curated\/doc1\.json\.corrupt-/,
    );
    const files = await readdir(join(project, 'curated'));
    expect(files.some((f) => f.startsWith('doc1.json.corrupt-'))).toBe(true);
  });

  it('refuses a change that would make the file invalid, writing nothing', async () => {
    const store = openStore();
    await store.update('doc1', (file) => addGold(file, gold('g1', 0, 5)));
    const before = await readFile(filePath('doc1'), 'utf8');
    await expect(store.update('doc1', (file) => addGold(file, gold('g1', 7, 9)))).rejects.toThrow(
      /would make curated\/doc1\.json invalid .*id g1 appears more than once.*nothing was saved/,
    );
    await expect(
      store.update('doc1', (file) => ({
        file: { ...file, decisions: [{ ...file.decisions[0]!, span: 'gone' }] },
        result: null,
      })),
    ).rejects.toThrow(/names span gone, which is not there/);
    expect(await readFile(filePath('doc1'), 'utf8')).toBe(before);
    expect((await store.get('doc1')).annotations).toHaveLength(1);
  });

  it('bumps the revision on every change, also one that does not say so', async () => {
    const store = openStore();
    await store.update('doc1', (file) => addGold(file, gold('g1', 0, 5)));
    await store.update('doc1', (file) => ({
      file: { ...file, annotations: file.annotations.map((a) => ({ ...a, label: 'Speaker' })) },
      result: null,
    }));
    expect(await store.get('doc1')).toMatchObject({
      revision: 2,
      annotations: [{ label: 'Speaker' }],
    });
  });

  it('applies concurrent changes one at a time, none lost', async () => {
    const store = openStore();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.update('doc1', (file) => addGold(file, gold(`g${i}`, i, i + 1))),
      ),
    );
    const file = await openStore().get('doc1');
    expect(file.revision).toBe(20);
    expect(file.annotations).toHaveLength(20);
  });

  it('treats a file copied from another document as damaged, and says so', async () => {
    const store = openStore();
    await store.update('doc1', (file) => addGold(file, gold('g1', 0, 5)));
    await mkdir(join(project, 'curated'), { recursive: true });
    await writeFile(filePath('doc2'), await readFile(filePath('doc1'), 'utf8'));
    await expect(openStore().get('doc2')).rejects.toThrow(
      /curated\/doc2\.json cannot be read .*not of doc2.*there is no backup/,
    );
  });

  it('refuses unsafe document ids and calls after close', async () => {
    const store = openStore();
    await expect(store.get('../x')).rejects.toThrow(/cannot be used/);
    await store.close();
    await expect(store.get('doc1')).rejects.toThrow(/is closed/);
  });
});

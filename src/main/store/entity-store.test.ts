import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/api';
import type { Entity } from '../../shared/model';
import { EntityFile, EntityStore } from './entity-store';

let project: string;
let warnings: string[];

beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), 'entity-store-'));
  warnings = [];
});
afterEach(async () => {
  await rm(project, { recursive: true, force: true });
});

function openStore(prepareFolder?: (annotator: string) => Promise<unknown>): EntityStore {
  return new EntityStore(project, {
    onWarning: (message) => warnings.push(message),
    now: () => new Date('2024-05-01T10:00:00.000Z'),
    prepareFolder,
  });
}

const registryPath = (annotator: string) =>
  join(project, 'annotations', annotator, 'entities.json');

function entity(id: string, name: string, extra: Partial<Entity> = {}): Entity {
  return {
    id,
    name,
    aliases: [],
    kind: 'person',
    attributes: {},
    created: '2024-05-01T09:00:00.000Z',
    modified: '2024-05-01T09:00:00.000Z',
    ...extra,
  };
}

async function add(store: EntityStore, annotator: string, e: Entity): Promise<void> {
  await store.update(annotator, (entities) => ({ entities: [...entities, e], result: undefined }));
}

async function failure(promise: Promise<unknown>): Promise<WorkbenchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WorkbenchError)) throw new Error(`expected a WorkbenchError: ${error}`);
  return error;
}

describe('EntityStore', () => {
  it('gives an empty registry when nothing is saved, writing nothing', async () => {
    const store = openStore();
    expect(await store.list('alice')).toEqual([]);
    expect(await readdir(project)).toEqual([]);
  });

  it('writes a versioned file, one entity per line, that a new store reads back', async () => {
    const store = openStore();
    await add(store, 'alice', entity('e1', 'James Comey', { aliases: ['Comey'], qid: 'Q20' }));
    await add(store, 'alice', entity('e2', 'Loretta Lynch'));
    const text = await readFile(registryPath('alice'), 'utf8');
    expect(text.split('\n').slice(0, 5)).toEqual([
      '{',
      '  "format": "workbench.entities",',
      '  "version": 1,',
      '  "annotator": "alice",',
      '  "entities": [',
    ]);
    expect(text.split('\n').filter((line) => line.includes('"id":'))).toHaveLength(2);
    expect(EntityFile.parse(JSON.parse(text)).entities.map((e) => e.name)).toEqual([
      'James Comey',
      'Loretta Lynch',
    ]);
    expect((await openStore().list('alice')).map((e) => e.id)).toEqual(['e1', 'e2']);
    // Registries are per annotator.
    expect(await store.list('bob')).toEqual([]);
  });

  it('hands out frozen entities, so a stray mutation cannot corrupt the cache', async () => {
    const store = openStore();
    await add(store, 'alice', entity('e1', 'A'));
    const [first] = await store.list('alice');
    expect(() => (first!.aliases as string[]).push('x')).toThrow();
  });

  it('runs changes one at a time, each seeing the one before', async () => {
    const store = openStore();
    await Promise.all(['e1', 'e2', 'e3'].map((id) => add(store, 'alice', entity(id, id))));
    expect((await store.list('alice')).map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
  });

  it('refuses a change that would make the file invalid, writing nothing', async () => {
    const store = openStore();
    await add(store, 'alice', entity('e1', 'A'));
    const before = await readFile(registryPath('alice'), 'utf8');
    const error = await failure(add(store, 'alice', entity('e1', 'B')));
    expect(error.message).toBe(
      'The change would make annotations/alice/entities.json invalid (entities.1: id e1 appears ' +
        'more than once); nothing was saved.',
    );
    const bad = await failure(add(store, 'alice', entity('e2', '')));
    expect(bad.code).toBe('invalid_argument');
    expect(await readFile(registryPath('alice'), 'utf8')).toBe(before);
    expect((await store.list('alice')).map((e) => e.name)).toEqual(['A']);
  });

  it('recovers a damaged registry from its backup, keeps the damage and says so', async () => {
    const store = openStore();
    await add(store, 'alice', entity('e1', 'A'));
    await add(store, 'alice', entity('e2', 'B'));
    await writeFile(registryPath('alice'), '{"format": "workbench.entities", "vers');
    const reopened = openStore();
    expect((await reopened.list('alice')).map((e) => e.id)).toEqual(['e1']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^annotations\/alice\/entities\.json was damaged \(not valid JSON: .*\); recovered the previous version from its backup \(the last change may be missing\)\. The damaged file is kept as annotations\/alice\/entities\.json\.corrupt-2024-05-01T10-00-00\.000Z\.$/,
    );
    const folder = join(project, 'annotations', 'alice');
    expect((await readdir(folder)).sort()).toEqual([
      'entities.json',
      'entities.json.bak',
      'entities.json.corrupt-2024-05-01T10-00-00.000Z',
    ]);
    // Work goes on from the recovered version.
    await add(reopened, 'alice', entity('e3', 'C'));
    expect((await openStore().list('alice')).map((e) => e.id)).toEqual(['e1', 'e3']);
  });

  it('treats a registry copied from another annotator as damage', async () => {
    const store = openStore();
    await add(store, 'bob', entity('e1', 'A'));
    await add(store, 'alice', entity('e9', 'Z'));
    await add(store, 'alice', entity('e10', 'Y'));
    await writeFile(registryPath('alice'), await readFile(registryPath('bob')));
    expect((await openStore().list('alice')).map((e) => e.id)).toEqual(['e9']);
    expect(warnings[0]).toContain("annotator: it holds bob's registry, not alice's");
  });

  it('changes nothing when the file and its backup are both unreadable', async () => {
    const store = openStore();
    await add(store, 'alice', entity('e1', 'A'));
    await add(store, 'alice', entity('e2', 'B'));
    await writeFile(registryPath('alice'), 'broken');
    await writeFile(`${registryPath('alice')}.bak`, 'also broken');
    const reopened = openStore();
    const error = await failure(reopened.list('alice'));
    expect(error.code).toBe('io');
    expect(error.message).toMatch(
      /and its backup annotations\/alice\/entities\.json\.bak cannot be read either/,
    );
    await failure(add(reopened, 'alice', entity('e3', 'C')));
    expect(await readFile(registryPath('alice'), 'utf8')).toBe('broken');
  });

  it('refuses a registry from a newer version of the workbench without touching it', async () => {
    await openStore().update('alice', () => ({ entities: [], result: undefined }));
    const newer = JSON.stringify({ format: 'workbench.entities', version: 2, annotator: 'alice' });
    await writeFile(registryPath('alice'), newer);
    const error = await failure(openStore().list('alice'));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('written by a newer version of the workbench');
    expect(await readFile(registryPath('alice'), 'utf8')).toBe(newer);
  });

  it('prepares the annotator folder once, before the first read', async () => {
    const prepared: string[] = [];
    const store = openStore(async (annotator) => {
      prepared.push(annotator);
    });
    await add(store, 'alice', entity('e1', 'A'));
    await store.list('alice');
    await store.list('bob');
    expect(prepared).toEqual(['alice', 'bob']);
  });

  it('refuses unsafe annotator names and, once closed, every call', async () => {
    const store = openStore();
    await expect(store.list('../x')).rejects.toThrow(/cannot be used/);
    await store.close();
    await expect(store.list('alice')).rejects.toThrow(/closed/);
  });
});

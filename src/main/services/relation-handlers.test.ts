import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type ResultOf } from '../../shared/api';
import type { Annotation } from '../../shared/model';
import { bundledCorpusDir } from '../project/bundled';
import { initProject } from '../project/project-folder';
import { openWorkbench, type WorkbenchSession } from './workbench';

const FIRST_DOC = '000_3c96c7399f2592f5';
const SECOND_DOC = '001_be2b556b53156c24';

let base: string;
let session: WorkbenchSession;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'awb-relations-'));
  await initProject(join(base, 'project'), { corpusDir: bundledCorpusDir() });
  session = await openWorkbench({
    projectDir: join(base, 'project'),
    settingsDir: join(base, 'settings'),
    shell: 'browser',
  });
  await session.handlers.setAnnotator({ name: 'alice' });
});

afterEach(async () => {
  await session.close();
  await rm(base, { recursive: true, force: true });
});

/** Tags the first occurrence of `phrase` in `doc`. */
async function tag(label: string, phrase: string, doc = FIRST_DOC): Promise<Annotation> {
  const { text } = await session.handlers.getDocument({ id: doc });
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`"${phrase}" is not in ${doc}`);
  return session.handlers.createAnnotation({
    doc,
    label,
    start,
    end: start + phrase.length,
    attributes: {},
  });
}

async function statement() {
  return {
    actor: await tag('Actor', 'FBI director James Comey'),
    claim: await tag('Claim', 'make it more difficult for groups to use social media'),
    topic: await tag('Policy topic', 'encryption'),
  };
}

async function call<M extends 'createRelation' | 'deleteRelation'>(method: M, args: unknown) {
  return dispatch(session.handlers, method, args) as Promise<
    { ok: true; value: ResultOf<M> } | { ok: false; error: { code: string; message: string } }
  >;
}

async function layerFile() {
  return JSON.parse(
    await readFile(join(base, 'project', 'annotations', 'alice', `${FIRST_DOC}.json`), 'utf8'),
  );
}

describe('createRelation', () => {
  it('links a claim to its actor and topic, durably, as the codebook allows', async () => {
    const { actor, claim, topic } = await statement();
    const madeBy = await session.handlers.createRelation({
      doc: FIRST_DOC,
      type: 'made by',
      from: claim.id,
      to: actor.id,
      attributes: {},
    });
    const about = await session.handlers.createRelation({
      doc: FIRST_DOC,
      type: 'about',
      from: claim.id,
      to: topic.id,
      attributes: {},
    });
    expect(madeBy).toMatchObject({ doc: FIRST_DOC, annotator: 'alice', from: claim.id });
    const layer = await session.handlers.getLayer({ doc: FIRST_DOC });
    expect(layer.relations.map((r) => [r.type, r.from, r.to])).toEqual([
      ['made by', claim.id, actor.id],
      ['about', claim.id, topic.id],
    ]);
    expect((await layerFile()).relations.map((r: { id: string }) => r.id)).toEqual([
      madeBy.id,
      about.id,
    ]);
  });

  it('refuses a type the codebook lacks, naming the types it has, and saves nothing', async () => {
    const { actor, claim } = await statement();
    const result = await call('createRelation', {
      doc: FIRST_DOC,
      type: 'quoted',
      from: claim.id,
      to: actor.id,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(!result.ok && result.error.message).toBe(
      'There is no relation type "quoted" in the codebook (relation types: "made by" (Claim → ' +
        'Actor), "about" (Claim → Policy topic)).',
    );
    expect((await session.handlers.getLayer({ doc: FIRST_DOC })).relations).toEqual([]);
  });

  it('refuses labels the type does not allow at its ends (wrong way round, wrong target)', async () => {
    const { actor, claim, topic } = await statement();
    const backwards = await call('createRelation', {
      doc: FIRST_DOC,
      type: 'made by',
      from: actor.id,
      to: claim.id,
    });
    expect(!backwards.ok && backwards.error.message).toMatch(
      /^A "made by" \(Claim → Actor\) relation cannot go from the Actor span “FBI director James Comey” to the Claim span/,
    );
    const wrongTarget = await call('createRelation', {
      doc: FIRST_DOC,
      type: 'made by',
      from: claim.id,
      to: topic.id,
    });
    expect(!wrongTarget.ok && wrongTarget.error.message).toMatch(
      /Between these labels the codebook allows "about"\.$/,
    );
    expect((await session.handlers.getLayer({ doc: FIRST_DOC })).relations).toEqual([]);
  });

  it('keeps both ends in the same document and layer', async () => {
    const { claim } = await statement();
    const elsewhere = await tag('Actor', 'the', SECOND_DOC);
    const across = await call('createRelation', {
      doc: FIRST_DOC,
      type: 'made by',
      from: claim.id,
      to: elsewhere.id,
    });
    expect(across).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(!across.ok && across.error.message).toBe(
      `The target span ${elsewhere.id} is not in your layer of document ${FIRST_DOC}; it may ` +
        'have been deleted. Both ends of a relation must be spans of the same document.',
    );

    // Bob's layer of the same document does not hold alice's spans.
    await session.handlers.setAnnotator({ name: 'bob' });
    const bobActor = await tag('Actor', 'Loretta Lynch');
    const otherLayer = await call('createRelation', {
      doc: FIRST_DOC,
      type: 'made by',
      from: claim.id,
      to: bobActor.id,
    });
    expect(!otherLayer.ok && otherLayer.error.message).toMatch(/^The source span/);

    const self = await call('createRelation', {
      doc: FIRST_DOC,
      type: 'made by',
      from: bobActor.id,
      to: bobActor.id,
    });
    expect(!self.ok && self.error.message).toMatch(/links two different annotations/);
  });

  it('refuses the same link twice but brings a deleted one back with its id (undo)', async () => {
    const { actor, claim } = await statement();
    const args = { doc: FIRST_DOC, type: 'made by', from: claim.id, to: actor.id };
    const first = await session.handlers.createRelation({ ...args, attributes: {} });
    const twice = await call('createRelation', args);
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!twice.ok && twice.error.message).toMatch(/already linked by "made by"/);

    const removed = await session.handlers.deleteRelation({ doc: FIRST_DOC, id: first.id });
    expect(removed).toEqual(first);
    expect((await session.handlers.getLayer({ doc: FIRST_DOC })).relations).toEqual([]);
    const back = await session.handlers.createRelation({ ...args, attributes: {}, id: first.id });
    expect(back).toMatchObject({ id: first.id, type: 'made by', from: claim.id, to: actor.id });

    const again = await call('deleteRelation', { doc: FIRST_DOC, id: 'no-such-relation' });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('deleting a span removes its relations; restoring it brings them back', async () => {
    const { actor, claim, topic } = await statement();
    for (const [type, to] of [
      ['made by', actor.id],
      ['about', topic.id],
    ] as const) {
      await session.handlers.createRelation({
        doc: FIRST_DOC,
        type,
        from: claim.id,
        to,
        attributes: {},
      });
    }
    const removed = await session.handlers.deleteAnnotation({ doc: FIRST_DOC, id: claim.id });
    expect(removed.relations.map((r) => r.type)).toEqual(['made by', 'about']);
    expect((await layerFile()).relations).toEqual([]);
    await session.handlers.restoreAnnotation(removed);
    const layer = await session.handlers.getLayer({ doc: FIRST_DOC });
    expect(layer.relations).toEqual(removed.relations);
    expect(layer.annotations.map((a) => a.id)).toContain(claim.id);
  });

  it('asks for an annotator before linking', async () => {
    const fresh = await openWorkbench({
      projectDir: join(base, 'project'),
      settingsDir: join(base, 'nobody'),
      shell: 'browser',
    });
    const result = await dispatch(fresh.handlers, 'createRelation', {
      doc: FIRST_DOC,
      type: 'made by',
      from: 'a',
      to: 'b',
    });
    expect(!result.ok && result.error.message).toMatch(/annotator name/);
    await fresh.close();
  });
});

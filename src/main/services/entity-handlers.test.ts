import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type WorkbenchHandlers } from '../../shared/api';
import type { Annotation } from '../../shared/model';
import { bundledCorpusDir } from '../project/bundled';
import { initProject } from '../project/project-folder';
import { openWorkbench, type WorkbenchSession } from './workbench';

const DOC0 = '000_3c96c7399f2592f5';
const DOC1 = '001_be2b556b53156c24';
const DOC2 = '002_954fd227d2c7efbf';

let base: string;
let session: WorkbenchSession;
let h: WorkbenchHandlers;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'awb-entities-'));
  await initProject(join(base, 'project'), { corpusDir: bundledCorpusDir() });
  session = await openWorkbench({
    projectDir: join(base, 'project'),
    settingsDir: join(base, 'settings'),
    shell: 'browser',
  });
  h = session.handlers;
  await h.setAnnotator({ name: 'alice' });
});
afterEach(async () => {
  await session.close();
  await rm(base, { recursive: true, force: true });
});

/** Tags the `nth` occurrence (0-based) of `phrase` in a document as an Actor. */
async function tag(doc: string, phrase: string, nth = 0): Promise<Annotation> {
  const { text } = await h.getDocument({ id: doc });
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(phrase, start + 1);
  if (start < 0) throw new Error(`"${phrase}" is not in ${doc}`);
  return h.createAnnotation({
    doc,
    label: 'Actor',
    start,
    end: start + phrase.length,
    attributes: {},
  });
}

async function link(span: Annotation, entity: string | null): Promise<Annotation> {
  return h.updateAnnotation({ doc: span.doc, id: span.id, patch: { entity } });
}

async function failure(method: string, args: unknown): Promise<{ code: string; message: string }> {
  const result = await dispatch(h, method, args);
  if (result.ok) throw new Error(`${method} should have failed`);
  return result.error;
}

const registryFile = () => join(base, 'project', 'annotations', 'alice', 'entities.json');

describe('actor registry', () => {
  it('creates actors with cleaned names and lists them with how many spans link to each', async () => {
    const comey = await h.createEntity({
      name: ' James  Comey ',
      aliases: ['Comey'],
      kind: 'person',
      qid: 'q4167',
      attributes: {},
    });
    expect(comey).toMatchObject({ name: 'James Comey', aliases: ['Comey'], qid: 'Q4167' });
    const lynch = await h.createEntity({
      name: 'Loretta Lynch',
      aliases: [],
      kind: 'person',
      attributes: {},
    });
    await link(await tag(DOC0, 'James Comey'), comey.id);
    await link(await tag(DOC1, 'James Comey'), comey.id);
    await tag(DOC0, 'Loretta Lynch');
    const listed = await h.listEntities({});
    expect(listed.map((e) => [e.name, e.usage])).toEqual([
      ['James Comey', 2],
      ['Loretta Lynch', 0],
    ]);
    expect(listed[1]!.id).toBe(lynch.id);
    // It is a file of the annotator's own folder, one entity per line.
    const file = JSON.parse(await readFile(registryFile(), 'utf8'));
    expect(file).toMatchObject({ format: 'workbench.entities', version: 1, annotator: 'alice' });
  });

  it('refuses bad names, aliases and Wikidata ids with a reason, saving nothing', async () => {
    await h.createEntity({
      name: 'James Comey',
      aliases: [],
      kind: 'person',
      qid: 'Q4167',
      attributes: {},
    });
    const cases: [unknown, string][] = [
      [
        { name: ' ', kind: 'person' },
        'The name is empty: give the actor a name. Nothing was saved.',
      ],
      [
        { name: 'Comey', aliases: ['J', 'J'], kind: 'person' },
        'The alias “J” is listed twice. Nothing was saved.',
      ],
      [
        { name: 'X', kind: 'person', qid: 'Z1' },
        '“Z1” is not a Wikidata id: use "Q" followed by digits',
      ],
      [
        { name: 'Jim', kind: 'person', qid: 'Q4167' },
        'Q4167 is already the Wikidata id of “James Comey”',
      ],
    ];
    for (const [args, message] of cases) {
      expect((await failure('createEntity', args)).message).toContain(message);
    }
    expect((await failure('createEntity', { name: 'X', kind: 'alien' })).code).toBe(
      'invalid_argument',
    );
    expect((await h.listEntities({})).map((e) => e.name)).toEqual(['James Comey']);
  });

  it('edits an actor, and removes its Wikidata id with null', async () => {
    const e = await h.createEntity({
      name: 'Comey',
      aliases: [],
      kind: 'person',
      qid: 'Q4167',
      attributes: {},
    });
    const edited = await h.updateEntity({
      id: e.id,
      patch: { name: 'James Comey', aliases: ['Comey'], kind: 'person', qid: null },
    });
    expect(edited).toMatchObject({ name: 'James Comey', aliases: ['Comey'] });
    expect(edited.qid).toBeUndefined();
    expect(
      (await failure('updateEntity', { id: e.id, patch: { aliases: ['James Comey'] } })).message,
    ).toContain('is the name itself');
    expect((await failure('updateEntity', { id: 'nobody', patch: { name: 'X' } })).code).toBe(
      'not_found',
    );
  });

  it('purges unused actors but refuses any still linked, naming the count', async () => {
    const used = await h.createEntity({
      name: 'James Comey',
      aliases: [],
      kind: 'person',
      attributes: {},
    });
    const unused = await h.createEntity({
      name: 'Nobody',
      aliases: [],
      kind: 'person',
      attributes: {},
    });
    await link(await tag(DOC0, 'James Comey'), used.id);
    await link(await tag(DOC1, 'James Comey'), used.id);
    const before = await readFile(registryFile(), 'utf8');
    const refused = await failure('deleteEntities', { ids: [unused.id, used.id] });
    expect(refused).toEqual({
      code: 'conflict',
      message:
        'Still linked: “James Comey” (2 spans). Unlink those spans or merge the actor into ' +
        'another first; nothing was deleted.',
    });
    expect(await readFile(registryFile(), 'utf8')).toBe(before);
    const { removed } = await h.deleteEntities({ ids: [unused.id] });
    expect(removed.map((e) => e.name)).toEqual(['Nobody']);
    // Undo of a purge: the same entity comes back, in its place.
    await h.restoreEntities({ entities: removed });
    expect((await h.listEntities({})).map((e) => e.name)).toEqual(['James Comey', 'Nobody']);
    expect(await readFile(registryFile(), 'utf8')).toBe(before);
  });
});

describe('merging actors', () => {
  it('moves every linked span to the kept actor, unions aliases, and undo restores exactly', async () => {
    const keep = await h.createEntity({
      name: 'James Comey',
      aliases: ['Jim Comey'],
      kind: 'person',
      attributes: {},
    });
    const short = await h.createEntity({
      name: 'Comey',
      aliases: [],
      kind: 'person',
      qid: 'Q4167',
      attributes: {},
    });
    const titled = await h.createEntity({
      name: 'FBI director James Comey',
      aliases: ['Director Comey'],
      kind: 'government_body',
      attributes: { role: 'FBI director' },
    });
    const other = await h.createEntity({
      name: 'Loretta Lynch',
      aliases: [],
      kind: 'person',
      attributes: {},
    });
    await link(await tag(DOC0, 'FBI director James Comey'), titled.id);
    await link(await tag(DOC0, 'Comey', 0), short.id);
    await link(await tag(DOC1, 'James Comey'), keep.id);
    await link(await tag(DOC1, 'Comey'), short.id);
    await link(await tag(DOC1, 'Loretta Lynch'), other.id);
    await tag(DOC2, 'Obama');

    const layersBefore = await Promise.all([DOC0, DOC1, DOC2].map((doc) => h.getLayer({ doc })));
    const registryBefore = await readFile(registryFile(), 'utf8');

    const merge = await h.mergeEntities({ keep: keep.id, merge: [short.id, titled.id] });
    expect(merge.kept).toMatchObject({
      id: keep.id,
      name: 'James Comey',
      aliases: ['Jim Comey', 'Comey', 'FBI director James Comey', 'Director Comey'],
      kind: 'person',
      qid: 'Q4167',
      attributes: { role: 'FBI director' },
    });
    expect(merge.removed.map((e) => e.id)).toEqual([short.id, titled.id]);
    expect(merge.relinked.map((r) => [r.doc, r.spans.length])).toEqual([
      [DOC0, 2],
      [DOC1, 1],
    ]);
    const linkedAfter = (await Promise.all([DOC0, DOC1].map((doc) => h.getLayer({ doc }))))
      .flatMap((l) => l.annotations)
      .map((a) => [a.quote, a.entity]);
    expect(linkedAfter).toEqual([
      ['FBI director James Comey', keep.id],
      ['Comey', keep.id],
      ['James Comey', keep.id],
      ['Comey', keep.id],
      ['Loretta Lynch', other.id],
    ]);
    expect((await h.listEntities({})).map((e) => [e.name, e.usage])).toEqual([
      ['James Comey', 4],
      ['Loretta Lynch', 1],
    ]);

    const undone = await h.unmergeEntities(merge);
    expect(undone).toEqual({ restoredSpans: 3, skippedSpans: 0 });
    expect(await Promise.all([DOC0, DOC1, DOC2].map((doc) => h.getLayer({ doc })))).toEqual(
      layersBefore,
    );
    expect(await readFile(registryFile(), 'utf8')).toBe(registryBefore);

    // Redo is the same merge again.
    const again = await h.mergeEntities({ keep: keep.id, merge: [short.id, titled.id] });
    expect(again.kept.aliases).toEqual(merge.kept.aliases);
  });

  it('leaves a span relinked after the merge where the person put it when undoing', async () => {
    const keep = await h.createEntity({
      name: 'James Comey',
      aliases: [],
      kind: 'person',
      attributes: {},
    });
    const dup = await h.createEntity({
      name: 'Comey',
      aliases: [],
      kind: 'person',
      attributes: {},
    });
    const lynch = await h.createEntity({
      name: 'Loretta Lynch',
      aliases: [],
      kind: 'person',
      attributes: {},
    });
    const a = await link(await tag(DOC0, 'Comey'), dup.id);
    await link(await tag(DOC1, 'Comey'), dup.id);
    const merge = await h.mergeEntities({ keep: keep.id, merge: [dup.id] });
    await link(a, lynch.id);
    expect(await h.unmergeEntities(merge)).toEqual({ restoredSpans: 1, skippedSpans: 1 });
    const entities = (await h.getLayer({ doc: DOC0 })).annotations.map((s) => s.entity);
    expect(entities).toEqual([lynch.id]);
  });

  it('keeps every span linked to an actor in the registry when a merge fails part-way, and a re-run finishes it', async () => {
    const keep = await h.createEntity({
      name: 'James Comey',
      aliases: [],
      kind: 'person',
      attributes: {},
    });
    const dup = await h.createEntity({
      name: 'Comey',
      aliases: [],
      kind: 'person',
      attributes: {},
    });
    await link(await tag(DOC0, 'Comey'), dup.id);
    await link(await tag(DOC1, 'Comey'), dup.id);
    // A non-empty folder where DOC1's backup must go makes its rename fail (even for root).
    const blocker = join(base, 'project', 'annotations', 'alice', `${DOC1}.json.bak`);
    await rm(blocker, { force: true });
    await mkdir(join(blocker, 'in-the-way'), { recursive: true });

    const error = await failure('mergeEntities', { keep: keep.id, merge: [dup.id] });
    expect(error.code).toBe('io');
    expect(error.message).toMatch(/1 of the 2 files may hold the change/);
    expect(error.message).toContain(
      'The actors were left as they were, and every span still names an actor in the registry. ' +
        'Fix the problem and run the same operation again to finish it.',
    );
    const linked = async () =>
      (await Promise.all([DOC0, DOC1].map((doc) => h.getLayer({ doc })))).map(
        (layer) => layer.annotations[0]!.entity,
      );
    expect(await linked()).toEqual([keep.id, dup.id]);
    expect((await h.listEntities({})).map((e) => [e.name, e.usage])).toEqual([
      ['James Comey', 1],
      ['Comey', 1],
    ]);

    await rm(blocker, { recursive: true });
    const finished = await h.mergeEntities({ keep: keep.id, merge: [dup.id] });
    expect(finished.relinked.map((r) => r.doc)).toEqual([DOC1]);
    expect(await linked()).toEqual([keep.id, keep.id]);
    expect((await h.listEntities({})).map((e) => [e.name, e.usage])).toEqual([['James Comey', 2]]);
  });

  it('closing the session waits for a merge under way to write the registry', async () => {
    const keep = await h.createEntity({
      name: 'James Comey',
      aliases: [],
      kind: 'person',
      attributes: {},
    });
    const dup = await h.createEntity({
      name: 'Comey',
      aliases: [],
      kind: 'person',
      attributes: {},
    });
    await link(await tag(DOC0, 'Comey'), dup.id);
    const merging = h.mergeEntities({ keep: keep.id, merge: [dup.id] });
    await session.close();
    await merging;
    const registry = JSON.parse(await readFile(registryFile(), 'utf8')) as {
      entities: { id: string }[];
    };
    expect(registry.entities.map((e) => e.id)).toEqual([keep.id]);
    expect((await failure('listEntities', {})).code).toBe('unavailable');
  });

  it('refuses to merge an actor into itself or an unknown one, changing nothing', async () => {
    const keep = await h.createEntity({ name: 'A', aliases: [], kind: 'person', attributes: {} });
    expect((await failure('mergeEntities', { keep: keep.id, merge: [keep.id] })).message).toContain(
      'cannot be merged into itself',
    );
    expect((await failure('mergeEntities', { keep: keep.id, merge: ['ghost'] })).code).toBe(
      'not_found',
    );
    expect((await h.listEntities({})).map((e) => e.name)).toEqual(['A']);
  });
});

describe('annotate all occurrences', () => {
  it('suggests untagged whole-word mentions across the corpus, with their sentence', async () => {
    const comey = await h.createEntity({
      name: 'James Comey',
      aliases: ['Comey'],
      kind: 'person',
      attributes: {},
    });
    await link(await tag(DOC0, 'James Comey'), comey.id);
    const { suggestions, documents, truncated } = await h.findOccurrences({
      scope: 'corpus',
      doc: DOC1,
      strings: ['James Comey', 'Comey'],
      label: 'Actor',
      entity: comey.id,
      caseSensitive: true,
    });
    expect({ documents, truncated }).toEqual({ documents: 3, truncated: false });
    expect(suggestions).toHaveLength(1);
    const [s] = suggestions;
    const doc1 = await h.getDocument({ id: DOC1 });
    expect(s).toMatchObject({ doc: DOC1, text: 'James Comey', label: 'Actor', entity: comey.id });
    expect(doc1.text.slice(s!.start, s!.end)).toBe('James Comey');
    expect(s!.context.before).toMatch(/^Among those attending the meeting are .*FBI Director $/);
    // UAX #29 ends a sentence at "James B. Clapper" (a capital after a full stop): the
    // segmenter's rule, kept as it is.
    expect(s!.context.after).toBe(
      ', Obama counter-terrorism adviser Lisa Monaco, Director of National Intelligence James B.',
    );

    const inDoc = await h.findOccurrences({
      scope: 'document',
      doc: DOC2,
      strings: ['Obama'],
      label: 'Actor',
      caseSensitive: true,
    });
    expect(inDoc.suggestions.map((x) => [x.doc, x.text])).toEqual(Array(4).fill([DOC2, 'Obama']));
  });

  it('saves accepted suggestions as spans marked as suggestions, undoably as one step', async () => {
    const obama = await h.createEntity({
      name: 'Barack Obama',
      aliases: ['Obama'],
      kind: 'person',
      attributes: {},
    });
    const found = await h.findOccurrences({
      scope: 'corpus',
      strings: ['Barack Obama', 'Obama'],
      label: 'Actor',
      entity: obama.id,
      caseSensitive: true,
    });
    expect(found.suggestions.length).toBe(9);
    const chosen = found.suggestions.slice(0, 3);
    const saved = await h.acceptSuggestions({
      suggestions: chosen.map(({ doc, start, end, label, entity }, i) => ({
        ...{ doc, start, end, label, entity },
        id: `sug${i}`,
      })),
      source: 'mentions of “Barack Obama”',
    });
    expect(saved.map((a) => [a.id, a.quote, a.entity, a.origin])).toEqual(
      chosen.map((s, i) => [
        `sug${i}`,
        s.text,
        obama.id,
        { kind: 'suggestion', source: 'mentions of “Barack Obama”' },
      ]),
    );
    expect((await h.listEntities({}))[0]!.usage).toBe(3);
    // Accepted ones are tagged now: not suggested again.
    const rest = await h.findOccurrences({
      scope: 'corpus',
      strings: ['Obama'],
      label: 'Actor',
      caseSensitive: true,
    });
    expect(rest.suggestions).toHaveLength(6);

    const retracted = await h.retractSuggestions({
      spans: saved.map((a) => ({ doc: a.doc, id: a.id })),
    });
    expect(retracted.map((r) => r.annotation.id)).toEqual(['sug0', 'sug1', 'sug2']);
    expect((await h.listEntities({}))[0]!.usage).toBe(0);
  });

  it('refuses bad suggestions as a whole, saving none of them', async () => {
    const obama = await h.createEntity({
      name: 'Obama',
      aliases: [],
      kind: 'person',
      attributes: {},
    });
    const doc2 = await h.getDocument({ id: DOC2 });
    const at = doc2.text.indexOf('Obama');
    const good = { doc: DOC2, start: at, end: at + 5, label: 'Actor', entity: obama.id };
    const cases: [unknown, string][] = [
      [{ ...good, entity: 'ghost' }, 'No actor ghost in your registry'],
      [{ ...good, doc: DOC0, start: 5, end: 2 }, 'is empty or reversed'],
      [{ ...good, label: 'Person' }, 'There is no label "Person"'],
    ];
    for (const [bad, message] of cases) {
      const error = await failure('acceptSuggestions', {
        suggestions: [good, bad],
        source: 'test',
      });
      expect(error.message).toContain(message);
    }
    for (const doc of [DOC0, DOC2]) expect((await h.getLayer({ doc })).annotations).toEqual([]);
    const manual = await tag(DOC2, 'Obama');
    expect(
      (await failure('retractSuggestions', { spans: [{ doc: DOC2, id: manual.id }] })).message,
    ).toContain('did not come from a suggestion');
  });

  it('asks which document to search, and for something to search for', async () => {
    expect(
      (await failure('findOccurrences', { scope: 'document', strings: ['x'], label: 'Actor' }))
        .message,
    ).toBe('Say which document to search (doc), or search the whole corpus.');
    expect(
      (await failure('findOccurrences', { scope: 'corpus', strings: [' '], label: 'Actor' }))
        .message,
    ).toBe('Nothing to search for: every string given is empty.');
  });
});

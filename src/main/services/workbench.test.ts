import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/api';
import { bundledCorpusDir } from '../project/bundled';
import { initProject } from '../project/project-folder';
import { openWorkbench, type WorkbenchSession } from './workbench';

const FIRST_DOC = '000_3c96c7399f2592f5';

async function newSession(): Promise<{ session: WorkbenchSession; base: string }> {
  const base = await mkdtemp(join(tmpdir(), 'awb-session-'));
  await initProject(join(base, 'project'), { corpusDir: bundledCorpusDir() });
  const session = await openWorkbench({
    projectDir: join(base, 'project'),
    settingsDir: join(base, 'settings'),
    shell: 'browser',
  });
  return { session, base };
}

describe('workbench session', () => {
  let session: WorkbenchSession;
  let base: string;
  beforeEach(async () => {
    ({ session, base } = await newSession());
  });

  it('asks for an annotator before any span is written', async () => {
    const result = await dispatch(session.handlers, 'createAnnotation', {
      doc: FIRST_DOC,
      label: 'Actor',
      start: 0,
      end: 5,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(!result.ok && result.error.message).toMatch(/annotator name/);
  });

  it("tags a span into the annotator's own layer file and counts it in the list", async () => {
    await session.handlers.setAnnotator({ name: 'alice' });
    const doc = await session.handlers.getDocument({ id: FIRST_DOC });
    const start = doc.text.indexOf('FBI director James Comey');
    const span = await session.handlers.createAnnotation({
      doc: FIRST_DOC,
      label: 'Actor',
      start,
      end: start + 'FBI director James Comey'.length,
      attributes: {},
    });
    expect(span).toMatchObject({ quote: 'FBI director James Comey', annotator: 'alice' });
    const file = JSON.parse(
      await readFile(join(base, 'project', 'annotations', 'alice', `${FIRST_DOC}.json`), 'utf8'),
    );
    expect(file.annotations.map((a: { id: string }) => a.id)).toEqual([span.id]);
    const docs = await session.handlers.listDocuments({});
    expect(docs.find((d) => d.id === FIRST_DOC)?.annotationCount).toBe(1);
    // The name is the person's own setting, outside the project.
    expect(await readdir(join(base, 'settings'))).toContain('settings.json');
  });

  it('refuses a label the codebook does not have, naming the labels it has', async () => {
    await session.handlers.setAnnotator({ name: 'alice' });
    const result = await dispatch(session.handlers, 'createAnnotation', {
      doc: FIRST_DOC,
      label: 'Person',
      start: 0,
      end: 3,
    });
    expect(!result.ok && result.error.message).toBe(
      'There is no label "Person" in the codebook (labels: "Actor", "Claim", "Policy topic").',
    );
  });

  it('rejects malformed arguments at the boundary, before any handler runs', async () => {
    await session.handlers.setAnnotator({ name: 'alice' });
    const result = await dispatch(session.handlers, 'createAnnotation', {
      doc: '../../etc',
      label: 'Actor',
      start: -1,
      end: 3,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await dispatch(session.handlers, 'noSuchMethod', {})).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('exports what was tagged, in code points', async () => {
    await session.handlers.setAnnotator({ name: 'alice' });
    await session.handlers.createAnnotation({
      doc: FIRST_DOC,
      label: 'Claim',
      start: 0,
      end: 10,
      attributes: {},
    });
    const result = await session.handlers.exportDataset({ format: 'json' });
    const data = JSON.parse(result.content);
    expect(data.offset_unit).toBe('codepoint');
    const doc = data.documents.find((d: { id: string }) => d.id === FIRST_DOC);
    expect(doc.annotations).toHaveLength(1);
  });
});

describe('relabelling a linked span', () => {
  it('is refused when a link would no longer fit the codebook, and allowed once unlinked', async () => {
    const { session } = await newSession();
    await session.handlers.setAnnotator({ name: 'alice' });
    const doc = await session.handlers.getDocument({ id: FIRST_DOC });
    const at = (phrase: string) => {
      const start = doc.text.indexOf(phrase);
      return { start, end: start + phrase.length };
    };
    const actor = await session.handlers.createAnnotation({
      doc: FIRST_DOC,
      label: 'Actor',
      ...at('FBI director James Comey'),
      attributes: {},
    });
    const claim = await session.handlers.createAnnotation({
      doc: FIRST_DOC,
      label: 'Claim',
      ...at('will focus on finding ways to clamp down on the use of social media'),
      attributes: {},
    });
    const link = await session.handlers.createRelation({
      doc: FIRST_DOC,
      type: 'made by',
      from: claim.id,
      to: actor.id,
      attributes: {},
    });
    const refused = await dispatch(session.handlers, 'updateAnnotation', {
      doc: FIRST_DOC,
      id: claim.id,
      patch: { label: 'Policy topic' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!refused.ok && refused.error.message).toMatch(
      /linked by "made by".*Remove that link first/,
    );
    expect(
      (await session.handlers.getLayer({ doc: FIRST_DOC })).annotations.find(
        (a) => a.id === claim.id,
      )?.label,
    ).toBe('Claim');

    await session.handlers.deleteRelation({ doc: FIRST_DOC, id: link.id });
    const relabelled = await session.handlers.updateAnnotation({
      doc: FIRST_DOC,
      id: claim.id,
      patch: { label: 'Policy topic' },
    });
    expect(relabelled.label).toBe('Policy topic');
  });
});

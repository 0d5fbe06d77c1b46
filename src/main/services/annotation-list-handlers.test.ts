import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/api';
import { bundledCorpusDir } from '../project/bundled';
import { initProject } from '../project/project-folder';
import { openWorkbench, type WorkbenchSession } from './workbench';

const FIRST_DOC = '000_3c96c7399f2592f5';
const SECOND_DOC = '001_be2b556b53156c24';

let base: string;
let session: WorkbenchSession;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'awb-list-'));
  const dir = join(base, 'project');
  await initProject(dir, { corpusDir: bundledCorpusDir() });
  session = await openWorkbench({
    projectDir: dir,
    settingsDir: join(base, 'settings'),
    shell: 'browser',
  });
});

afterEach(async () => {
  await session.close();
  await rm(base, { recursive: true, force: true });
});

async function tag(doc: string, label: string, phrase: string, attributes = {}) {
  const { text } = await session.handlers.getDocument({ id: doc });
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`"${phrase}" is not in ${doc}`);
  return session.handlers.createAnnotation({
    doc,
    label,
    start,
    end: start + phrase.length,
    attributes,
  });
}

const list = async (query: object) => {
  const result = await dispatch(session.handlers, 'listAnnotations', query);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as {
    total: number;
    rows: { annotation: { quote: string; annotator: string }; docTitle: string }[];
    annotators: string[];
  };
};

describe('listAnnotations', () => {
  beforeEach(async () => {
    await session.handlers.setAnnotator({ name: 'bob' });
    await tag(SECOND_DOC, 'Actor', 'Obama');
    await session.handlers.setAnnotator({ name: 'alice' });
    await tag(SECOND_DOC, 'Actor', 'Obama');
    await tag(FIRST_DOC, 'Actor', 'Loretta Lynch', { kind: 'person' });
    await tag(FIRST_DOC, 'Actor', 'FBI director James Comey', { kind: 'person' });
    await tag(FIRST_DOC, 'Claim', 'urge high-tech and law enforcement leaders');
  });

  it("lists the annotator's own spans across documents in reading order, with titles", async () => {
    const page = await list({});
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.annotation.quote)).toEqual([
      'Loretta Lynch',
      'FBI director James Comey',
      'urge high-tech and law enforcement leaders',
      'Obama',
    ]);
    expect(page.rows[0]!.docTitle).toBe(
      'US officials to meet tech firms about countering Islamic State',
    );
    expect(page.annotators).toEqual(['alice', 'bob']);
  });

  it('filters by document, label, attribute and text, and pages', async () => {
    expect((await list({ doc: SECOND_DOC })).total).toBe(1);
    expect((await list({ label: 'Claim' })).rows.map((r) => r.annotation.quote)).toEqual([
      'urge high-tech and law enforcement leaders',
    ]);
    expect((await list({ attribute: { name: 'kind', value: 'person' } })).total).toBe(2);
    expect((await list({ text: 'JAMES' })).total).toBe(1);
    const page = await list({ offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.annotation.quote)).toEqual([
      'FBI director James Comey',
      'urge high-tech and law enforcement leaders',
    ]);
  });

  it("reads a colleague's layer, or everyone's", async () => {
    const bob = await list({ annotator: 'bob' });
    expect(bob.rows.map((r) => r.annotation.annotator)).toEqual(['bob']);
    const all = await list({ annotator: '*', text: 'obama' });
    expect(all.rows.map((r) => r.annotation.annotator)).toEqual(['alice', 'bob']);
  });

  it('refuses an unknown document and a malformed query, naming the problem', async () => {
    const missing = await dispatch(session.handlers, 'listAnnotations', { doc: 'nope' });
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.error.code).toBe('not_found');
    const bad = await dispatch(session.handlers, 'listAnnotations', { limit: 0 });
    expect(!bad.ok && bad.error.message).toMatch(/^listAnnotations: limit:/);
    const who = await dispatch(session.handlers, 'listAnnotations', { annotator: '../x' });
    expect(!who.ok && who.error.code).toBe('invalid_argument');
  });
});

describe('listAnnotations before a name is chosen', () => {
  it('asks for the annotator name', async () => {
    const result = await dispatch(session.handlers, 'listAnnotations', {});
    expect(!result.ok && result.error.message).toMatch(/annotator name/);
  });
});

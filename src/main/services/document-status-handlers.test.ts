import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/api';
import { Codebook } from '../../shared/model';
import { bundledCorpusDir } from '../project/bundled';
import { initProject } from '../project/project-folder';
import { openWorkbench, type WorkbenchSession } from './workbench';

const FIRST_DOC = '000_3c96c7399f2592f5';

let base: string;
let session: WorkbenchSession;

/** A project whose codebook requires a Claim's stance. */
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'awb-status-'));
  const dir = join(base, 'project');
  await initProject(dir, { corpusDir: bundledCorpusDir() });
  const codebook = Codebook.parse(JSON.parse(await readFile(join(dir, 'codebook.json'), 'utf8')));
  const strict = {
    ...codebook,
    labels: codebook.labels.map((l) => ({
      ...l,
      attributes: l.attributes.map((a) => ({ ...a, required: true })),
    })),
  };
  await writeFile(join(dir, 'codebook.json'), JSON.stringify(strict, null, 2));
  session = await openWorkbench({
    projectDir: dir,
    settingsDir: join(base, 'settings'),
    shell: 'browser',
  });
  await session.handlers.setAnnotator({ name: 'alice' });
});

afterEach(async () => {
  await session.close();
  await rm(base, { recursive: true, force: true });
});

async function tag(label: string, phrase: string) {
  const { text } = await session.handlers.getDocument({ id: FIRST_DOC });
  const start = text.indexOf(phrase);
  return session.handlers.createAnnotation({
    doc: FIRST_DOC,
    label,
    start,
    end: start + phrase.length,
    attributes: {},
  });
}

describe('setDocumentStatus', () => {
  it('sets todo and in progress freely, and done once every span is complete', async () => {
    const progress = await session.handlers.setDocumentStatus({
      doc: FIRST_DOC,
      status: 'in_progress',
    });
    expect(progress).toMatchObject({ id: FIRST_DOC, status: 'in_progress' });
    const claim = await tag('Claim', 'make it more difficult');
    await session.handlers.updateAnnotation({
      doc: FIRST_DOC,
      id: claim.id,
      patch: { attributes: { stance: 'oppose' } },
    });
    const done = await session.handlers.setDocumentStatus({ doc: FIRST_DOC, status: 'done' });
    expect(done).toMatchObject({ status: 'done', annotationCount: 1 });
    expect((await session.handlers.getLayer({ doc: FIRST_DOC })).status).toBe('done');
  });

  it('refuses done while spans miss required attributes, naming how many miss which', async () => {
    await tag('Claim', 'make it more difficult');
    await tag('Claim', 'urge high-tech');
    await tag('Actor', 'FBI director James Comey');
    await tag('Policy topic', 'encryption');
    const result = await dispatch(session.handlers, 'setDocumentStatus', {
      doc: FIRST_DOC,
      status: 'done',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!result.ok && result.error.message).toBe(
      '“US officials to meet tech firms about countering Islamic State” cannot be marked done: ' +
        '3 spans miss a required attribute: 2 Claim spans miss "stance"; 1 Actor span misses ' +
        '"kind". Fill them in (such spans are outlined in the text) and try again.',
    );
    // Nothing changed.
    expect((await session.handlers.getLayer({ doc: FIRST_DOC })).status).toBe('todo');
    // Other statuses are never refused.
    await session.handlers.setDocumentStatus({ doc: FIRST_DOC, status: 'in_progress' });
    expect((await session.handlers.getLayer({ doc: FIRST_DOC })).status).toBe('in_progress');
  });

  it('names an unknown document and an unknown status', async () => {
    const missing = await dispatch(session.handlers, 'setDocumentStatus', {
      doc: 'nope',
      status: 'done',
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const odd = await dispatch(session.handlers, 'setDocumentStatus', {
      doc: FIRST_DOC,
      status: 'finished',
    });
    expect(odd).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(!odd.ok && odd.error.message).toMatch(/^setDocumentStatus: status:/);
  });
});

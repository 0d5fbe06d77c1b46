import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, MEMO_MAX_LENGTH } from '../../shared/api';
import { bundledCorpusDir } from '../project/bundled';
import { initProject } from '../project/project-folder';
import { openWorkbench, type WorkbenchSession } from './workbench';

const FIRST_DOC = '000_3c96c7399f2592f5';

let base: string;
let session: WorkbenchSession;

const open = () =>
  openWorkbench({
    projectDir: join(base, 'project'),
    settingsDir: join(base, 'settings'),
    shell: 'browser',
  });

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'awb-memo-'));
  await initProject(join(base, 'project'), { corpusDir: bundledCorpusDir() });
  session = await open();
  await session.handlers.setAnnotator({ name: 'alice' });
});

afterEach(async () => {
  await session.close();
  await rm(base, { recursive: true, force: true });
});

describe('setDocumentMemo', () => {
  it("keeps the memo in the annotator's layer file and shows it in the document list", async () => {
    const memo = 'Check the second quote with Ana.\nLynch: “attorney general”?';
    const summary = await session.handlers.setDocumentMemo({ doc: FIRST_DOC, memo });
    expect(summary).toMatchObject({ id: FIRST_DOC, memo, status: 'todo' });
    const file = JSON.parse(
      await readFile(join(base, 'project', 'annotations', 'alice', `${FIRST_DOC}.json`), 'utf8'),
    );
    expect(file.memo).toBe(memo);

    await session.close();
    session = await open();
    const docs = await session.handlers.listDocuments({});
    expect(docs.find((d) => d.id === FIRST_DOC)?.memo).toBe(memo);
    expect((await session.handlers.getLayer({ doc: FIRST_DOC })).memo).toBe(memo);
  });

  it('an empty memo leaves no memo in the summary', async () => {
    await session.handlers.setDocumentMemo({ doc: FIRST_DOC, memo: 'x' });
    const summary = await session.handlers.setDocumentMemo({ doc: FIRST_DOC, memo: '' });
    expect(summary.memo).toBeUndefined();
  });

  it('refuses an overlong memo and an unknown document, changing nothing', async () => {
    await session.handlers.setDocumentMemo({ doc: FIRST_DOC, memo: 'kept' });
    const long = await dispatch(session.handlers, 'setDocumentMemo', {
      doc: FIRST_DOC,
      memo: 'x'.repeat(MEMO_MAX_LENGTH + 1),
    });
    expect(!long.ok && long.error.message).toMatch(/^setDocumentMemo: memo:/);
    const unknown = await dispatch(session.handlers, 'setDocumentMemo', { doc: 'nope', memo: '' });
    expect(!unknown.ok && unknown.error.code).toBe('not_found');
    expect((await session.handlers.getLayer({ doc: FIRST_DOC })).memo).toBe('kept');
  });
});

/**
 * Exports and annotation imports through the API, as the window uses them: the job and its
 * progress, cancelling, the browser's download and the desktop app's save, blind coding, and
 * what the dialogs are told.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch, type ExportJob, type WorkbenchHandlers } from '../../shared/api';
import { ProjectFolder } from '../project/project-folder';
import { AnnotationStore } from '../store/annotation-store';
import { EXPORT_MANIFEST } from './export-folder';
import type { ExportTargetChooser } from './export-handlers';
import { JobCancelled } from './export-jobs';
import { runExport } from './export-service';
import { makeTransferProject, type TransferFixture } from './transfer.fixture';
import { openWorkbench, type WorkbenchSession } from './workbench';

let fixture: TransferFixture;
beforeAll(async () => {
  fixture = await makeTransferProject();
}, 60_000);

let sessions = 0;
/** A session as `annotator` (alice or bob or someone new), review open or not. */
async function session(
  annotator: string,
  options: { review?: boolean; chooseExportTarget?: ExportTargetChooser } = {},
): Promise<WorkbenchSession> {
  const s = await openWorkbench({
    projectDir: fixture.projectDir,
    settingsDir: join(fixture.base, `settings-${++sessions}`),
    shell: options.chooseExportTarget ? 'electron' : 'browser',
    chooseExportTarget: options.chooseExportTarget,
  });
  await s.handlers.setAnnotator({ name: annotator });
  if (options.review) await s.handlers.setReviewOpen({ open: true });
  return s;
}

/** Polls like the dialog until the job is done; returns every state seen. */
async function finish(h: WorkbenchHandlers, started: ExportJob): Promise<ExportJob[]> {
  const seen = [started];
  for (let job = started; job.state === 'running';) {
    await new Promise((r) => setTimeout(r, 5));
    job = await h.exportProgress({ job: job.job });
    seen.push(job);
  }
  return seen;
}

describe('startExport → exportProgress → takeExport', () => {
  it('reads document by document, then writes, and hands over the file once', async () => {
    const s = await session('alice');
    const started = await s.handlers.startExport({
      format: 'jsonl',
      layers: { kind: 'annotator', annotator: 'alice' },
    });
    expect(started).toMatchObject({ state: 'running', phase: 'reading' });
    const seen = await finish(s.handlers, started);
    const done = seen.at(-1)!;
    expect(done).toMatchObject({
      state: 'done',
      phase: 'writing',
      summary: { format: 'jsonl', documents: 2, layers: 2, spans: 7, relations: 3, files: 1 },
    });
    const payload = await s.handlers.takeExport({ job: started.job });
    expect(payload).toMatchObject({
      kind: 'file',
      fileName: 'Transfer-test-alice.jsonl',
      mediaType: 'application/x-ndjson',
    });
    expect(done.summary!.bytes).toBe(
      Buffer.byteLength(payload.kind === 'file' ? payload.content : '', 'utf8'),
    );
    await expect(s.handlers.takeExport({ job: started.job })).rejects.toThrow(/No such export/);
    await s.close();
  });

  it('gives a folder format as files under a folder name', async () => {
    const s = await session('alice');
    const started = await s.handlers.startExport({
      format: 'brat',
      layers: { kind: 'annotator', annotator: 'alice' },
    });
    await finish(s.handlers, started);
    const payload = await s.handlers.takeExport({ job: started.job });
    expect(payload.kind).toBe('folder');
    if (payload.kind !== 'folder') return;
    expect(payload.folderName).toBe('Transfer-test-alice-brat');
    expect(payload.files.map((f) => f.path)).toContain('annotation.conf');
    await s.close();
  });

  it('reports the progress step by step, and stops at the next step when cancelled', async () => {
    const sources = {
      project: await ProjectFolder.open(fixture.projectDir),
      store: new AnnotationStore(fixture.projectDir),
    };
    const request = { format: 'jsonl', layers: { kind: 'all' } } as const;
    const reports: string[] = [];
    await runExport(sources, request, {
      report: (p) => reports.push(`${p.phase} ${p.done}/${p.total}`),
      cancelled: () => false,
    });
    expect(reports).toEqual([
      'reading 0/2',
      'reading 1/2',
      'reading 2/2',
      'writing 0/4',
      'writing 4/4',
    ]);
    let steps = 0;
    await expect(
      runExport(sources, request, { report: () => steps++, cancelled: () => steps > 1 }),
    ).rejects.toThrow(JobCancelled);
    expect(steps).toBe(2);
    await sources.store.close();
  });

  it('cancels a running export', async () => {
    const s = await session('alice');
    const job = await s.handlers.startExport({
      format: 'json',
      layers: { kind: 'annotator', annotator: 'alice' },
    });
    expect(await s.handlers.cancelExport({ job: job.job })).toEqual({ cancelled: true });
    await expect(s.handlers.exportProgress({ job: job.job })).rejects.toThrow(/No such export/);
    await s.close();
  });

  it('says when your own layer has nothing to export', async () => {
    const s = await session('newcomer');
    await expect(
      s.handlers.startExport({
        format: 'json',
        layers: { kind: 'annotator', annotator: 'newcomer' },
      }),
    ).rejects.toThrow(
      'You have no annotations in this project yet, so your layer has nothing to export.',
    );
    await s.close();
  });

  it('answers a failed export with its message', async () => {
    const s = await session('alice');
    const job = await s.handlers.startExport({
      format: 'json',
      layers: { kind: 'annotator', annotator: 'alice' },
      docs: ['no-such-doc'],
    });
    await new Promise((r) => setTimeout(r, 50));
    await expect(s.handlers.exportProgress({ job: job.job })).rejects.toThrow(
      /The project has no document "no-such-doc"/,
    );
    await s.close();
  });

  it('checks requests at the boundary (dispatch): formats, layers, labels', async () => {
    const s = await session('alice');
    const call = (args: unknown) => dispatch(s.handlers, 'startExport', args);
    expect(await call({ format: 'xml', layers: { kind: 'all' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
    expect(
      await call({ format: 'json', layers: { kind: 'annotator', annotator: '../x' } }),
    ).toMatchObject({ ok: false });
    expect(
      await call({ format: 'json', layers: { kind: 'annotator', annotator: 'alice' }, labels: [] }),
    ).toMatchObject({ ok: false });
    await s.close();
  });
});

describe('blind coding', () => {
  it("exports colleagues' layers and the gold layer only once review is open", async () => {
    const closed = await session('alice');
    for (const layers of [
      { kind: 'all' },
      { kind: 'curated' },
      { kind: 'annotator', annotator: 'bob' },
    ] as const) {
      await expect(closed.handlers.startExport({ format: 'json', layers })).rejects.toThrow(
        /Review is closed \(blind coding\)/,
      );
    }
    await closed.close();
    const open = await session('alice', { review: true });
    const job = await open.handlers.startExport({ format: 'json', layers: { kind: 'all' } });
    expect((await finish(open.handlers, job)).at(-1)!.summary!.layers).toBe(4);
    await open.close();
  });

  it("imports into the person's own layer with review closed, not into a colleague's", async () => {
    const s = await session('carol');
    const alice = await session('alice');
    const job = await alice.handlers.startExport({
      format: 'jsonl',
      layers: { kind: 'annotator', annotator: 'alice' },
    });
    await finish(alice.handlers, job);
    const payload = await alice.handlers.takeExport({ job: job.job });
    await alice.close();
    const file = { name: 'alice.jsonl', content: payload.kind === 'file' ? payload.content : '' };

    const theirs = await s.handlers.importAnnotations({ files: [file] });
    expect(theirs.files[0]).toMatchObject({
      ok: false,
      problems: [
        expect.stringMatching(
          /the file's spans are alice's; their layer is written only once review is open/,
        ),
      ],
    });
    await expect(
      s.handlers.importAnnotations({ files: [file], annotator: 'alice' }),
    ).rejects.toThrow(/Review is closed/);

    const mine = await s.handlers.importAnnotations({ files: [file], annotator: 'carol' });
    expect(mine.files[0]).toMatchObject({
      ok: true,
      format: 'jsonl',
      annotators: [{ annotator: 'carol', added: 7, unchanged: 0, relationsAdded: 3, documents: 2 }],
    });
    const json = await s.handlers.importAnnotations({
      files: [
        {
          name: 'team.json',
          content: '{"format": {"name": "annotation-workbench", "version": 1}}',
        },
      ],
    });
    expect(json.files[0]).toMatchObject({
      ok: false,
      format: 'json',
      problems: [expect.stringMatching(/only once review is open/)],
    });
    await s.close();
  });
});

describe('saveExport (the desktop app)', () => {
  it('writes the folder the person chose, then forgets the job', async () => {
    const target = join(fixture.base, 'saved-csv');
    const chooser = vi.fn<ExportTargetChooser>(async () => target);
    const s = await session('alice', { chooseExportTarget: chooser });
    const job = await s.handlers.startExport({
      format: 'csv',
      layers: { kind: 'annotator', annotator: 'alice' },
    });
    await finish(s.handlers, job);
    expect(await s.handlers.saveExport({ job: job.job })).toEqual({ saved: true, path: target });
    expect(chooser).toHaveBeenCalledWith({
      name: 'Transfer-test-alice-csv',
      format: expect.objectContaining({ id: 'csv', output: 'folder' }),
    });
    expect((await readdir(target)).sort()).toEqual([
      EXPORT_MANIFEST,
      'datapackage.json',
      'documents.csv',
      'relations.csv',
      'spans.csv',
      'statements.csv',
    ]);
    await expect(s.handlers.takeExport({ job: job.job })).rejects.toThrow(/No such export/);
    await s.close();
  });

  it('keeps the export when the save dialog is cancelled, and refuses a folder of other files', async () => {
    const foreign = join(fixture.base, 'foreign-save');
    await mkdir(foreign, { recursive: true });
    await writeFile(join(foreign, 'notes.txt'), 'mine');
    const chooser = vi
      .fn<ExportTargetChooser>()
      .mockResolvedValueOnce(null)
      .mockResolvedValueOnce(foreign);
    const s = await session('alice', { chooseExportTarget: chooser });
    const job = await s.handlers.startExport({
      format: 'brat',
      layers: { kind: 'annotator', annotator: 'alice' },
    });
    await finish(s.handlers, job);
    expect(await s.handlers.saveExport({ job: job.job })).toEqual({ saved: false });
    await expect(s.handlers.saveExport({ job: job.job })).rejects.toThrow(
      /is not empty and holds no earlier export/,
    );
    expect(await readdir(foreign)).toEqual(['notes.txt']);
    await s.close();
  });

  it('says to download in browser mode', async () => {
    const s = await session('alice');
    const job = await s.handlers.startExport({
      format: 'json',
      layers: { kind: 'annotator', annotator: 'alice' },
    });
    await finish(s.handlers, job);
    await expect(s.handlers.saveExport({ job: job.job })).rejects.toThrow(
      /needs the desktop app; in the browser the export downloads/,
    );
    await s.close();
  });
});

describe('exportDataset (one file in one call)', () => {
  it('still gives the JSON export, and sends folder formats to Export…', async () => {
    const s = await session('alice');
    const json = JSON.parse((await s.handlers.exportDataset({ format: 'json' })).content);
    expect(json.annotators).toEqual(expect.arrayContaining(['alice', 'bob']));
    await expect(s.handlers.exportDataset({ format: 'csv' })).rejects.toThrow(
      /CSV tables is a folder of files/,
    );
    await s.close();
  });
});

describe('what an export says about itself', () => {
  it('names spans a format could not hold exactly, and a registry it could not read', async () => {
    const registry = join(fixture.projectDir, 'annotations/bob/entities.json');
    const s = await session('bob', { review: true });
    await writeFile(registry, '{ damaged');
    const job = await s.handlers.startExport({
      format: 'conll',
      layers: { kind: 'all' },
      labels: ['Claim', 'Policy topic'],
    });
    const summary = (await finish(s.handlers, job)).at(-1)!.summary!;
    expect(summary.notes).toEqual([
      expect.stringMatching(
        /annotations\/bob\/entities\.json is not valid JSON: its entity names and Wikidata ids are not in the export/,
      ),
      expect.stringMatching(
        /\d item\(s\) could not be written exactly in IOB2; loss-report\.tsv lists each and why/,
      ),
    ]);
    const payload = await s.handlers.takeExport({ job: job.job });
    expect(
      payload.kind === 'folder' && payload.files.find((f) => f.path === 'loss-report.tsv')!.content,
    ).toMatch(/alice\tcomey-encryption\t[\w-]+\tPolicy topic\t\d+\t\d+\tencryption\toverlaps span/);
    await s.close();
    await rm(registry);
  });
});

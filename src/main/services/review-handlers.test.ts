import { cp, mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  dispatch,
  type CuratedLayer,
  type CuratedSnapshot,
  type WorkbenchHandlers,
} from '../../shared/api';
import { computeAgreement } from '../../shared/agreement/report';
import { acceptAgreedSteps } from '../../shared/review/adjudication';
import { bundledCorpusDir } from '../project/bundled';
import { initProject } from '../project/project-folder';
import { AnnotationStore } from '../store/annotation-store';
import { openWorkbench, type WorkbenchSession } from './workbench';

const DOC = '000_3c96c7399f2592f5';
const OTHER_DOC = '001_be2b556b53156c24';

let base: string;
let counter = 0;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'awb-review-'));
});

/** A session on a project (made from the bundled corpus if it does not exist) as `annotator`. */
async function session(project: string, annotator: string): Promise<WorkbenchSession> {
  try {
    await initProject(project, { corpusDir: bundledCorpusDir() });
  } catch {
    // Already made: this is a second person, or a second session, on the same project.
  }
  const s = await openWorkbench({
    projectDir: project,
    settingsDir: join(base, `settings-${annotator}-${++counter}`),
    shell: 'browser',
  });
  await s.handlers.setAnnotator({ name: annotator });
  return s;
}

/** Tags the first occurrence of `quote` in a document. */
async function tag(
  handlers: WorkbenchHandlers,
  doc: string,
  quote: string,
  label: string,
  attributes: Record<string, string> = {},
) {
  const { text } = await handlers.getDocument({ id: doc });
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in ${doc}`);
  return handlers.createAnnotation({ doc, label, start, end: start + quote.length, attributes });
}

/** A coder tags in their own project and exports it, as a colleague sending their file does. */
async function coderExport(
  name: string,
  work: (h: WorkbenchHandlers) => Promise<unknown>,
): Promise<{ content: string; project: string; coder: WorkbenchSession }> {
  const project = join(base, `project-${name}-${++counter}`);
  const coder = await session(project, name);
  await work(coder.handlers);
  const { content } = await coder.handlers.exportDataset({ format: 'json' });
  return { content, project, coder };
}

async function openLead(name = 'lead'): Promise<WorkbenchSession> {
  const lead = await session(join(base, 'lead-project'), name);
  await lead.handlers.setReviewOpen({ open: true });
  return lead;
}

/** What undo sends back: the layer's content, without its document and revision. */
function snapshot({ status, annotations, decisions }: CuratedLayer): CuratedSnapshot {
  return { status, annotations, decisions };
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true })).sort();
  } catch {
    return [];
  }
}

describe('blind mode', () => {
  it("hides colleagues' layers, not even counted, until this person opens review", async () => {
    const project = join(base, 'shared');
    const bob = await session(project, 'bob');
    await tag(bob.handlers, DOC, 'FBI director James Comey', 'Actor');
    await bob.close();

    const alice = await session(project, 'alice');
    expect(await alice.handlers.getReviewState({})).toEqual({ open: false, annotators: [] });
    const docs = await alice.handlers.listDocuments({});
    expect(docs.find((d) => d.id === DOC)?.annotationCount).toBe(0);
    for (const [method, args] of [
      ['getReview', { doc: DOC, annotators: ['alice', 'bob'] }],
      ['listReviewDocuments', { annotators: ['alice', 'bob'] }],
      ['computeAgreement', { annotators: ['alice', 'bob'] }],
      ['importLayers', { content: '{}', fileName: 'x.json' }],
      [
        'adjudicate',
        { doc: DOC, annotators: ['alice', 'bob'], steps: [{ action: 'reject', case: 'x' }] },
      ],
    ] as const) {
      const result = await dispatch(alice.handlers, method, args);
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(!result.ok && result.error.message).toMatch(/Review is closed \(blind coding\)/);
    }

    expect(await alice.handlers.setReviewOpen({ open: true })).toEqual({
      open: true,
      annotators: ['bob'],
    });
    // A per-person choice: another person on the same project is still blind.
    const carol = await session(project, 'carol');
    expect(await carol.handlers.getReviewState({})).toEqual({ open: false, annotators: [] });
    // And closing it again hides them again.
    expect(await alice.handlers.setReviewOpen({ open: false })).toEqual({
      open: false,
      annotators: [],
    });
  });
});

describe('importLayers', () => {
  it("writes only the colleague's folder, never the importer's own layer, and says so", async () => {
    const lead = await openLead('alice');
    await tag(lead.handlers, DOC, 'James Comey', 'Actor');
    const ownFile = join(lead.projectDir, 'annotations', 'alice', `${DOC}.json`);
    const ownBefore = await readFile(ownFile, 'utf8');

    // A team export holding an older "alice" layer (and bob's): alice's must be skipped.
    const { content } = await coderExport('bob', async (h) => {
      await tag(h, DOC, 'FBI director James Comey', 'Actor');
      await h.setAnnotator({ name: 'alice' });
      await tag(h, DOC, 'White House', 'Actor');
    });
    const summary = await lead.handlers.importLayers({ content, fileName: 'team.json' });
    expect(summary.annotators).toEqual([
      { annotator: 'bob', documents: 1, added: 1, changed: 0, removed: 0 },
    ]);
    expect(summary.notes.join(' ')).toMatch(/Skipped the layer of "alice" in team\.json/);
    expect(await readFile(ownFile, 'utf8')).toBe(ownBefore);

    const explicit = await dispatch(lead.handlers, 'importLayers', {
      content,
      fileName: 'team.json',
      annotators: ['alice'],
    });
    expect(!explicit.ok && explicit.error.message).toMatch(/your own annotator name/);
    expect(await readFile(ownFile, 'utf8')).toBe(ownBefore);
  });

  it('updates the colleague on re-import: added, changed, removed by stable id', async () => {
    const lead = await openLead();
    const first = await coderExport('bob', async (h) => {
      await tag(h, DOC, 'FBI director James Comey', 'Actor');
      await tag(h, DOC, 'Loretta Lynch', 'Actor');
      await tag(h, OTHER_DOC, 'Barack Obama', 'Actor');
    });
    expect(
      (await lead.handlers.importLayers({ content: first.content, fileName: 'bob.json' }))
        .annotators,
    ).toEqual([{ annotator: 'bob', documents: 2, added: 3, changed: 0, removed: 0 }]);

    // Bob keeps working in his own project, then sends a new export.
    const bob = first.coder.handlers;
    const layer = await bob.getLayer({ doc: DOC });
    const comey = layer.annotations.find((a) => a.quote === 'FBI director James Comey')!;
    const lynch = layer.annotations.find((a) => a.quote === 'Loretta Lynch')!;
    await bob.updateAnnotation({ doc: DOC, id: comey.id, patch: { label: 'Claim' } });
    await bob.deleteAnnotation({ doc: DOC, id: lynch.id });
    await tag(bob, DOC, 'Mike Rogers', 'Actor');
    const second = (await bob.exportDataset({ format: 'json' })).content;

    const summary = await lead.handlers.importLayers({ content: second, fileName: 'bob.json' });
    expect(summary.annotators).toEqual([
      { annotator: 'bob', documents: 1, added: 1, changed: 1, removed: 1 },
    ]);
    const stored = JSON.parse(
      await readFile(join(lead.projectDir, 'annotations', 'bob', `${DOC}.json`), 'utf8'),
    ) as { annotations: Array<{ id: string; quote: string; label: string }> };
    expect(stored.annotations.map((a) => [a.id === comey.id, a.quote, a.label]).sort()).toEqual([
      [false, 'Mike Rogers', 'Actor'],
      [true, 'FBI director James Comey', 'Claim'],
    ]);
    // The same file again changes nothing.
    expect(
      (await lead.handlers.importLayers({ content: second, fileName: 'bob.json' })).annotators,
    ).toEqual([{ annotator: 'bob', documents: 0, added: 0, changed: 0, removed: 0 }]);
  });

  it('rejects a file whose document text differs, changing nothing', async () => {
    const lead = await openLead();
    const { content } = await coderExport('bob', (h) => tag(h, DOC, 'James Comey', 'Actor'));
    const edited = JSON.parse(content);
    const doc = edited.documents.find((d: { id: string }) => d.id === DOC);
    doc.text = doc.text.replace('San Jose', 'San José');
    const before = await filesUnder(join(lead.projectDir, 'annotations'));
    const result = await dispatch(lead.handlers, 'importLayers', {
      content: JSON.stringify(edited),
      fileName: 'bob.json',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(!result.ok && result.error.message).toMatch(
      /bob\.json was not imported, nothing changed: documents\[0\]: document "000_3c96c7399f2592f5" cannot be matched: its text differs/,
    );
    expect(await filesUnder(join(lead.projectDir, 'annotations'))).toEqual(before);
  });

  it('is all or nothing: a write that fails puts back the layers already written', async () => {
    const lead = await openLead();
    const first = await coderExport('bob', async (h) => {
      await tag(h, DOC, 'James Comey', 'Actor');
      await tag(h, OTHER_DOC, 'Barack Obama', 'Actor');
    });
    await lead.handlers.importLayers({ content: first.content, fileName: 'bob.json' });
    const bobDir = join(lead.projectDir, 'annotations', 'bob');
    const before = await Promise.all(
      [DOC, OTHER_DOC].map((d) => readFile(join(bobDir, `${d}.json`), 'utf8')),
    );

    await tag(first.coder.handlers, DOC, 'Loretta Lynch', 'Actor');
    await tag(first.coder.handlers, OTHER_DOC, 'San Jose', 'Actor');
    const second = (await first.coder.handlers.exportDataset({ format: 'json' })).content;

    // The second layer file cannot be written (a full disk, say).
    const original = AnnotationStore.prototype.updateLayer;
    let calls = 0;
    const spy = vi.spyOn(AnnotationStore.prototype, 'updateLayer').mockImplementation(function (
      this: AnnotationStore,
      ...args
    ) {
      if (++calls === 2) return Promise.reject(new Error('ENOSPC: no space left on device'));
      return original.apply(this, args as Parameters<typeof original>) as never;
    });
    try {
      const result = await dispatch(lead.handlers, 'importLayers', {
        content: second,
        fileName: 'bob.json',
      });
      expect(!result.ok && result.error.message).toMatch(
        /bob\.json was not imported: ENOSPC: no space left on device The 1 layer file\(s\) already written were put back as they were\./,
      );
    } finally {
      spy.mockRestore();
    }
    const after = await Promise.all(
      [DOC, OTHER_DOC].map((d) => readFile(join(bobDir, `${d}.json`), 'utf8')),
    );
    expect(after.map((f) => JSON.parse(f).annotations)).toEqual(
      before.map((f) => JSON.parse(f).annotations),
    );
  });
});

describe('shared project folder', () => {
  it("sees a colleague's folder that arrives, and their newer files, when review opens", async () => {
    const lead = await openLead();
    await tag(lead.handlers, DOC, 'James Comey', 'Actor');
    expect((await lead.handlers.getReviewState({})).annotators).toEqual(['lead']);

    const bob = await coderExport('bob', (h) => tag(h, DOC, 'James Comey', 'Actor'));
    await bob.coder.close();
    const arrive = () =>
      cp(join(bob.project, 'annotations', 'bob'), join(lead.projectDir, 'annotations', 'bob'), {
        recursive: true,
      });
    await arrive();
    expect((await lead.handlers.getReviewState({})).annotators).toEqual(['bob', 'lead']);
    const first = await lead.handlers.getReview({ doc: DOC, annotators: ['lead', 'bob'] });
    expect(first.cases.map((c) => c.kind)).toEqual(['agree']);

    // Bob's laptop syncs again: he has added a span.
    const more = await session(bob.project, 'bob');
    await tag(more.handlers, DOC, 'Loretta Lynch', 'Actor');
    await more.close();
    await arrive();
    const again = await lead.handlers.getReview({ doc: DOC, annotators: ['lead', 'bob'] });
    expect(again.cases.map((c) => c.kind)).toEqual(['only_one', 'agree']);
  });
});

describe('adjudication through the API', () => {
  async function twoCoders() {
    const lead = await openLead();
    for (const [name, work] of [
      [
        'alice',
        async (h: WorkbenchHandlers) => {
          await tag(h, DOC, 'FBI director James Comey', 'Actor', { kind: 'person' });
          await tag(h, DOC, 'Loretta Lynch', 'Actor', { kind: 'person' });
          await tag(h, DOC, 'Facebook', 'Actor', { kind: 'company' });
        },
      ],
      [
        'bob',
        async (h: WorkbenchHandlers) => {
          await tag(h, DOC, 'James Comey', 'Actor', { kind: 'person' });
          await tag(h, DOC, 'Loretta Lynch', 'Actor', { kind: 'person' });
          await tag(h, DOC, 'Facebook', 'Actor', { kind: 'company' });
          await tag(h, DOC, 'Google', 'Actor', { kind: 'company' });
        },
      ],
    ] as const) {
      const { content } = await coderExport(name, work);
      await lead.handlers.importLayers({ content, fileName: `${name}.json` });
    }
    return lead;
  }

  it('accepts the agreed cases in one step, settles a disagreement, undoes and redoes, exports the gold layer with sources', async () => {
    const lead = await twoCoders();
    const h = lead.handlers;
    const annotators = ['alice', 'bob'];
    const review = await h.getReview({ doc: DOC, annotators });
    // In text order: Loretta Lynch, (FBI director) James Comey, Facebook, Google.
    expect(review.cases.map((c) => c.kind)).toEqual([
      'agree',
      'boundary_differs',
      'agree',
      'only_one',
    ]);
    expect(review.curated).toMatchObject({ status: 'not_started', revision: 0 });
    const listed = await h.listReviewDocuments({ annotators });
    expect(listed.find((d) => d.doc === DOC)).toMatchObject({
      status: 'not_started',
      cases: 4,
      disagreements: 2,
      unsettled: 4,
      disagreementsByLabel: { Actor: 2 },
    });

    const agreed = await h.adjudicate({
      doc: DOC,
      annotators,
      steps: acceptAgreedSteps(review.curated, review.cases),
    });
    expect(agreed.before.revision).toBe(0);
    expect(agreed.after.annotations.map((a) => [a.quote, a.sources])).toEqual([
      ['Loretta Lynch', ['alice', 'bob']],
      ['Facebook', ['alice', 'bob']],
    ]);
    const comey = review.cases[1]!;
    const settled = await h.adjudicate({
      doc: DOC,
      annotators,
      steps: [{ action: 'accept', case: comey.key, from: 'bob' }],
    });
    expect(settled.after).toMatchObject({ status: 'in_review', revision: 2 });

    // Undo the last step, then redo it; a stale revision is refused.
    const undone = await h.restoreCurated({
      doc: DOC,
      revision: 2,
      layer: snapshot(settled.before),
    });
    expect(undone.annotations).toHaveLength(2);
    const stale = await dispatch(h, 'restoreCurated', {
      doc: DOC,
      revision: 2,
      layer: snapshot(settled.after),
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const redone = await h.restoreCurated({
      doc: DOC,
      revision: 3,
      layer: snapshot(settled.after),
    });
    expect(redone.annotations).toHaveLength(3);

    const early = await dispatch(h, 'setReviewStatus', {
      doc: DOC,
      annotators,
      status: 'adjudicated',
    });
    expect(!early.ok && early.error.message).toMatch(/1 case\(s\) are not settled yet/);
    await h.adjudicate({
      doc: DOC,
      annotators,
      steps: [{ action: 'reject', case: review.cases[3]!.key }],
    });
    const done = await h.setReviewStatus({ doc: DOC, annotators, status: 'adjudicated' });
    expect(done.after.status).toBe('adjudicated');

    // The gold layer survives the session and is what the curated export holds.
    await lead.close();
    const reopened = await session(lead.projectDir, 'lead');
    const exported = JSON.parse(
      (await reopened.handlers.exportDataset({ format: 'json', curated: true })).content,
    );
    expect(exported.curated).toBe(true);
    expect(exported.annotators).toEqual(['curated']);
    const doc = exported.documents.find((d: { id: string }) => d.id === DOC);
    expect(doc.status).toEqual({ curated: 'done' });
    expect(
      doc.annotations.map((a: { text: string; sources: string[] }) => [a.text, a.sources]),
    ).toEqual([
      ['Loretta Lynch', ['alice', 'bob']],
      ['James Comey', ['bob']],
      ['Facebook', ['alice', 'bob']],
    ]);
    // The annotators' export is unchanged by review: no gold spans, no sources.
    const plain = JSON.parse((await reopened.handlers.exportDataset({ format: 'json' })).content);
    expect(plain.curated).toBe(false);
    expect(plain.annotators).toEqual(['alice', 'bob']);
  });

  it('refuses an edit with a label the codebook lacks, or offsets that cut the text wrong', async () => {
    const lead = await twoCoders();
    const review = await lead.handlers.getReview({ doc: DOC, annotators: ['alice', 'bob'] });
    const key = review.cases[1]!.key;
    const edit = (span: object) =>
      dispatch(lead.handlers, 'adjudicate', {
        doc: DOC,
        annotators: ['alice', 'bob'],
        steps: [{ action: 'edit', case: key, from: 'alice', span }],
      });
    const label = await edit({ label: 'Person', start: 0, end: 5, attributes: {} });
    expect(!label.ok && label.error.message).toMatch(/no label "Person" in the codebook/);
    const range = await edit({ label: 'Actor', start: 5, end: 999999, attributes: {} });
    expect(!range.ok && range.error.message).toMatch(/lies outside the text/);
    const unknown = await dispatch(lead.handlers, 'getReview', {
      doc: DOC,
      annotators: ['alice', 'dave'],
    });
    expect(!unknown.ok && unknown.error.message).toMatch(/No layer of "dave" in this project/);
  });

  it("computes the agreement report on the project's layers", async () => {
    const lead = await twoCoders();
    const report = await lead.handlers.computeAgreement({ annotators: ['alice', 'bob'] });
    const docs = await lead.handlers.getDocument({ id: DOC });
    const layers = Object.fromEntries(
      await Promise.all(
        ['alice', 'bob'].map(async (name) => {
          const review = await lead.handlers.getReview({ doc: DOC, annotators: ['alice', 'bob'] });
          return [
            name,
            review.cases.flatMap((c) =>
              c.versions.filter((v) => v.annotator === name).map((v) => v.span),
            ),
          ];
        }),
      ),
    );
    const others = (await lead.handlers.listDocuments({})).filter((d) => d.id !== DOC);
    const documents = [
      docs,
      ...(await Promise.all(others.map((d) => lead.handlers.getDocument({ id: d.id })))),
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    const expected = computeAgreement({ documents, layers, annotators: ['alice', 'bob'] });
    expect(report).toEqual(expected);
    expect(report.pairs[0]!.f1_exact).toBeCloseTo((2 * 2) / 7, 12);
    const oneDoc = await lead.handlers.computeAgreement({
      annotators: ['alice', 'bob'],
      docs: [OTHER_DOC],
    });
    expect(oneDoc.counts).toMatchObject({ documents: 1, spans: { alice: 0, bob: 0 } });
  });
});

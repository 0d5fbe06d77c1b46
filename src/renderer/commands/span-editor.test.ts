import { describe, expect, it } from 'vitest';
import type { ApiResult, WorkbenchClient } from '../../shared/api';
import type { Annotation, Relation } from '../../shared/model';
import { History } from './history';
import { SpanEditor, type HighlightSink } from './span-editor';

const TEXT = 'FBI director James Comey said so.';

/** An in-memory server with the same contract as the real one, failing on demand. */
function fakeServer() {
  const stored = new Map<string, Annotation>();
  const links = new Map<string, Relation>();
  let failNext: string | null = null;
  const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
  const fail = (message: string): ApiResult<never> => ({
    ok: false,
    error: { code: 'io', message },
  });
  const client: Pick<
    WorkbenchClient,
    | 'createAnnotation'
    | 'updateAnnotation'
    | 'deleteAnnotation'
    | 'restoreAnnotation'
    | 'createRelation'
    | 'deleteRelation'
  > = {
    createAnnotation: async (draft) => {
      await new Promise((resolve) => setTimeout(resolve, 1)); // a write takes time
      if (failNext) return fail(failNext);
      const time = '2026-01-01T00:00:00.000Z';
      const a: Annotation = {
        id: draft.id!,
        doc: draft.doc,
        label: draft.label,
        start: draft.start,
        end: draft.end,
        quote: TEXT.slice(draft.start, draft.end),
        prefix: '',
        suffix: '',
        attributes: {},
        annotator: 'alice',
        created: time,
        modified: time,
        origin: { kind: 'manual' },
      };
      stored.set(a.id, a);
      return ok(a);
    },
    updateAnnotation: async ({ id, patch }) => {
      const a = { ...stored.get(id)!, ...patch } as Annotation;
      stored.set(id, a);
      return ok(a);
    },
    deleteAnnotation: async ({ id }) => {
      const a = stored.get(id)!;
      stored.delete(id);
      const touching = [...links.values()].filter((r) => r.from === id || r.to === id);
      for (const r of touching) links.delete(r.id);
      return ok({ annotation: a, relations: touching });
    },
    restoreAnnotation: async ({ annotation, relations }) => {
      stored.set(annotation.id, annotation as Annotation);
      for (const r of relations) links.set(r.id, r as Relation);
      return ok(annotation as Annotation);
    },
    createRelation: async ({ doc, type, from, to, attributes, id }) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (failNext) return fail(failNext);
      if (!stored.has(from) || !stored.has(to)) return fail(`no span ${from} or ${to}`);
      const time = '2026-01-01T00:00:00.000Z';
      const r: Relation = {
        id: id!,
        doc,
        type,
        from,
        to,
        attributes: attributes ?? {},
        annotator: 'alice',
        created: time,
        modified: time,
      };
      links.set(r.id, r);
      return ok(r);
    },
    deleteRelation: async ({ id }) => {
      const r = links.get(id);
      if (!r) return fail(`no relation ${id}`);
      links.delete(id);
      return ok(r);
    },
  };
  return {
    client,
    stored,
    links,
    failWith: (m: string | null) => {
      failNext = m;
    },
  };
}

function recordingSink() {
  const shown = new Map<string, string>();
  const sink: HighlightSink = {
    addAnnotations: (list) => list.forEach((a) => shown.set(a.id, a.label)),
    removeAnnotations: (ids) => ids.forEach((id) => shown.delete(id)),
    updateAnnotation: (a) => shown.set(a.id, a.label),
  };
  return { sink, shown };
}

function setup() {
  const server = fakeServer();
  const history = new History();
  let n = 0;
  const editor = new SpanEditor({
    client: server.client,
    history,
    docId: 'doc1',
    text: TEXT,
    annotator: 'alice',
    annotations: [],
    newId: () => `a${++n}`,
  });
  const { sink, shown } = recordingSink();
  editor.attach(sink);
  return { server, history, editor, shown };
}

describe('SpanEditor', () => {
  it('shows the highlight before the write is acknowledged', async () => {
    const { editor, shown, server } = setup();
    const pending = editor.tag('Actor', 0, 24);
    expect(shown.get('a1')).toBe('Actor');
    expect(server.stored.size).toBe(0);
    const saved = await pending;
    expect(saved.quote).toBe('FBI director James Comey');
    expect(server.stored.has('a1')).toBe(true);
  });

  it('takes the highlight back when the write fails, and records nothing to undo', async () => {
    const { editor, shown, server, history } = setup();
    server.failWith('disk full');
    await expect(editor.tag('Actor', 0, 3)).rejects.toThrow('disk full');
    expect(shown.size).toBe(0);
    expect(editor.size).toBe(0);
    expect(history.canUndo).toBe(false);
  });

  it('undoes a tag by deleting it and redoes it with the same id', async () => {
    const { editor, shown, server, history } = setup();
    await editor.tag('Actor', 0, 3);
    await history.undo();
    expect(shown.size).toBe(0);
    expect(server.stored.size).toBe(0);
    await history.redo();
    expect(shown.get('a1')).toBe('Actor');
    expect(server.stored.get('a1')?.quote).toBe('FBI');
  });

  it('undoes a relabel and a delete', async () => {
    const { editor, shown, server, history } = setup();
    await editor.tag('Actor', 0, 3);
    await editor.relabel('a1', 'Claim');
    expect(shown.get('a1')).toBe('Claim');
    await editor.remove('a1');
    expect(server.stored.size).toBe(0);
    await history.undo();
    expect(server.stored.get('a1')?.label).toBe('Claim');
    await history.undo();
    expect(server.stored.get('a1')?.label).toBe('Actor');
    expect(shown.get('a1')).toBe('Actor');
  });

  it('sets an attribute without touching the others, undoably', async () => {
    const { editor, server, history } = setup();
    await editor.tag('Claim', 0, 3);
    await editor.setAttribute('a1', 'stance', 'oppose');
    expect(server.stored.get('a1')?.attributes).toEqual({ stance: 'oppose' });
    await history.undo();
    expect(server.stored.get('a1')?.attributes).toEqual({});
  });

  it('moves a boundary undoably and redoably', async () => {
    const { editor, server, history } = setup();
    await editor.tag('Actor', 13, 18); // "James"
    await editor.resize('a1', 13, 24); // "James Comey"
    expect(server.stored.get('a1')).toMatchObject({ start: 13, end: 24 });
    expect(editor.get('a1')).toMatchObject({ start: 13, end: 24 });
    await history.undo();
    expect(editor.get('a1')).toMatchObject({ start: 13, end: 18 });
    await history.redo();
    expect(server.stored.get('a1')).toMatchObject({ start: 13, end: 24 });
  });
});

describe('SpanEditor: relations', () => {
  /** "FBI director James Comey said so.": actor a1 [0,24), claim a2 [25,32). */
  async function statement() {
    const setupResult = setup();
    const { editor } = setupResult;
    await editor.tag('Actor', 0, 24);
    await editor.tag('Claim', 25, 32);
    return setupResult;
  }

  it('shows a link at once, writes it, and undoes and redoes it with the same id', async () => {
    const { editor, server, history } = await statement();
    const pending = editor.link('made by', 'a2', 'a1');
    expect(editor.relationsOf('a1').map((r) => [r.id, r.type])).toEqual([['a3', 'made by']]);
    expect(server.links.size).toBe(0);
    await pending;
    expect(server.links.get('a3')).toMatchObject({ from: 'a2', to: 'a1' });
    await history.undo();
    expect(editor.relations()).toEqual([]);
    expect(server.links.size).toBe(0);
    await history.redo();
    expect(editor.relations().map((r) => r.id)).toEqual(['a3']);
    expect(server.links.get('a3')).toMatchObject({ type: 'made by', from: 'a2', to: 'a1' });
  });

  it('takes a refused link back and records nothing to undo', async () => {
    const { editor, server, history } = await statement();
    await history.undo(); // the claim's tag
    await expect(editor.link('made by', 'a2', 'a1')).rejects.toThrow('no span a2 or a1');
    expect(editor.relations()).toEqual([]);
    expect(server.links.size).toBe(0);
    expect((await history.undo())?.description).toBe('tag Actor');
  });

  it('waits for the write of a span that is still being tagged before linking to it', async () => {
    const { editor, server } = setup();
    await editor.tag('Actor', 0, 24);
    const claim = editor.tag('Claim', 25, 32);
    const link = editor.link('made by', 'a2', 'a1');
    await Promise.all([claim, link]);
    expect(server.links.get('a3')).toMatchObject({ from: 'a2', to: 'a1' });
  });

  it('unlinks undoably', async () => {
    const { editor, server, history } = await statement();
    await editor.link('made by', 'a2', 'a1');
    const removed = await editor.unlink('a3');
    expect(removed.type).toBe('made by');
    expect(server.links.size).toBe(0);
    expect(editor.relations()).toEqual([]);
    await history.undo();
    expect(editor.relations().map((r) => [r.id, r.from, r.to])).toEqual([['a3', 'a2', 'a1']]);
    expect(server.links.has('a3')).toBe(true);
  });

  it('deleting a span takes its relations along; undo restores span and relations', async () => {
    const { editor, server, history, shown } = await statement();
    await editor.link('made by', 'a2', 'a1');
    const removed = await editor.remove('a2');
    expect(removed.relations.map((r) => r.id)).toEqual(['a3']);
    expect(editor.relations()).toEqual([]);
    expect(server.links.size).toBe(0);
    const undone = await history.undo();
    expect(undone?.description).toBe('delete Claim and its 1 relation');
    expect(shown.get('a2')).toBe('Claim');
    expect(editor.relationsOf('a2').map((r) => r.id)).toEqual(['a3']);
    expect(server.links.has('a3')).toBe(true);
    // Undoing the tag of the claim (a delete) takes the relation again; redo restores it.
    await history.undo(); // the link
    await history.undo(); // the claim's tag
    expect(server.stored.has('a2')).toBe(false);
    await history.redo();
    await history.redo();
    expect(editor.relationsOf('a2').map((r) => r.id)).toEqual(['a3']);
  });
});

describe('SpanEditor: actor links', () => {
  it('links a span to an entity and unlinks it, undoably', async () => {
    const { editor, server, history } = setup();
    await editor.tag('Actor', 13, 24);
    await editor.setEntity('a1', 'comey', 'link to James Comey');
    expect(server.stored.get('a1')?.entity).toBe('comey');
    expect(editor.get('a1')?.entity).toBe('comey');
    await editor.setEntity('a1', null, 'unlink');
    expect(server.stored.get('a1')?.entity ?? null).toBeNull();
    expect((await history.undo())?.description).toBe('unlink');
    expect(server.stored.get('a1')?.entity).toBe('comey');
    await history.undo();
    expect(server.stored.get('a1')?.entity ?? null).toBeNull();
  });

  it("shows spans another command saved in this document, and forgets them on that command's undo", () => {
    const { editor, shown } = setup();
    const saved = (id: string, doc: string): Annotation => ({
      id,
      doc,
      label: 'Actor',
      start: 0,
      end: 3,
      quote: 'FBI',
      prefix: '',
      suffix: '',
      attributes: {},
      annotator: 'alice',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      origin: { kind: 'suggestion', source: 'test' },
    });
    editor.adopt([saved('s1', 'doc1'), saved('s2', 'doc2')]);
    expect([...shown.keys()]).toEqual(['s1']);
    expect(editor.size).toBe(1);
    editor.forget(['s1']);
    expect(shown.size).toBe(0);
    expect(editor.size).toBe(0);
  });
});

describe('SpanEditor.tag', () => {
  it('hands out the new span id at once, before the write is acknowledged', async () => {
    const { editor, server } = setup();
    const pending = editor.tag('Actor', 0, 3);
    expect(pending.id).toBe('a1');
    expect(editor.get(pending.id)?.label).toBe('Actor');
    expect(server.stored.size).toBe(0);
    expect((await pending).id).toBe(pending.id);
  });
});

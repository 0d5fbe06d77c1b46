import { describe, expect, it } from 'vitest';
import type { ApiResult, WorkbenchClient } from '../../shared/api';
import type { Annotation, Relation } from '../../shared/model';
import { History } from './history';
import { SpanEditor, type HighlightSink } from './span-editor';

const TEXT = 'FBI director James Comey said so.';

/** An in-memory server with the same contract as the real one, failing on demand. */
function fakeServer() {
  const stored = new Map<string, Annotation>();
  let failNext: string | null = null;
  const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
  const fail = (message: string): ApiResult<never> => ({
    ok: false,
    error: { code: 'io', message },
  });
  const client: Pick<
    WorkbenchClient,
    'createAnnotation' | 'updateAnnotation' | 'deleteAnnotation' | 'restoreAnnotation'
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
      return ok({ annotation: a, relations: [] as Relation[] });
    },
    restoreAnnotation: async ({ annotation }) => {
      stored.set(annotation.id, annotation as Annotation);
      return ok(annotation as Annotation);
    },
  };
  return {
    client,
    stored,
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
});

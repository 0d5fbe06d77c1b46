import { describe, expect, it } from 'vitest';
import type { ApiResult, CuratedLayer, WorkbenchClient } from '../../shared/api';
import { WorkbenchError } from '../../shared/api';
import type { Annotation, CuratedFile } from '../../shared/model';
import { applySteps, emptyCurated, setReviewStatus } from '../../shared/review/adjudication';
import { reviewCases } from '../../shared/review/review-cases';
import { History } from '../commands/history';
import { ReviewSession } from './review-session';

const TEXT = 'FBI director James Comey met Apple and Google on encryption.';

function tag(annotator: string, id: string, label: string, quote: string): Annotation {
  const start = TEXT.indexOf(quote);
  return {
    id,
    doc: 'd1',
    label,
    start,
    end: start + quote.length,
    quote,
    prefix: '',
    suffix: '',
    attributes: {},
    annotator,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    origin: { kind: 'manual' },
  };
}

const CASES = reviewCases(['alice', 'bob'], {
  alice: [
    tag('alice', 'a1', 'Actor', 'FBI director James Comey'),
    tag('alice', 'a2', 'Actor', 'Apple'),
    tag('alice', 'a3', 'Policy topic', 'encryption'),
  ],
  bob: [
    tag('bob', 'b1', 'Actor', 'James Comey'),
    tag('bob', 'b2', 'Actor', 'Apple'),
    tag('bob', 'b3', 'Actor', 'encryption'),
    tag('bob', 'b4', 'Actor', 'Google'),
  ],
});

/** A main side in memory: the pure adjudication over one curated file, as the service does. */
function fakeServer() {
  let file: CuratedFile = emptyCurated('d1');
  let ids = 0;
  const calls: string[] = [];
  const layer = ({ doc, status, revision, annotations, decisions }: CuratedFile): CuratedLayer => ({
    doc,
    status,
    revision,
    annotations,
    decisions,
  });
  const run = <T>(f: () => T): Promise<ApiResult<T>> => {
    try {
      return Promise.resolve({ ok: true, value: f() });
    } catch (error) {
      const e = error as WorkbenchError;
      return Promise.resolve({ ok: false, error: { code: e.code, message: e.message } });
    }
  };
  const client: Pick<WorkbenchClient, 'adjudicate' | 'setReviewStatus' | 'restoreCurated'> = {
    adjudicate: ({ steps }) =>
      run(() => {
        calls.push(`adjudicate ${steps.map((s) => s.action).join(',')}`);
        const before = file;
        file = applySteps(file, CASES, steps, {
          curator: 'lead',
          now: '2024-02-02T00:00:00.000Z',
          newId: () => `g${++ids}`,
          text: TEXT,
          spanContext: (text, start, end) => ({
            quote: text.slice(start, end),
            prefix: '',
            suffix: '',
          }),
        });
        return { before: layer(before), after: layer(file) };
      }),
    setReviewStatus: ({ status }) =>
      run(() => {
        const before = file;
        file = setReviewStatus(file, CASES, status);
        return { before: layer(before), after: layer(file) };
      }),
    restoreCurated: ({ revision, layer: snapshot }) =>
      run(() => {
        calls.push(`restore at ${revision}`);
        if (file.revision !== revision) throw new WorkbenchError('conflict', 'changed since');
        file = { ...file, ...snapshot, revision: file.revision + 1 } as CuratedFile;
        return layer(file);
      }),
  };
  return {
    client,
    calls,
    file: () => file,
    bump: () => (file = { ...file, revision: file.revision + 1 }),
  };
}

function open(label: string | null = null) {
  const server = fakeServer();
  const history = new History();
  let redraws = 0;
  const session = new ReviewSession({
    client: server.client,
    history,
    review: {
      doc: 'd1',
      annotators: ['alice', 'bob'],
      cases: CASES,
      curated: { doc: 'd1', status: 'not_started', revision: 0, annotations: [], decisions: [] },
    },
    label,
    onChange: () => redraws++,
  });
  return { session, server, history, redraws: () => redraws };
}

const quote = (c: { start: number; end: number } | null) => (c ? TEXT.slice(c.start, c.end) : null);

describe('ReviewSession', () => {
  it('starts on the first disagreement and steps through disagreements only, wrapping', () => {
    const { session } = open();
    expect(session.cases.map((c) => c.kind)).toEqual([
      'boundary_differs',
      'agree',
      'only_one',
      'label_differs',
    ]);
    expect(quote(session.current)).toBe('FBI director James Comey');
    expect(quote(session.step(1))).toBe('Google');
    expect(quote(session.step(1))).toBe('encryption');
    expect(quote(session.step(1))).toBe('FBI director James Comey');
    expect(quote(session.step(-1))).toBe('encryption');
  });

  it('limits the steps to cases where some annotator used a label', () => {
    const { session } = open('Policy topic');
    expect(session.disagreements().map(quote)).toEqual(['encryption']);
    expect(quote(session.current)).toBe('encryption');
    session.setLabel(null);
    expect(session.disagreements()).toHaveLength(3);
  });

  it('finds the case of a clicked span, in a coder column or the gold column', async () => {
    const { session } = open();
    expect(quote(session.caseOfSpan('bob', 'b4'))).toBe('Google');
    session.select(session.caseOfSpan('bob', 'b4')!.key);
    await session.accept('bob');
    expect(quote(session.caseOfSpan(null, 'g1'))).toBe('Google');
    expect(session.caseOfSpan(null, 'nope')).toBeNull();
  });

  it('accepts, accepts the agreed in one step, and undoes and redoes each through the history', async () => {
    const { session, server, history } = open();
    await session.accept('bob');
    expect(session.curated.annotations.map((a) => [a.quote, a.sources])).toEqual([
      ['James Comey', ['bob']],
    ]);
    expect(session.stateOf(session.current!)).toMatchObject({ settled: true });
    expect(session.agreedToAccept()).toBe(1);
    await session.acceptAgreed();
    expect(session.curated.annotations).toHaveLength(2);
    expect(session.acceptAgreed()).toBeNull();

    await history.undo();
    expect(session.curated.annotations.map((a) => a.quote)).toEqual(['James Comey']);
    await history.undo();
    expect(session.curated.annotations).toEqual([]);
    await history.redo();
    expect(session.curated.annotations.map((a) => a.quote)).toEqual(['James Comey']);
    expect(server.calls).toEqual([
      'adjudicate accept',
      'adjudicate accept',
      'restore at 2',
      'restore at 3',
      'restore at 4',
    ]);
    expect(server.file().revision).toBe(5);
  });

  it('undoes a step made before the review screen was left and opened again', async () => {
    const { session, server, history } = open();
    await session.accept('alice');
    session.dispose();
    const curated = server.file();
    const again = new ReviewSession({
      client: server.client,
      history,
      review: { doc: 'd1', annotators: ['alice', 'bob'], cases: CASES, curated },
    });
    await history.undo();
    expect(server.file().annotations).toEqual([]);
    expect(again.curated.annotations).toEqual([]);
  });

  it('edits a version into the gold layer, based on one annotator, and removes it again', async () => {
    const { session, history } = open();
    const start = TEXT.indexOf('director James Comey');
    await session.edit({ label: 'Actor', start, end: start + 20, attributes: {} }, 'alice');
    expect(session.curated.annotations.map((a) => [a.quote, a.sources])).toEqual([
      ['director James Comey', ['alice']],
    ]);
    expect(session.stateOf(session.current!)).toMatchObject({ decision: { outcome: 'edited' } });
    await session.removeGold(session.curated.annotations[0]!.id);
    expect(session.curated.annotations).toEqual([]);
    await history.undo();
    expect(session.curated.annotations).toHaveLength(1);
  });

  it('refuses to undo over a change it did not make, and keeps the step to retry', async () => {
    const { session, server, history } = open();
    await session.reject();
    server.bump(); // another change to the gold layer, e.g. in a second window
    await expect(history.undo()).rejects.toThrow(/changed since/);
    expect(history.canUndo).toBe(true);
  });

  it('marks the document adjudicated only when every case is settled', async () => {
    const { session } = open();
    await expect(session.setStatus('adjudicated')).rejects.toThrow(/not settled yet/);
    await session.acceptAgreed();
    for (const c of session.disagreements()) {
      session.select(c.key);
      await session.reject();
    }
    expect(session.unsettled()).toEqual([]);
    await session.setStatus('adjudicated');
    expect(session.curated.status).toBe('adjudicated');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoAutosave, type MemoSaveState } from './memo-autosave';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(save: (memo: string) => Promise<void>) {
  const states: MemoSaveState[] = [];
  const errors: unknown[] = [];
  const autosave = new MemoAutosave({
    save,
    delayMs: 500,
    onState: (s) => states.push(s),
    onError: (e) => errors.push(e),
  });
  return { autosave, states, errors };
}

describe('MemoAutosave', () => {
  it('saves once typing pauses, with the last text only', async () => {
    const saved: string[] = [];
    const { autosave, states } = setup(async (m) => void saved.push(m));
    autosave.change('C');
    vi.advanceTimersByTime(300);
    autosave.change('Ch');
    vi.advanceTimersByTime(300);
    autosave.change('Check');
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(500);
    expect(saved).toEqual(['Check']);
    expect(states.at(-1)).toBe('saved');
    expect(autosave.unsaved).toBe(false);
  });

  it('flush saves at once (document switch) and nothing more afterwards', async () => {
    const saved: string[] = [];
    const { autosave } = setup(async (m) => void saved.push(m));
    autosave.change('memo');
    await autosave.flush();
    expect(saved).toEqual(['memo']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual(['memo']);
  });

  it('keeps saves in order even when an earlier one is slow', async () => {
    const saved: string[] = [];
    const { autosave } = setup(async (m) => {
      await new Promise((r) => setTimeout(r, m === 'first' ? 100 : 1));
      saved.push(m);
    });
    autosave.change('first');
    void autosave.flush();
    autosave.change('second');
    const done = autosave.flush();
    await vi.advanceTimersByTimeAsync(200);
    await done;
    expect(saved).toEqual(['first', 'second']);
  });

  it('keeps the text of a failed save and saves it with the next flush', async () => {
    const saved: string[] = [];
    let fail = true;
    const { autosave, states, errors } = setup(async (m) => {
      if (fail) throw new Error('disk full');
      saved.push(m);
    });
    autosave.change('precious');
    await autosave.flush();
    expect(states.at(-1)).toBe('failed');
    expect(errors.map((e) => (e as Error).message)).toEqual(['disk full']);
    expect(autosave.unsaved).toBe(true);
    fail = false;
    await autosave.flush();
    expect(saved).toEqual(['precious']);
    expect(autosave.unsaved).toBe(false);
  });

  it('a failed save never replaces newer text typed meanwhile', async () => {
    const saved: string[] = [];
    let fail = true;
    const { autosave } = setup(async (m) => {
      await new Promise((r) => setTimeout(r, 10));
      if (fail) throw new Error('offline');
      saved.push(m);
    });
    autosave.change('old');
    const first = autosave.flush();
    autosave.change('newer');
    await vi.advanceTimersByTimeAsync(20);
    await first;
    fail = false;
    const second = autosave.flush();
    await vi.advanceTimersByTimeAsync(20);
    await second;
    expect(saved).toEqual(['newer']);
  });
});

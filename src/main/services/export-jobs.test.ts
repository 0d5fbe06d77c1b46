import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/api';
import { JobCancelled, JobRunner, type JobControl } from './export-jobs';

/** A job whose steps the test releases one by one. */
function steppedWork(steps: number) {
  const gates: Array<() => void> = [];
  const next = () => new Promise<void>((resolve) => gates.push(resolve));
  const work = async (control: JobControl) => {
    for (let i = 0; i < steps; i++) {
      await next();
      if (control.cancelled()) throw new JobCancelled();
      control.report({ phase: 'reading', done: i + 1, total: steps });
    }
    return 'result';
  };
  const release = async () => {
    await new Promise((r) => setTimeout(r, 0));
    gates.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { work, release };
}

let n = 0;
const ids = () => `job-${++n}`;

describe('JobRunner', () => {
  it('reports progress step by step, then hands over the result once', async () => {
    const jobs = new JobRunner<string>(ids);
    const { work, release } = steppedWork(2);
    const { id } = jobs.start(work);
    expect(jobs.status(id)).toEqual({
      state: 'running',
      progress: { phase: 'reading', done: 0, total: 0 },
    });
    await release();
    expect(jobs.status(id)).toMatchObject({ state: 'running', progress: { done: 1, total: 2 } });
    await release();
    expect(jobs.status(id)).toMatchObject({ state: 'done', result: 'result' });
    expect(jobs.take(id)).toBe('result');
    expect(() => jobs.status(id)).toThrow(/No such export/);
  });

  it('refuses a second job while one runs, and replaces a finished one', async () => {
    const jobs = new JobRunner<string>(ids);
    const first = steppedWork(1);
    const { id } = jobs.start(first.work);
    expect(() => jobs.start(steppedWork(1).work)).toThrow(/already running/);
    await first.release();
    const second = jobs.start(async () => 'second');
    expect(() => jobs.status(id)).toThrow(/No such export/);
    await new Promise((r) => setTimeout(r, 0));
    expect(jobs.take(second.id)).toBe('second');
  });

  it('passes on the error of a failed job', async () => {
    const jobs = new JobRunner<string>(ids);
    const { id } = jobs.start(async () => {
      throw new WorkbenchError('not_found', 'No document "x".');
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(() => jobs.status(id)).toThrow('No document "x".');
  });

  it('stops a cancelled job at its next step', async () => {
    const jobs = new JobRunner<string>(ids);
    const { work, release } = steppedWork(3);
    const { id } = jobs.start(work);
    await release();
    expect(jobs.cancel(id)).toBe(true);
    await release();
    expect(() => jobs.status(id)).toThrow(/No such export/);
    // The runner is free again.
    expect(() => jobs.start(async () => 'next')).not.toThrow();
  });

  it('refuses to hand over a result that is not ready', () => {
    const jobs = new JobRunner<string>(ids);
    const { id } = jobs.start(steppedWork(1).work);
    expect(() => jobs.take(id)).toThrow(/still running/);
  });
});

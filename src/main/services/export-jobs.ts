/**
 * Long exports as jobs the window polls: `start` runs the work on the main side and returns at
 * once; `status` says how far it got (the progress bar), then hands over the result; `cancel`
 * stops it between two steps. Over HTTP and IPC a call is one request and one answer, so
 * progress travels by polling rather than by events.
 *
 * One export runs at a time (it reads the whole corpus; two would only halve each other's
 * speed), and a finished result is kept until taken or until the next export starts, so that
 * memory holds at most one export.
 */
import { randomUUID } from 'node:crypto';
import { WorkbenchError } from '../../shared/api';

export interface JobProgress {
  phase: 'reading' | 'writing';
  /** Steps done of `total` in this phase. */
  done: number;
  total: number;
}

export interface JobControl {
  /** Records how far the work got. */
  report(progress: JobProgress): void;
  /** True once the job was cancelled: the work should stop at its next step. */
  cancelled(): boolean;
}

export type JobStatus<R> =
  { state: 'running'; progress: JobProgress } | { state: 'done'; progress: JobProgress; result: R };

interface Job<R> {
  progress: JobProgress;
  cancelled: boolean;
  outcome: { ok: true; result: R } | { ok: false; error: unknown } | null;
}

/** Thrown by work that noticed it was cancelled. */
export class JobCancelled extends Error {
  constructor() {
    super('The export was cancelled.');
  }
}

export class JobRunner<R> {
  private readonly jobs = new Map<string, Job<R>>();

  constructor(private readonly newId: () => string = randomUUID) {}

  /** Starts `work`; refuses while another job is running. */
  start(work: (control: JobControl) => Promise<R>): { id: string; progress: JobProgress } {
    for (const [id, job] of this.jobs) {
      if (job.outcome === null) {
        throw new WorkbenchError(
          'conflict',
          'An export is already running; wait for it to finish or cancel it first.',
        );
      }
      this.jobs.delete(id);
    }
    const id = this.newId();
    const job: Job<R> = {
      progress: { phase: 'reading', done: 0, total: 0 },
      cancelled: false,
      outcome: null,
    };
    this.jobs.set(id, job);
    const control: JobControl = {
      report: (progress) => {
        job.progress = { ...progress };
      },
      cancelled: () => job.cancelled,
    };
    // The work starts on the next turn, so `start` answers before any of it runs.
    void Promise.resolve()
      .then(() => work(control))
      .then(
        (result) => (job.outcome = { ok: true, result }),
        (error: unknown) => (job.outcome = { ok: false, error }),
      );
    return { id, progress: job.progress };
  }

  /** How far the job got, or its result; a failed job throws its error (once, then forgets). */
  status(id: string): JobStatus<R> {
    const job = this.get(id);
    if (job.outcome === null) return { state: 'running', progress: job.progress };
    if (!job.outcome.ok) {
      this.jobs.delete(id);
      throw job.outcome.error;
    }
    return { state: 'done', progress: job.progress, result: job.outcome.result };
  }

  /** Stops a running job at its next step and forgets it. False if it had already finished. */
  cancel(id: string): boolean {
    const job = this.get(id);
    this.jobs.delete(id);
    if (job.outcome !== null) return false;
    job.cancelled = true;
    return true;
  }

  /** The result of a finished job, which is then forgotten. */
  take(id: string): R {
    const status = this.status(id);
    if (status.state !== 'done') {
      throw new WorkbenchError('conflict', 'The export is still running; wait until it is done.');
    }
    this.jobs.delete(id);
    return status.result;
  }

  private get(id: string): Job<R> {
    const job = this.jobs.get(id);
    if (!job) {
      throw new WorkbenchError(
        'not_found',
        'No such export: it was taken, cancelled or replaced by a newer one. Export again.',
      );
    }
    return job;
  }
}

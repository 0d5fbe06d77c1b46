import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SerialQueue', () => {
  it('runs operations one at a time in queue order, whatever their durations', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    const durations = [30, 0, 10, 0, 20];
    const results = await Promise.all(
      durations.map((ms, i) =>
        queue.run(async () => {
          events.push(`start ${i}`);
          await tick(ms);
          events.push(`end ${i}`);
          return i;
        }),
      ),
    );
    expect(results).toEqual([0, 1, 2, 3, 4]);
    expect(events).toEqual(durations.flatMap((_, i) => [`start ${i}`, `end ${i}`]));
  });

  it('hands a failure to its caller only and keeps going', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(async () => {
      throw new Error('boom');
    });
    const next = queue.run(async () => 'after');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
  });

  it('idle() waits for everything queued so far', async () => {
    const queue = new SerialQueue();
    let done = false;
    void queue.run(async () => {
      await tick(20);
      done = true;
    });
    await queue.idle();
    expect(done).toBe(true);
  });
});

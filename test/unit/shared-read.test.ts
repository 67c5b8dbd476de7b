/** The graph version kept in memory: read once, shared, dropped by this process's writes and by age. */
import { describe, expect, it } from 'vitest';
import { SharedRead } from '../../api/src/lib/shared-read.js';

/** A database value, a write counter and a clock, all in the test's hands. */
function setup(maxAgeMs = 1_000) {
  const state = { value: 1, generation: 0, now: 0, reads: 0, pending: [] as (() => void)[] };
  const read = () => {
    state.reads++;
    const value = state.value;
    return new Promise<number>((resolve) => state.pending.push(() => resolve(value)));
  };
  const shared = new SharedRead(
    read,
    () => state.generation,
    maxAgeMs,
    () => state.now,
  );
  const settle = async () => {
    for (const resolve of state.pending.splice(0)) resolve();
    await new Promise((r) => setImmediate(r));
  };
  return { state, shared, settle };
}

describe('when many callers ask for the graph version', () => {
  it('then concurrent callers share one read, and later ones are answered from memory', async () => {
    const { state, shared, settle } = setup();
    const first = [shared.get(), shared.get(), shared.get()];
    await settle();
    expect(await Promise.all(first)).toEqual([1, 1, 1]);
    state.now = 999;
    expect(await shared.get()).toBe(1);
    expect(state.reads).toBe(1);
  });

  it('then a value older than its age limit is read again, so other processes’ writes are seen', async () => {
    const { state, shared, settle } = setup();
    const first = shared.get();
    await settle();
    await first;
    state.value = 2;
    state.now = 1_000;
    const again = shared.get();
    await settle();
    expect(await again).toBe(2);
    expect(state.reads).toBe(2);
  });
});

describe('when a write of this process ends', () => {
  it('then the next caller reads again at once', async () => {
    const { state, shared, settle } = setup();
    const first = shared.get();
    await settle();
    await first;
    state.value = 2;
    state.generation++;
    const after = shared.get();
    await settle();
    expect(await after).toBe(2);
  });

  it('then a read that started before it is not joined by later callers, nor kept', async () => {
    const { state, shared, settle } = setup();
    const before = shared.get();
    state.value = 2;
    state.generation++;
    const after = shared.get();
    await settle();
    expect([await before, await after]).toEqual([1, 2]);
    expect(state.reads).toBe(2);
    expect(await shared.get()).toBe(2);
    expect(state.reads).toBe(2);
  });

  it('then a failed read is not kept: the next caller reads again', async () => {
    let calls = 0;
    const shared = new SharedRead(
      () => (++calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve(7)),
      () => 0,
    );
    await expect(shared.get()).rejects.toThrow('down');
    expect(await shared.get()).toBe(7);
  });
});

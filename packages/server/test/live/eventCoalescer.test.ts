// The matrix events' pacing: a lone bar is flushed on the next turn of the
// event loop (no coalescing delay), a burst gives one flush at once and one
// trailing flush a gap after it, never more often than the gap. Driven by
// fake timers and a fake clock: nothing here depends on the machine's speed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventCoalescer } from '../../src/live/eventCoalescer.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function make(gap = 50) {
  const at: number[] = [];
  const c = new EventCoalescer(() => at.push(Date.now()), gap, () => Date.now());
  return { c, at };
}

describe('EventCoalescer', () => {
  it('flushes a lone poke on the next turn, without waiting for the gap', () => {
    const { c, at } = make();
    const t0 = Date.now();
    c.poke();
    expect(at).toEqual([]); // not inside the poke: the rest of a synchronous burst joins it
    vi.advanceTimersByTime(0);
    expect(at).toEqual([t0]);
  });

  it('a synchronous burst is one flush at once and one trailing flush a gap later', () => {
    const { c, at } = make(50);
    const t0 = Date.now();
    for (let i = 0; i < 100; i++) c.poke();
    vi.advanceTimersByTime(0);
    expect(at).toEqual([t0]);
    for (let i = 0; i < 100; i++) c.poke();
    vi.advanceTimersByTime(49);
    expect(at).toEqual([t0]);
    vi.advanceTimersByTime(1);
    expect(at).toEqual([t0, t0 + 50]);
    vi.advanceTimersByTime(1000);
    expect(at).toHaveLength(2); // nothing poked since: no more flushes
  });

  it('pokes every 10 ms are flushed every 50 ms, and the last one is never held back', () => {
    const { c, at } = make(50);
    const t0 = Date.now();
    for (let i = 0; i < 30; i++) {
      c.poke();
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(1000);
    // Pokes at t0, t0 + 10, …, t0 + 290: flushes every 50 ms, the last (t0 + 300) after the last poke.
    expect(at).toEqual([0, 50, 100, 150, 200, 250, 300].map((d) => t0 + d));
  });

  it('a poke after a quiet spell is flushed at once again', () => {
    const { c, at } = make(50);
    c.poke();
    vi.advanceTimersByTime(0);
    vi.advanceTimersByTime(500);
    const t1 = Date.now();
    c.poke();
    vi.advanceTimersByTime(0);
    expect(at.at(-1)).toBe(t1);
  });

  it('cancel drops the pending flush', () => {
    const { c, at } = make(50);
    c.poke();
    c.cancel();
    vi.advanceTimersByTime(1000);
    expect(at).toEqual([]);
  });
});

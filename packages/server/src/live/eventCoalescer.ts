/**
 * Runs `flush` soon after {@link EventCoalescer.poke}, at most once per
 * `gapMs`: a poke after a quiet spell is flushed on the next turn of the
 * event loop (a lone bar reaches the browser at once — the pokes of one
 * synchronous burst, such as one request's ticks closing several bars, are
 * still one flush), and pokes that come sooner than `gapMs` after the last
 * flush wait for one trailing flush at `gapMs` after it (a fast replay does
 * not flood a browser, and its last bar is never held back). Leading edge
 * plus trailing flush, on the monotonic clock.
 *
 * @example
 * const c = new EventCoalescer(() => send(), 50);
 * c.poke(); c.poke(); // one send on the next turn; pokes within 50 ms after it give one more, 50 ms after it
 */
export class EventCoalescer {
  private last = -Infinity;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly flush: () => void,
    readonly gapMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Something changed: flush soon (once for every poke until then). */
  poke(): void {
    if (this.immediate !== undefined || this.timer !== undefined) return;
    const wait = this.last + this.gapMs - this.now();
    if (wait <= 0) this.immediate = setImmediate(this.run);
    else this.timer = setTimeout(this.run, wait);
  }

  /** Drops a pending flush. */
  cancel(): void {
    clearImmediate(this.immediate);
    clearTimeout(this.timer);
    this.immediate = this.timer = undefined;
  }

  private readonly run = (): void => {
    this.immediate = this.timer = undefined;
    this.last = this.now();
    this.flush();
  };
}

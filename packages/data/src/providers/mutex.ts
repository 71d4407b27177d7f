/**
 * Runs async sections one at a time, in call order; a section that fails
 * does not stop the next.
 *
 * @example const m = new Mutex(); await Promise.all([m.run(a), m.run(b)]) // b starts when a has settled
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(f: () => Promise<T>): Promise<T> {
    const p = this.tail.then(f, f);
    this.tail = p.catch(() => {});
    return p;
  }
}

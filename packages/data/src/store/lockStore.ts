/**
 * Fair access to a DuckDB store file across processes: a writer announces a
 * write intent that new readers respect.
 *
 * DuckDB lets one process write a file or several read it, never both, and
 * refuses a conflicting open at once. A reader that opens and closes the
 * store per operation (the server, every CLI command) therefore keeps it
 * read-held for as long as reads overlap, and an import that asks in
 * between is refused every time: 11 of 15 imports failed while a server
 * read with 4 threads. With an intent, the writer gets the store as soon as
 * the reads already in progress when it asked have finished.
 *
 * The intent is a file `<store>.write-intent` holding the writer's process
 * id and host, created atomically (link of a complete file, so it is never
 * seen half-written) before the writer opens the store and removed after it
 * has closed it. Readers that find another process's intent wait until it
 * is gone (at most {@link READER_WAIT_MS}); readers already open are not
 * disturbed. The intent is advisory — DuckDB's own lock still guarantees
 * one writer or many readers — so a process that does not know of it (an
 * older soukan, the duckdb shell) is merely not fair. An intent whose
 * process on this host has ended (killed during an import) is ignored and
 * removed by the next one to look.
 *
 * @example
 * const { value: db, release } = await lockStore('/tmp/s.duckdb', false, () => duckdb.open('/tmp/s.duckdb'));
 * // … write …; then close db and call release()
 */
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { InputError } from '../errors.js';

/**
 * How long a reader waits behind another process's write intent (the write
 * included) before it gives up with "in use", in ms.
 *
 * @example READER_WAIT_MS // 10000
 */
export const READER_WAIT_MS = 10_000;

/**
 * How long a writer waits for the store — for another writer's intent, then
 * for the reads already in progress — before it gives up with "in use", in ms.
 *
 * @example WRITER_WAIT_MS // 120000
 */
export const WRITER_WAIT_MS = 120_000;

/** How often a waiting process looks again (the intent file, or the store's lock). */
const POLL_MS = 25;

/**
 * What a waiting process waits for, as told to {@link StoreLockOptions.onWait} once per wait.
 *
 * @example { role: 'reader', behind: 'write-intent', pid: 4242 }
 */
export interface StoreWait {
  /** The waiting side. */
  readonly role: 'reader' | 'writer';
  /** A writer's intent (readers; writers behind another writer), or the reads in progress (writers). */
  readonly behind: 'write-intent' | 'readers';
  /** The writer's process id, when known. */
  readonly pid?: number;
}

/**
 * How long to wait for the store and who to tell.
 *
 * @example { waitMs: 0 } // fail at once when the store is busy
 */
export interface StoreLockOptions {
  /** Longest wait in ms (default {@link READER_WAIT_MS} or {@link WRITER_WAIT_MS}); 0 fails at once. */
  readonly waitMs?: number;
  /** Called when the open has to wait, once for each thing it waits behind. */
  readonly onWait?: (w: StoreWait) => void;
}

interface Intent {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

/** Intents this process holds, by store path (one process may open a store for writing twice). */
const held = new Map<string, { token: string; count: number }>();
let exitHook = false;

/**
 * The intent file of a store.
 *
 * @example intentPath('/tmp/s.duckdb') // '/tmp/s.duckdb.write-intent'
 */
export function intentPath(store: string): string {
  return `${store}.write-intent`;
}

function readIntent(file: string): Intent | null | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // none
  }
  try {
    const v = JSON.parse(text) as Partial<Intent>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.token === 'string') return { pid: v.pid, host: v.host, token: v.token };
  } catch {
    /* not ours: treated as stale */
  }
  return null;
}

function alive(i: Intent): boolean {
  if (i.host !== hostname()) return true; // cannot tell: honour it
  try {
    process.kill(i.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the intent file if it still is the one read (a stale one, or our own). */
function removeIf(file: string, token: string | null): void {
  const now = readIntent(file);
  if (now === undefined) return;
  if ((now === null && token === null) || (now !== null && now.token === token)) {
    try {
      unlinkSync(file);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Another live process's write intent on `store`, if any (a stale one is removed).
 *
 * @example pendingIntent('/tmp/s.duckdb') // undefined when nobody waits to write
 */
export function pendingIntent(store: string): Intent | undefined {
  const file = intentPath(store);
  const i = readIntent(file);
  if (i === undefined) return undefined;
  if (i === null) {
    removeIf(file, null);
    return undefined;
  }
  if (i.pid === process.pid && i.host === hostname()) return undefined;
  if (!alive(i)) {
    removeIf(file, i.token);
    return undefined;
  }
  return i;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function inUse(store: string, pid: number | undefined): InputError {
  return storeInUse(store, pid === undefined ? undefined : `PID ${pid}, writing it or waiting to`);
}

/**
 * The error of a store another process holds — the one wording for it.
 *
 * @example storeInUse('/s.duckdb', 'PID 42, /usr/bin/node').message
 *   // 'store /s.duckdb is in use by another process (PID 42, /usr/bin/node) — an import or another soukan command; try again when it has finished'
 */
export function storeInUse(store: string, holder?: string): InputError {
  return holder === undefined
    ? new InputError(`store ${store} is in use by another process (an import or another soukan command); try again when it has finished`)
    : new InputError(`store ${store} is in use by another process (${holder}) — an import or another soukan command; try again when it has finished`);
}

/** DuckDB's refusal of a conflicting open, and the process it names (undefined: not a lock conflict). */
function lockHolder(e: unknown): { pid?: number } | undefined {
  const m = (e as Error)?.message ?? String(e);
  if (!/Could not set lock on file/.test(m)) return undefined;
  const pid = /\(PID (\d+)\)/.exec(m);
  return pid ? { pid: Number(pid[1]) } : {};
}

async function claim(store: string, deadline: number, onWait: ((w: StoreWait) => void) | undefined): Promise<void> {
  const mine = held.get(store);
  if (mine) {
    mine.count++;
    return;
  }
  const file = intentPath(store);
  const token = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const tmp = `${file}.${token}`;
  writeFileSync(tmp, JSON.stringify({ pid: process.pid, host: hostname(), token }));
  try {
    let told = false;
    for (;;) {
      try {
        linkSync(tmp, file);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const other = pendingIntent(store);
      if (!other) continue; // stale, now removed: try again
      if (Date.now() >= deadline) throw inUse(store, other.pid);
      if (!told) onWait?.({ role: 'writer', behind: 'write-intent', pid: other.pid });
      told = true;
      await sleep(POLL_MS);
    }
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* gone */
    }
  }
  held.set(store, { token, count: 1 });
  if (!exitHook) {
    exitHook = true;
    // An exit without close (process.exit after an error) must not leave an intent behind.
    process.once('exit', () => {
      for (const [s, h] of held) removeIf(intentPath(s), h.token);
    });
  }
}

function release(store: string): void {
  const mine = held.get(store);
  if (!mine || --mine.count > 0) return;
  held.delete(store);
  removeIf(intentPath(store), mine.token);
}

/**
 * Opens the store file fairly. A writer declares its write intent (waiting
 * behind another writer's), then retries `open` while DuckDB refuses it
 * because readers hold the file: new readers wait behind the intent, so
 * only the reads already in progress delay it. A reader waits while another
 * process's intent is present, then opens. Each gives up after its wait
 * with the "in use" error; `open`'s other errors pass through.
 *
 * Bound: a writer's wait is the longest read already open when it declared
 * its intent (plus {@link POLL_MS}), however many readers arrive after it —
 * not the arrival rate of readers.
 *
 * @param store - the store file.
 * @param readOnly - a reader (true) or a writer.
 * @param open - opens the file (DuckDB's open; throws its lock error when refused).
 * @returns the opened value and `release`, to call after it is closed (a writer's intent is removed then).
 * @throws InputError "store … is in use by another process" when the wait runs out.
 * @example
 * const { value: db, release } = await lockStore('/tmp/s.duckdb', true, () => duckdb.open('/tmp/s.duckdb', config));
 */
export async function lockStore<T>(store: string, readOnly: boolean, open: () => Promise<T>, options: StoreLockOptions = {}): Promise<{ value: T; release: () => void }> {
  if (store === '' || store === ':memory:') return { value: await open(), release: () => {} };
  const deadline = Date.now() + (options.waitMs ?? (readOnly ? READER_WAIT_MS : WRITER_WAIT_MS));
  const onWait = options.onWait;
  if (readOnly) {
    let told = false;
    for (;;) {
      const w = pendingIntent(store);
      if (w) {
        if (Date.now() >= deadline) throw inUse(store, w.pid);
        if (!told) onWait?.({ role: 'reader', behind: 'write-intent', pid: w.pid });
        told = true;
        await sleep(POLL_MS);
        continue;
      }
      try {
        return { value: await open(), release: () => {} };
      } catch (e) {
        // A writer that declared its intent after our look got in first: wait behind it.
        if (!lockHolder(e) || !pendingIntent(store) || Date.now() >= deadline) throw e;
      }
    }
  }
  await claim(store, deadline, onWait);
  try {
    let told = false;
    for (;;) {
      try {
        return { value: await open(), release: () => release(store) };
      } catch (e) {
        const h = lockHolder(e);
        // Another open of this very process is not a reader that will finish.
        if (!h || h.pid === process.pid || Date.now() >= deadline) throw e;
        if (!told) onWait?.({ role: 'writer', behind: 'readers', pid: h.pid });
        told = true;
        await sleep(POLL_MS);
      }
    }
  } catch (e) {
    release(store);
    throw e;
  }
}

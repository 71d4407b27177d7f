import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Prefix of the folders uploads are received in, in the system temporary directory. */
export const UPLOAD_PREFIX = 'soukan-upload-';

/** Age after which a folder whose creator cannot be told (an older name without a PID) is stale. */
const LEGACY_STALE_MS = 24 * 3600_000;

/**
 * A new private folder for one upload: `soukan-upload-<pid>-XXXXXX` in the
 * system temporary directory. The PID lets a later server tell a folder
 * left by a crashed one from a folder in use by a running one.
 *
 * @example await makeUploadDir() // '/tmp/soukan-upload-4242-a1B2c3'
 */
export function makeUploadDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), `${UPLOAD_PREFIX}${process.pid}-`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, another user's
  }
}

/**
 * Removes upload folders that crashed servers left behind, and only those:
 * names starting with {@link UPLOAD_PREFIX}, owned by this user, whose
 * creating process is gone (or, for names without a PID, untouched for a
 * day). Folders of running servers, other users' and anything else stay.
 * Failures are reported, never thrown: a server starts regardless.
 *
 * @returns the folders removed.
 * @example await sweepStaleUploads() // ['/tmp/soukan-upload-4242-a1B2c3']
 */
export async function sweepStaleUploads(root = tmpdir(), log: (m: string) => void = () => {}): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = (await readdir(root)).filter((n) => n.startsWith(UPLOAD_PREFIX));
  } catch {
    return removed;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    const path = join(root, name);
    try {
      const st = await stat(path);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
      const m = /^(\d+)-/.exec(name.slice(UPLOAD_PREFIX.length));
      const stale = m ? Number(m[1]) !== process.pid && !alive(Number(m[1])) : Date.now() - st.mtimeMs > LEGACY_STALE_MS;
      if (!stale) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(path);
    } catch (e) {
      log(`soukan: could not remove the stale upload folder ${path}: ${(e as Error).message}`);
    }
  }
  return removed;
}

import { open } from 'node:fs/promises';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { HttpError } from '../http/httpError.js';

/**
 * Streams the request body of `c` into a new file at `path` (created
 * exclusively), at most `max` bytes; returns the byte count.
 *
 * The file is opened before the first byte is read, through a file handle
 * whose every call is awaited: a failure of the file system is an awaited
 * rejection of this function, never an event on a stream nobody listens to.
 *
 * @throws HttpError 413 `payload-too-large` (declared or actual size over `max`),
 *   400 `upload-interrupted` (short or broken body), 400 `empty-upload`,
 *   400 `invalid-header` (a Content-Length that is not a number).
 * @example await receiveUpload(c, join(dir, 'x.csv'), 256 * 2 ** 20) // 1234
 */
export async function receiveUpload(c: Context<AppEnv>, path: string, max: number): Promise<number> {
  const declared = c.req.header('content-length');
  const expect = declared === undefined ? undefined : Number(declared);
  if (expect !== undefined && !(expect >= 0)) throw new HttpError(400, 'invalid-header', 'Content-Length is not a number');
  if (expect !== undefined && expect > max) throw new HttpError(413, 'payload-too-large', `upload of ${expect} bytes is over the limit of ${max}`, { max });
  const body = c.req.raw.body;
  if (!body) throw new HttpError(400, 'empty-upload', 'the upload is empty');
  const reader = body.getReader();
  let n = 0;
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(path, 'wx');
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      n += value.byteLength;
      if (n > max) throw new HttpError(413, 'payload-too-large', `upload over the limit of ${max} bytes`, { max });
      await fh.write(value);
    }
  } catch (e) {
    await reader.cancel().catch(() => {});
    if (e instanceof HttpError) throw e;
    if (fh === undefined) throw e; // the folder is ours: failing to create a file in it is a server fault
    throw new HttpError(400, 'upload-interrupted', `the upload was interrupted after ${n} bytes; nothing was imported`, { bytes: n });
  } finally {
    await fh?.close().catch(() => {});
  }
  if (expect !== undefined && n !== expect) throw new HttpError(400, 'upload-interrupted', `the upload ended after ${n} of ${expect} bytes; nothing was imported`, { bytes: n, expected: expect });
  if (n === 0) throw new HttpError(400, 'empty-upload', 'the upload is empty');
  return n;
}

import { basename } from 'node:path';
import { HttpError } from '../http/httpError.js';

const EXPECTED = 'a plain file name (no folders, not . or .., no control characters)';

/**
 * The name an upload is stored under inside its private folder: exactly one
 * path component. `..` and `.` (also sent as `%2e%2e`, `%2E`) name the folder
 * itself or its parent, so they are refused with the same 400 as a name with
 * a slash, rather than reaching the file system.
 *
 * @throws HttpError 400 `invalid-param` (param `name`) for anything else.
 * @example uploadName('HISTDATA_COM_ASCII_EURUSD_M1_2017.zip') // 'HISTDATA_COM_ASCII_EURUSD_M1_2017.zip'
 */
export function uploadName(raw: string): string {
  const plain =
    raw.length > 0 &&
    raw.length <= 200 &&
    basename(raw) === raw &&
    !/^\.+$/.test(raw) &&
    raw.trim() === raw &&
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    !/[\u0000-\u001f\u007f/\\]/.test(raw);
  if (!plain) throw new HttpError(400, 'invalid-param', `name: expected ${EXPECTED}, got ${JSON.stringify(raw)}`, { param: 'name', value: raw, expected: EXPECTED });
  return raw;
}

import * as z from 'zod/mini';
import { zoneKind } from './common.js';
import { errorSchema } from './errorBody.js';
import { importExamples } from './storeCommands.js';
import { bool, fileNames, oneOf, pair, text } from './spec/kinds.js';
import { param } from './spec/param.js';
import { defineRequest, type Values } from './spec/request.js';
import { count, described, epochMs, notes } from './spec/response.js';

/**
 * The file layouts the readers understand, in the order detection tries them
 * (the data layer's format registry has exactly these entries).
 *
 * @example INPUT_FORMATS.includes('mt5') // true
 */
export const INPUT_FORMATS = ['ecb', 'h10', 'fred-wide', 'histdata', 'mt4', 'mt5', 'csv-long', 'csv-wide'] as const;

/** One of {@link INPUT_FORMATS}. */
export type InputFormat = (typeof INPUT_FORMATS)[number];

const oneLine = /^[^\0\r\n]{1,64}$/;

/**
 * How a file is read: the options of `--data` files, of `soukan import`, of
 * an upload and of an import by path. Declared once; the CLI's flags, the
 * API's parameters and their checks follow from it.
 */
export const readParams = {
  input: param(oneOf(INPUT_FORMATS, '<format>'), {
    description: { en: `force the input format: ${INPUT_FORMATS.join('|')} (default: detected from the content)`, ja: `入力形式を指定: ${INPUT_FORMATS.join('|')}（既定: 内容から判定）` },
  }),
  skipBadRows: param(bool(), {
    description: { en: 'skip malformed rows (reported) instead of stopping with nothing read', ja: '不正な行を飛ばす（報告する）。既定では何も読まずに止まる' },
  }),
  tz: param(zoneKind(), { description: { en: "time zone of the files' timestamps (IANA name, e.g. America/New_York)", ja: 'ファイルの時刻のタイムゾーン（IANA 名、例: America/New_York）' } }),
  timeColumn: param(text(oneLine, { en: 'a column name', rule: 'column' }, 64, '<name>'), { description: { en: 'CSV: the time column', ja: 'CSV: 時刻の列' } }),
  dateFormat: param(text(oneLine, { en: 'a date format such as YYYY-MM-DD HH:mm', rule: 'date-format' }, 64, '<fmt>'), {
    description: { en: 'CSV: date format, e.g. YYYY-MM-DD, DD/MM/YYYY, epoch-ms', ja: 'CSV: 日付の形式（例: YYYY-MM-DD、DD/MM/YYYY、epoch-ms）' },
  }),
  delimiter: param(oneOf([',', ';', 'tab'], '<char>'), { description: { en: 'CSV: field delimiter: , ; or tab (default: detected from the header)', ja: 'CSV: 区切り文字 , ; tab（既定: 見出しから判定）' } }),
  symbol: param(pair(), { description: { en: 'symbol of a single-instrument file whose name does not say', ja: '名前から分からない単一銘柄ファイルの銘柄' } }),
};

/** How a file is read (typed values). */
export type ReadParams = Values<typeof readParams>;

/**
 * The reader options alone, as a request: what `--data` files of every
 * command are read with.
 *
 * @example parseRequest(readRequest, { input: 'ECB' }, { text: true }).input // 'ecb'
 */
export const readRequest = defineRequest({
  name: 'read',
  summary: { en: 'How data files are read', ja: 'データファイルの読み方' },
  params: readParams,
  rules: [],
  examples: [],
});

/**
 * Import files into the store (`soukan import FILE…`, `POST /api/import`
 * with the files relative to the server's data folder).
 *
 * @example parseRequest(importRequest, { files: ['a.zip'], skipBadRows: true }).skipBadRows // true
 */
export const importRequest = defineRequest({
  name: 'import',
  summary: { en: 'Import files (or the ECB / Fed H.10 history) into the store, in one transaction', ja: 'ファイル（または ECB・FRB H.10 の履歴）をストアに取り込む（1 トランザクション）' },
  params: {
    files: param(fileNames(50), {
      description: { en: 'files to import (1 to 50), or "ecb" / "h10" alone to download that history', ja: '取り込むファイル（1〜50 個）。"ecb" か "h10" だけなら履歴をダウンロード' },
      cli: 'argument',
      required: true,
    }),
    source: param(text(/^[\w .-]{1,40}$/, { en: 'a source name such as MyBroker', rule: 'source' }, 40, '<name>'), {
      description: { en: 'store under this source name (default: the publisher or tool: HistData, ECB, FRB H.10, FRED, MT4, MT5, CSV)', ja: 'このソース名で保存（既定: 発行元・ツール名）' },
      api: false,
    }),
    replace: param(bool(), { description: { en: 'rows already stored with other values take the new values', ja: '保存済みで値の異なる行を新しい値で置き換える' }, api: false }),
    file: param(text(/^[^\0\r\n]{1,400}$/, { en: 'a file path', rule: 'file' }, 400, '<path>'), {
      description: { en: 'with ecb or h10: import this downloaded copy instead of downloading', ja: 'ecb か h10 と: ダウンロードせずにこのファイルを取り込む' },
      api: false,
    }),
    progress: param(bool(), { description: { en: 'print progress lines even when stderr is not a terminal', ja: '標準エラーが端末でなくても進捗を表示' }, api: false }),
    ...readParams,
  },
  rules: [],
  examples: importExamples,
});

/**
 * Upload one file and import it (`POST /api/import/upload?name=…`; the body is the file).
 *
 * @example parseRequest(uploadRequest, { name: 'a.zip' }, { text: true }).name // 'a.zip'
 */
export const uploadRequest = defineRequest({
  name: 'upload',
  summary: { en: 'Upload a file and import it', ja: 'ファイルをアップロードして取り込む' },
  params: {
    name: param(text(/^[^/\\\0\r\n]{1,200}$/, { en: 'a file name without folders', rule: 'file-name' }, 200, '<name>'), {
      description: { en: 'file name as uploaded (its extension and name help detection, e.g. HISTDATA_COM_ASCII_EURUSD_M1_2017.zip)', ja: 'アップロードしたファイル名（拡張子と名前で判定を助ける）' },
      required: true,
    }),
    ...readParams,
  },
  rules: [],
  examples: [],
});

/**
 * Where an import is: receiving the upload, reading, writing, committing, done.
 *
 * @example importProgressSchema.parse({ phase: 'reading', rows: 1000, fraction: 0.5 }).phase // 'reading'
 */
export const importProgressSchema = z.object({
  phase: z.enum(['receiving', 'reading', 'writing', 'committing', 'done']),
  bytes: z.optional(count),
  totalBytes: z.optional(count),
  rows: described(z.optional(count), 'lines (rows) read so far'),
  fraction: described(z.optional(z.number().check(z.minimum(0), z.maximum(1))), 'share of the input read, when known'),
});

/**
 * What an import did.
 *
 * @example importOutcomeSchema.parse({ source: 'ECB', files: ['eurofxref-hist.zip'], series: [], added: 0, skipped: 0, notes: [] }).added // 0
 */
export const importOutcomeSchema = z.object({
  source: z.string(),
  files: z.array(z.string()),
  series: z.array(z.object({ symbol: z.string(), rows: count, first: epochMs, last: epochMs })),
  added: described(count, 'rows new to the data (re-importing the same file adds none)'),
  skipped: count,
  notes,
});

/**
 * An import running in the background: the body of `POST /api/import`,
 * `POST /api/import/upload`, `POST /api/import/ecb` (202) and
 * `GET /api/jobs/{id}`. A failed job's error has the shape of an error response's.
 *
 * @example jobResponse.safeParse(await (await fetch('/api/jobs/{id}')).json()).success // true
 */
export const jobResponse = z.object({
  id: z.string(),
  kind: z.enum(['import', 'upload', 'ecb']),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  files: described(z.array(z.string()), 'what is being imported (display names)'),
  progress: z.nullable(importProgressSchema),
  result: z.nullable(importOutcomeSchema),
  error: z.nullable(errorSchema),
  created: epochMs,
  finished: z.nullable(epochMs),
});

/**
 * The body of `GET /api/import/files`: files in the data folder that an import may read.
 *
 * @example importFilesResponse.safeParse(await (await fetch('/api/import/files')).json()).success // true
 */
export const importFilesResponse = z.object({
  folder: z.string(),
  files: z.array(z.object({ path: described(z.string(), 'relative to the folder'), bytes: count })),
});

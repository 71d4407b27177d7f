import type { Localised } from './text.js';
import { oneOf } from './spec/kinds.js';
import { param, type Param } from './spec/param.js';

/** How a command prints its answer: `table` to read, `json` (the API's body) and `csv` for programs. */
export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;

/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * The `--format` parameter of a command: which of {@link OUTPUT_FORMATS} it
 * prints (all, or the `formats` it has; the first, `table`, is the default)
 * and, in `note`, what its CSV holds when that is not the table itself.
 * Command line only: the API always answers JSON.
 *
 * @example formatParam().fromText('JSON') // 'json'
 * @example formatParam(['table', 'json']).description.en // 'output: table | json'
 * @example formatParam(OUTPUT_FORMATS, { en: 'csv: the Epps curve', ja: 'csv: Epps 曲線' }).description.en // 'output: table | json | csv (csv: the Epps curve)'
 */
export function formatParam<const F extends OutputFormat>(formats: readonly [F, ...F[]] = OUTPUT_FORMATS as unknown as [F, ...F[]], note?: Localised): Param<F> {
  const list = formats.join(' | ');
  return param(oneOf(formats), {
    description: { en: `output: ${list}${note ? ` (${note.en})` : ''}`, ja: `出力形式: ${list}${note ? `（${note.ja}）` : ''}` },
    default: formats[0],
    cli: 'option',
    api: false,
  });
}

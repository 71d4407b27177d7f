/** A legend entry of an exported chart: a swatch (plain or hatched) and its words. */
export interface LegendItem {
  readonly fill: string;
  readonly hatch?: string;
  readonly text: string;
}

/**
 * What an export says about itself, so a file read on its own is not a bare
 * chart or bare numbers: the caption (method, input, window, dates), the
 * legend, the data source, and the request's fields for machines.
 */
export interface ExportMeta {
  readonly caption: string;
  readonly legend: readonly LegendItem[];
  /** Notes printed under the legend (e.g. what a faded cell means). */
  readonly notes: readonly string[];
  /** The source line: data source and credit, and the program that made the file. */
  readonly source: string;
  /** Machine-readable facts (method, timeframe, window, start, end, …). */
  readonly fields: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * The CSV header block of an export: `# ` lines (caption, each field as
 * `key: value`, legend, notes, source), which pandas skips with
 * `read_csv(comment='#')` and R with `read.csv(comment.char = '#')`.
 */
export function csvHeader(m: ExportMeta): string {
  const lines = [m.caption, ...Object.entries(m.fields).map(([k, v]) => `${k}: ${v ?? ''}`), ...m.legend.map((l) => `legend: ${l.text}`), ...m.notes.map((n) => `note: ${n}`), `source: ${m.source}`];
  return lines.map((l) => `# ${l.replace(/[\r\n]+/g, ' ')}\r\n`).join('');
}

/** The JSON of an export: a `meta` object first, then the data's own fields (or `data` for a non-object). */
export function withMeta(m: ExportMeta, data: unknown): Record<string, unknown> {
  const meta = { caption: m.caption, ...m.fields, legend: m.legend.map((l) => l.text), notes: m.notes, source: m.source };
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? { meta, ...(data as Record<string, unknown>) } : { meta, data };
}

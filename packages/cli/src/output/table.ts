/** Width of a string as printed (ANSI escapes removed). */
export function visibleWidth(s: string): number {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}

/** Pads to a printed width, right-aligned by default. */
export function pad(s: string, width: number, align: 'left' | 'right' = 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(s)));
  return align === 'right' ? fill + s : s + fill;
}

/** A plain aligned table: first column left-aligned, the rest right-aligned. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(visibleWidth(h), ...rows.map((r) => visibleWidth(r[j] ?? ''))));
  const line = (cells: readonly string[]): string => cells.map((c, j) => pad(c, widths[j]!, j === 0 ? 'left' : 'right')).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

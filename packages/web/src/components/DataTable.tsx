import type { ReactNode } from 'react';
import { ExportMenu } from './common';

/** One column: its header, the raw value (CSV/JSON) and how the cell shows it. */
export interface Column<R> {
  readonly key: string;
  readonly label: string;
  readonly value: (r: R) => string | number | null | undefined;
  readonly show?: (r: R) => ReactNode;
  readonly num?: boolean;
}

/** A table whose CSV/JSON export carries the same rows at full precision. */
export function DataTable<R>({ rows, columns, name, caption, testId, exportable = true }: { rows: readonly R[]; columns: readonly Column<R>[]; name: string; caption?: string; testId?: string; exportable?: boolean }) {
  return (
    <div className="data-table">
      {exportable && (
        <div className="table-actions">
          <ExportMenu
            name={name}
            csv={() => [columns.map((c) => c.key), ...rows.map((r) => columns.map((c) => c.value(r) ?? null))]}
            json={() => rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, c.value(r) ?? null])))}
          />
        </div>
      )}
      <div className="table-scroll">
        <table className="list" data-testid={testId}>
          {caption && <caption>{caption}</caption>}
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col" className={c.num ? 'num' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.key} className={c.num ? 'num' : undefined}>
                    {c.show ? c.show(r) : String(c.value(r) ?? '—')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * The few DuckDB operations the store needs, fast: opening a database file
 * with the lock conflict turned into a sentence, moving typed-array columns
 * into a query (a JS table function filling DuckDB vectors with one memory
 * copy per column per 2048 rows) and reading DOUBLE columns back into
 * `Float64Array`s the same way.
 *
 * `@duckdb/node-api` exposes vectors one value at a time; its
 * `@duckdb/node-bindings` layer has the bulk copies (`copy_data_to_vector`,
 * `vector_get_data`), which is what makes 3 M rows cost milliseconds of JS
 * rather than seconds (DuckDB's appender spends ~1 s per 3 M rows on the JS
 * thread before any storage work).
 */
import { BIGINT, DOUBLE, DuckDBConnection, DuckDBInstance, DuckDBTableFunction, INTEGER, type DuckDBType } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { InputError } from '../errors.js';

/** Rows DuckDB moves per vector (2048). */
const VECTOR = duckdb.vector_size();

/** Column types a {@link RowBatch} can carry. */
export type ColumnKind = 'f64' | 'i64' | 'i32';

/** Columns handed to DuckDB through {@link BatchSource}: typed arrays of equal length `n`. */
export interface RowBatch {
  readonly names: readonly string[];
  readonly kinds: readonly ColumnKind[];
  /** `Float64Array` for f64, `BigInt64Array` for i64, `Int32Array` for i32. */
  readonly columns: readonly (Float64Array | BigInt64Array | Int32Array)[];
  readonly n: number;
}

const TYPE: Record<ColumnKind, DuckDBType> = { f64: DOUBLE, i64: BIGINT, i32: INTEGER };
const WIDTH: Record<ColumnKind, number> = { f64: 8, i64: 8, i32: 4 };

/**
 * A table function `soukan_batch(id)` registered on one connection: queries
 * read registered {@link RowBatch}es as tables (`INSERT INTO bars SELECT …
 * FROM soukan_batch(3)`), so the storage work runs on DuckDB's threads while
 * the JS thread only copies memory.
 */
export class BatchSource {
  private readonly batches = new Map<number, RowBatch>();
  private next = 1;

  constructor(conn: DuckDBConnection) {
    const batches = this.batches;
    conn.registerTableFunction(
      DuckDBTableFunction.create({
        name: 'soukan_batch',
        parameterTypes: [INTEGER],
        bindFunction: (info) => {
          const id = info.getParameter(0) as number;
          const b = batches.get(id);
          if (!b) {
            info.setError(`soukan_batch: no batch ${id}`);
            return;
          }
          b.names.forEach((name, j) => info.addResultColumn(name, TYPE[b.kinds[j]!]));
          info.setBindData({ b });
        },
        initFunction: (info) => info.setInitData({ pos: 0 }),
        mainFunction: (info, out) => {
          const { b } = info.bindData as { b: RowBatch };
          const state = info.initData as { pos: number };
          const m = Math.min(VECTOR, b.n - state.pos);
          out.rowCount = m;
          if (m <= 0) return;
          for (let j = 0; j < b.columns.length; j++) {
            const col = b.columns[j]!;
            const w = WIDTH[b.kinds[j]!];
            duckdb.copy_data_to_vector(duckdb.data_chunk_get_vector(out.chunk, j), 0, col.buffer as ArrayBuffer, col.byteOffset + state.pos * w, m * w);
          }
          state.pos += m;
        },
      }),
    );
  }

  /** Registers a batch and returns its id for `soukan_batch(id)`. */
  add(batch: RowBatch): number {
    for (const c of batch.columns) if (c.length < batch.n) throw new Error('BatchSource: column shorter than n');
    const id = this.next++;
    this.batches.set(id, batch);
    return id;
  }

  /** Forgets a batch (its arrays can be collected). */
  drop(id: number): void {
    this.batches.delete(id);
  }
}

/**
 * Runs a query whose columns are all DOUBLE (cast them in SQL; no NULLs:
 * `coalesce(x, 'NaN')`) and returns them as `Float64Array`s, streaming the
 * result chunk by chunk.
 *
 * @example (await readColumns(conn, 'SELECT t::DOUBLE, close FROM …')).columns[1] // Float64Array
 */
export async function readColumns(conn: DuckDBConnection, sql: string, params?: Record<string, string>): Promise<{ n: number; columns: Float64Array[] }> {
  const res = await conn.stream(sql, params);
  const k = res.columnCount;
  let cap = 4096;
  let n = 0;
  let columns = Array.from({ length: k }, () => new Float64Array(cap));
  for (;;) {
    const chunk = await res.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const m = chunk.rowCount;
    if (n + m > cap) {
      while (n + m > cap) cap *= 2;
      columns = columns.map((c) => {
        const g = new Float64Array(cap);
        g.set(c.subarray(0, n));
        return g;
      });
    }
    for (let j = 0; j < k; j++) {
      const bytes = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk.chunk, j), m * 8);
      columns[j]!.set(new Float64Array(bytes.buffer, bytes.byteOffset, m), n);
    }
    n += m;
  }
  return { n, columns: columns.map((c) => (c.length === n ? c : c.slice(0, n))) };
}

/** Rows of a small query as plain objects (numbers for BIGINT/INTEGER that fit, strings, null). */
export async function readRows(conn: DuckDBConnection, sql: string, params?: Record<string, string | number>): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowObjectsJS().map((r) => {
    const o: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(r)) o[key] = typeof v === 'bigint' ? Number(v) : v;
    return o;
  });
}

/** How a database file is opened. */
export interface OpenOptions {
  /** Open without the write lock; several readers may share a file (but not with a writer). */
  readonly readOnly?: boolean;
}

/**
 * Opens (creating when writable) a DuckDB database file. A file that another
 * process holds becomes an `InputError` naming that process — DuckDB lets
 * one process write a file, or several read it, never both.
 *
 * @throws InputError when the file is locked by another process or is not a DuckDB database.
 */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, options.readOnly ? { access_mode: 'READ_ONLY' } : {});
  } catch (e) {
    throw explainOpenError(path, e as Error);
  }
  return { instance, conn: await instance.connect() };
}

/**
 * Turns DuckDB's open failures into user-facing messages.
 *
 * @example explainOpenError('/s.duckdb', new Error('IO Error: Could not set lock on file "/s.duckdb": Conflicting lock is held in /usr/bin/node (PID 42).')).message
 *   // 'store /s.duckdb is in use by another process (PID 42, /usr/bin/node) — an import or another soukan command; try again when it has finished'
 */
export function explainOpenError(path: string, e: Error): Error {
  const m = e.message ?? String(e);
  const lock = /Could not set lock on file[^:]*: Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(m);
  if (lock) {
    return new InputError(`store ${path} is in use by another process (PID ${lock[2]}, ${lock[1]}) — an import or another soukan command; try again when it has finished`);
  }
  if (/Could not set lock on file/.test(m)) {
    return new InputError(`store ${path} is in use by another process (an import or another soukan command); try again when it has finished`);
  }
  if (/not a valid DuckDB database file|The file is not a valid|Failed to read database header|is not a DuckDB/i.test(m)) {
    return new InputError(`store ${path} is not a soukan store (not a DuckDB database file); pass another --store`);
  }
  if (/Cannot open file|No such file|Permission denied/i.test(m)) {
    return new InputError(`cannot open store ${path}: ${m.replace(/^IO Error: /, '')}`);
  }
  return e;
}

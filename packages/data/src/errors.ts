import type { ErrorCode } from '@soukan/requests';

/**
 * One error type for everything a user can get wrong about their input: a
 * malformed row, an unknown symbol, a window longer than the data. The CLI
 * prints `message` (no stack) and exits 2; the HTTP API turns it into a 400.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  /** File the problem is in, when there is one. */
  readonly file?: string;
  /** 1-based line number in that file. */
  readonly line?: number;
  /** Field (column) name or 1-based index. */
  readonly field?: string;
  /** The offending text, verbatim (truncated to 80 characters). */
  readonly text?: string;
  /**
   * A stable identifier of the kind of mistake (`unknown-symbol`,
   * `too-few-observations`…) for callers that word the message themselves,
   * e.g. the dashboard in Japanese; `params` carries the values it names.
   */
  readonly code?: ErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;

  constructor(message: string, where: InputErrorDetails = {}) {
    super(formatWhere(message, where));
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
    this.text = where.text === undefined ? undefined : clip(where.text);
    this.code = where.code;
    this.params = where.params;
  }
}

/** Where an {@link InputError} happened and, optionally, a stable code with its values. */
export interface InputErrorDetails {
  file?: string;
  line?: number;
  field?: string;
  text?: string;
  code?: ErrorCode;
  params?: Readonly<Record<string, string | number>>;
}

/** Where a skipped bad row was, for the end-of-run report. */
export interface RowProblem {
  readonly file: string;
  readonly line: number;
  readonly field?: string;
  readonly text?: string;
  readonly reason: string;
}

/** Counts skipped rows and keeps the first few locations. */
export class SkipLog {
  count = 0;
  readonly first: RowProblem[] = [];
  constructor(readonly keep = 10) {}
  add(p: RowProblem): void {
    this.count++;
    if (this.first.length < this.keep) this.first.push(p);
  }

  /**
   * The note for the end of a read or import: how many rows were skipped and
   * where the first was; `undefined` when none were.
   *
   * @example log.note() // 'skipped 2 bad rows (skipBadRows); first: a.csv, line 3, field USD: not a number: "x"'
   */
  note(): string | undefined {
    if (this.count === 0) return undefined;
    return `skipped ${this.count} bad row${this.count === 1 ? '' : 's'} (skipBadRows); first: ${describeProblem(this.first[0]!)}`;
  }
}

/**
 * A skipped row as a person reads it: file, line, field, why, and the text.
 *
 * @example describeProblem({ file: 'a.csv', line: 3, field: 'USD', text: 'x', reason: 'not a number' }) // 'a.csv, line 3, field USD: not a number: "x"'
 */
export function describeProblem(p: RowProblem): string {
  return formatWhere(p.reason, p);
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function formatWhere(message: string, w: { file?: string; line?: number; field?: string; text?: string }): string {
  const loc = [w.file, w.line !== undefined ? `line ${w.line}` : undefined, w.field !== undefined ? `field ${w.field}` : undefined]
    .filter((x) => x !== undefined)
    .join(', ');
  const text = w.text !== undefined ? `: ${JSON.stringify(clip(w.text))}` : '';
  return loc ? `${loc}: ${message}${text}` : `${message}${text}`;
}

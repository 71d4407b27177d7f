// Shapes of the API's JSON bodies (see /api/openapi.json).

export type Reason = null | 'too-few-observations' | 'constant-input';
export type Method = 'pearson' | 'spearman' | 'kendall';

export interface MatrixResponse {
  symbols: string[];
  matrix: (number | null)[][];
  n: number[][];
  p: (number | null)[][];
  ci: { level: number; low: (number | null)[][]; high: (number | null)[][] };
  reason: Reason[][];
  method: Method;
  on: 'returns' | 'levels';
  returns: 'log' | 'simple' | null;
  window: number | 'range';
  timeframe: string;
  start: string;
  end: string;
  observations: number;
  minPeriods: number;
  order: 'given' | 'cluster';
  source: string;
  attribution: string | null;
  /** In English; `noteCodes[i]` is the code and values of `notes[i]`. */
  notes: string[];
  noteCodes?: { code: string; params: Record<string, string | number> }[];
}

export interface PairResponse extends MatrixResponse {
  prices: { time: number[]; a: (number | null)[]; b: (number | null)[] };
  sample: { time: number[]; a: (number | null)[]; b: (number | null)[] };
  rolling: { window: number; time: number[]; rho: (number | null)[]; mean: number | null; sd: number | null; count: number };
}

export interface MetaResponse {
  version: string;
  dataVersion: number;
  provider: { kind: 'files' | 'store'; location: string; path?: string | null };
  sources: { name: string; frequency: 'daily' | 'intraday'; series: number; first: string | null; last: string | null }[];
  source: null | {
    name: string;
    frequency: 'daily' | 'intraday';
    description: string;
    attribution: string | null;
    currencies: string[];
    pairs: string[];
    timeframes: string[];
  };
  universes: Record<string, string[]>;
  timeframes: string[];
  imports: { fromFolder: boolean; upload: boolean };
  limits: { timeBudgetSeconds: number; maxUploadBytes: number; maxSymbols: number; workers: number; queue: number };
  auth: boolean;
}

export interface SeriesRow {
  source: string;
  symbol: string;
  kind: 'bars' | 'quotes';
  frequency: 'daily' | 'intraday';
  rows: number;
  first: string | null;
  last: string | null;
}

export interface ListResponse {
  provider: { kind: string; location: string };
  dataVersion: number;
  series: SeriesRow[];
}

export interface ImportOutcome {
  source: string;
  files: string[];
  series: { symbol: string; rows: number; first: number; last: number }[];
  added: number;
  skipped: number;
  notes: string[];
}

export interface ApiErrorBody {
  status: number;
  code: string;
  message: string;
  params: Record<string, string | number>;
}

export interface Job {
  id: string;
  kind: 'import' | 'upload' | 'ecb';
  state: 'queued' | 'running' | 'done' | 'failed';
  files: string[];
  progress: { phase: 'receiving' | 'reading' | 'writing' | 'committing' | 'done'; bytes?: number; totalBytes?: number; rows?: number; fraction?: number } | null;
  result: ImportOutcome | null;
  error: ApiErrorBody | null;
}

export interface FolderFiles {
  folder: string;
  files: { path: string; bytes: number }[];
}

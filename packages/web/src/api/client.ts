import type { ApiErrorBody, Job } from './types';

/** An error response of the API (or a network failure, code `network`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly params: Record<string, string | number>;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.status = body.status;
    this.code = body.code;
    this.params = body.params ?? {};
  }
}

const TOKEN_KEY = 'soukan.token';

/** The bearer token for servers started with --token (kept for this browser tab only). */
export function getToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage disabled: the token lives until reload */
  }
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const t = getToken();
  return t ? { ...extra, Authorization: `Bearer ${t}` } : extra;
}

/** Query string of defined values, in a stable order. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function parse<T>(res: Response): Promise<T> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiError({ status: res.status, code: 'bad-response', message: `HTTP ${res.status}`, params: {} });
  }
  if (!res.ok) {
    const e = (body as { error?: ApiErrorBody }).error;
    throw new ApiError(e ?? { status: res.status, code: 'bad-response', message: `HTTP ${res.status}`, params: {} });
  }
  return body as T;
}

function networkError(e: unknown): never {
  if ((e as Error).name === 'AbortError') throw e;
  throw new ApiError({ status: 0, code: 'network', message: (e as Error).message, params: {} });
}

/** GET an API path with query parameters. */
export async function apiGet<T>(path: string, params: Record<string, string | number | undefined | null> = {}, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${path}${queryString(params)}`, { headers: headers(), signal });
  } catch (e) {
    networkError(e);
  }
  return parse<T>(res);
}

/** POST JSON (or nothing). */
export async function apiPost<T>(path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    networkError(e);
  }
  return parse<T>(res);
}

/** Uploads a file with progress (fetch has no upload progress; XHR does). */
export function apiUpload(path: string, file: File, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<Job> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    const t = getToken();
    if (t) xhr.setRequestHeader('Authorization', `Bearer ${t}`);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* handled below */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body as Job);
      else reject(new ApiError((body as { error?: ApiErrorBody } | null)?.error ?? { status: xhr.status, code: 'bad-response', message: `HTTP ${xhr.status}`, params: {} }));
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'upload-interrupted', message: 'the upload was interrupted', params: {} }));
    xhr.onabort = () => reject(new ApiError({ status: 0, code: 'upload-cancelled', message: 'upload cancelled', params: {} }));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

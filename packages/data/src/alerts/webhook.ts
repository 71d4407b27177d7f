import { InputError } from '../errors.js';
import type { Alert } from './types.js';

/**
 * Checks a webhook address: http or https only (no file:, data: …).
 *
 * @throws InputError naming the address otherwise.
 * @example webhookUrl('https://hooks.example.com/soukan').protocol // 'https:'
 */
export function webhookUrl(text: string): URL {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new InputError('not a URL', { field: 'webhook', text });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new InputError('a webhook must be an http or https URL', { field: 'webhook', text });
  return u;
}

/**
 * Delivers an alert to a user's webhook: `POST` of the alert as JSON
 * (`{ ruleId, kind, time (ISO), subject, message, evidence }`), retried with
 * backoff (0.5 s, 1 s, 2 s) on network errors and 5xx answers. Never throws:
 * returns whether it was delivered and the last status or error, for the
 * feed's report.
 *
 * @example await deliverWebhook(webhookUrl('http://127.0.0.1:19480/hook'), alert) // { delivered: true, status: 200, attempts: 1 }
 */
export async function deliverWebhook(url: URL, a: Alert, options: { attempts?: number; backoffMs?: number; timeoutMs?: number } = {}): Promise<{ delivered: boolean; status?: number; error?: string; attempts: number }> {
  const attempts = options.attempts ?? 4;
  const body = JSON.stringify({ ...a, time: new Date(a.time).toISOString() });
  let last: { status?: number; error?: string } = {};
  for (let n = 1; n <= attempts; n++) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'User-Agent': 'soukan-alerts' }, body, signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 500) return { delivered: res.ok, status: res.status, attempts: n };
      last = { status: res.status };
    } catch (e) {
      last = { error: (e as Error).message };
    }
    if (n < attempts) await new Promise((r) => setTimeout(r, (options.backoffMs ?? 500) * 2 ** (n - 1)));
  }
  return { delivered: false, ...last, attempts };
}

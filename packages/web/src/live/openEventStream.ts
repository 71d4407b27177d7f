import { getToken } from '../api/client';
import { parseSse } from './parseSse';

/** What a live event stream reports to its owner. */
export interface StreamHandlers {
  onOpen(): void;
  onEvent(type: string, data: string): void;
  /** The stream dropped; `retrying` when the transport reconnects by itself, else the owner reopens it. */
  onDrop(retrying: boolean): void;
}

/**
 * Opens the event stream at `url` and returns its close function. Without a
 * token it is an `EventSource` (which reconnects by itself); with the
 * server's bearer token (`--token`) it is a `fetch` that sends the
 * `Authorization` header an `EventSource` cannot, parsed by {@link parseSse};
 * when it ends the owner reopens it.
 *
 * @example const close = openEventStream('/api/live/events?session=all', ['status'], { onOpen, onEvent, onDrop }); close()
 */
export function openEventStream(url: string, types: readonly string[], h: StreamHandlers): () => void {
  const token = getToken();
  if (!token) {
    const es = new EventSource(url);
    es.onopen = () => h.onOpen();
    es.onerror = () => {
      const retrying = es.readyState !== EventSource.CLOSED;
      if (!retrying) es.close();
      h.onDrop(retrying);
    };
    for (const type of types) es.addEventListener(type, (e) => h.onEvent(type, (e as MessageEvent<string>).data));
    return () => es.close();
  }
  const ac = new AbortController();
  void (async () => {
    try {
      const res = await fetch(url, { headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` }, signal: ac.signal, cache: 'no-store' });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      h.onOpen();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const { events, rest } = parseSse(buf + value);
        buf = rest;
        for (const e of events) if (types.includes(e.event)) h.onEvent(e.event, e.data);
      }
    } catch {
      /* a network failure or an HTTP error: reported as a drop below */
    }
    if (!ac.signal.aborted) h.onDrop(false);
  })();
  return () => ac.abort();
}

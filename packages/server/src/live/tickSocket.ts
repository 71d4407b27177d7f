import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { LiveService } from './liveService.js';

/** Path of the push WebSocket. */
const PATH = '/api/ticks/ws';
/** Largest message: 1 MiB of JSON lines. */
const MAX_MESSAGE = 1024 * 1024;

/** Who may open the tick socket. */
export interface TickSocketOptions {
  /** Bearer token every connection must carry (`Authorization: Bearer …`), as every other write. */
  readonly token?: string;
  /** Host names accepted in the Host header (a loopback server's DNS-rebinding guard). */
  readonly allowedHosts?: readonly string[];
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

function refuse(socket: Duplex, status: number, reason: string, message: string): void {
  const body = JSON.stringify({ error: { code: reason, message } });
  socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Forbidden'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n${status === 401 ? 'WWW-Authenticate: Bearer\r\n' : ''}\r\n${body}`);
}

/**
 * `GET /api/ticks/ws`: a WebSocket (library `ws`) for bridges that keep one
 * connection open — each text message holds one or more ticks as JSON
 * lines, taken exactly as `POST /api/ticks` takes them; the server answers
 * each message with `{"lines":…,"accepted":…}`. The upgrade is checked as
 * every write is: the Host header (loopback servers), the bearer token when
 * the server has one, and the Origin — a page of another site (its Origin's
 * host is not the Host) is refused, so a browser cannot be made to push ticks.
 *
 * @example attachTickSocket(httpServer, live, { token })
 */
export function attachTickSocket(server: Server, live: LiveService, o: TickSocketOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });
  const expected = o.token !== undefined ? digest(o.token) : undefined;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== PATH) return refuse(socket, 404, 'not-found', `no WebSocket at ${url.pathname}; use ${PATH}`);
    const host = (req.headers.host ?? '').toLowerCase();
    const hostName = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
    if (o.allowedHosts && !o.allowedHosts.includes(hostName)) return refuse(socket, 403, 'bad-host', `this server answers to ${o.allowedHosts.join(', ')} only`);
    if (expected) {
      const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
      if (!m || !timingSafeEqual(digest(m[1]!), expected)) return refuse(socket, 401, 'unauthorized', 'this server needs a bearer token: Authorization: Bearer <token>');
    }
    const origin = req.headers.origin;
    if (origin !== undefined) {
      let from = '';
      try {
        from = new URL(origin).host.toLowerCase();
      } catch {
        /* "null" or unparsable: refused */
      }
      if (from !== host) return refuse(socket, 403, 'cross-origin', 'cross-origin requests may not change data');
    }
    if (live.feed !== 'push') return refuse(socket, 404, 'live-off', `push input is off: this server runs --live ${live.feed}`);
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data, isBinary) => {
        if (isBinary) {
          ws.send(JSON.stringify({ error: { code: 'unsupported-media-type', message: 'send ticks as text messages of JSON lines' } }));
          return;
        }
        void live.push(data.toString()).then(
          (r) => ws.send(JSON.stringify(r)),
          (e: Error) => ws.send(JSON.stringify({ error: { code: 'internal', message: e.message } })),
        );
      });
    });
  });
  return wss;
}

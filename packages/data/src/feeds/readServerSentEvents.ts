/** One server-sent event: its type (`message` when unnamed) and its data lines joined. */
export interface ServerSentEvent {
  readonly event: string;
  readonly data: string;
}

/**
 * Parses a `text/event-stream` body as the HTML standard says: lines end in
 * LF, CR or CRLF; `event:` names the next event, `data:` lines are joined
 * with LF, a blank line dispatches, lines starting with `:` are comments
 * (pings); one leading space after the colon is dropped. Yields events as
 * they complete.
 *
 * @example for await (const e of readServerSentEvents(res.body)) if (e.event === 'alert') console.log(JSON.parse(e.data).message)
 */
export async function* readServerSentEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let carry = '';
  let event = '';
  let data: string[] = [];
  for await (const chunk of body) {
    let text = carry + decoder.decode(chunk, { stream: true });
    // A CR at the very end may be the first half of a CRLF: keep it for the next chunk.
    const cr = text.endsWith('\r');
    if (cr) text = text.slice(0, -1);
    const lines = text.split(/\r\n|\r|\n/);
    carry = lines.pop()! + (cr ? '\r' : '');
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) yield { event: event || 'message', data: data.join('\n') };
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  }
}

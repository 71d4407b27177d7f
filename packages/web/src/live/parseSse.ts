/** One event of a `text/event-stream`. */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
}

/**
 * Splits the text of an event stream received so far into its complete
 * events (per the HTML standard's rules: blocks end with a blank line,
 * `event:` names, `data:` lines join with newlines, `:` lines are comments,
 * CR LF and CR count as line ends) and the unfinished rest to keep for the
 * next chunk. Blocks without data (a `retry:` line, a comment) yield nothing.
 *
 * @example parseSse('event: status\ndata: {"a":1}\n\n: ping\n\ndata: x').events // [{ event: 'status', data: '{"a":1}' }]
 */
export function parseSse(text: string): { events: SseEvent[]; rest: string } {
  const norm = text.replace(/\r\n?/g, '\n');
  const blocks = norm.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: SseEvent[] = [];
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/**
 * A note's stable identity: a `code` and the values its text names, so a
 * client can word it in another language (the dashboard in Japanese). The
 * English text stays the note itself (`notes: string[]`, what the CLI prints);
 * `noteCodes[i]` describes `notes[i]`.
 *
 * @example { code: 'pairs-missing', params: { count: 2, universe: 'majors', source: 'HistData data', symbols: 'EUR/AUD AUD/USD' } }
 */
export interface NoteCode {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * Notes of a request in English with their codes beside them, in step.
 * Time O(1) per note.
 *
 * @example const n = new Notes(); n.add('forward-filled', { count: 3 }, 'forward-filled 3 missing value(s)'); n.texts // ['forward-filled 3 missing value(s)']
 */
export class Notes {
  readonly texts: string[] = [];
  readonly codes: NoteCode[] = [];
  /** Adds one note: its code, the values it names, and its English text. */
  add(code: string, params: NoteCode['params'], text: string): void {
    this.texts.push(text);
    this.codes.push({ code, params });
  }
}

import { StringDecoder } from 'node:string_decoder';
import { InputError } from '../errors.js';
import { inputBytes, textDecoderFor, type Input } from '../formats/input.js';
import { DEFAULT_MAX_LINE_LENGTH } from '../formats/limits.js';

/**
 * Complete lines of a decoded chunk: `text` holds them (each ending in a line
 * break, except possibly the last block's last line); `firstLine` is the
 * 1-based number of the first.
 */
export interface TextBlock {
  readonly text: string;
  readonly firstLine: number;
}

/**
 * The text of an input, block by block of whole lines, pulled: the stream is
 * read only as fast as the consumer asks (an import awaiting DuckDB between
 * blocks keeps memory at one block). `pumpLines` in formats pushes every line
 * at once, which suits readers that keep the whole series anyway. Decoding
 * as `pumpLines` does ({@link textDecoderFor}).
 *
 * @throws InputError for UTF-16BE, a failing stream, or a line over 1 MiB.
 * @example for await (const b of textBlocks(await openInput('ticks.csv'))) count += b.text.split('\n').length
 */
export async function* textBlocks(input: Input): AsyncGenerator<TextBlock> {
  let decoder: StringDecoder | undefined;
  let carry = '';
  let line = 1;
  try {
    for await (const chunk of inputBytes(input)) {
      let buf = chunk;
      if (!decoder) [decoder, buf] = textDecoderFor(buf, input.name);
      const s = carry + decoder.write(buf);
      const cut = s.lastIndexOf('\n') + 1;
      carry = s.slice(cut);
      if (carry.length > DEFAULT_MAX_LINE_LENGTH) throw new InputError(`a line is longer than 1 MiB; not a text file?`, { file: input.name });
      if (cut === 0) continue;
      const text = s.slice(0, cut);
      yield { text, firstLine: line };
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read: ${(e as Error).message}`, { file: input.name });
  }
  const rest = carry + (decoder ? decoder.end() : '');
  if (rest.length > 0) yield { text: rest, firstLine: line };
}

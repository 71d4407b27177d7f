/** A negative amount as typed after a pair: -50000, -50k, -1.5m, -1_000. */
const NEGATIVE_AMOUNT = /^-(\d[\d_,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?[kKmM]?$/;

/** The commands whose positional words are positions (`PAIR AMOUNT …`). */
const POSITION_COMMANDS = new Set(['var', 'exposure']);

/**
 * `soukan var EUR/USD 100k USD/JPY -50k`: a word such as `-50k` would be
 * read as an unknown option, so in the commands that take positions a
 * negative amount right after a word that is not an option is joined to it
 * as `USD/JPY=-50k`, the form the positions reader takes. Every other word,
 * and every other command, is left alone.
 *
 * @example amountArgs(['var', 'USD/JPY', '-50k']) // ['var', 'USD/JPY=-50k']
 * @example amountArgs(['corr', '--rf', '-0.01']) // ['corr', '--rf', '-0.01']
 */
export function amountArgs(argv: readonly string[]): string[] {
  const command = argv.find((a) => !a.startsWith('-'));
  if (command === undefined || !POSITION_COMMANDS.has(command)) return [...argv];
  const out: string[] = [];
  for (const a of argv) {
    const prev = out[out.length - 1];
    if (NEGATIVE_AMOUNT.test(a) && prev !== undefined && prev !== command && !prev.startsWith('-') && !prev.includes('=')) out[out.length - 1] = `${prev}=${a}`;
    else out.push(a);
  }
  return out;
}

import { correlationBand } from '@soukan/core';

/** Terminal styling: colour only on a TTY, honouring NO_COLOR and FORCE_COLOR. */
export interface Style {
  readonly color: boolean;
  paint(code: string, text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function makeStyle(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): Style {
  const color = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' ? true : env.NO_COLOR !== undefined ? false : Boolean(stream.isTTY);
  const wrap = (open: string, text: string): string => (color ? `\x1b[${open}m${text}\x1b[0m` : text);
  return {
    color,
    paint: (code, text) => wrap(code, text),
    dim: (text) => wrap('2', text),
    bold: (text) => wrap('1', text),
  };
}

/**
 * The terminal colour of a coefficient: its trader strength band
 * (CORRELATION_BANDS in @soukan/core, the dashboard's bands too).
 */
export function strengthColor(r: number): string {
  return correlationBand(r).ansi;
}

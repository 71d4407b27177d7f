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
 * Strength bands traders know from MetaTrader correlation indicators:
 * |ρ| ≥ 0.75 red, ≥ 0.5 orange, ≥ 0.25 blue, else green.
 */
export function strengthColor(r: number): string {
  const a = Math.abs(r);
  if (a >= 0.75) return '31'; // red
  if (a >= 0.5) return '38;5;208'; // orange
  if (a >= 0.25) return '34'; // blue
  return '32'; // green
}

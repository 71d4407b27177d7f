// Colour schemes of the correlation views.
//
// Trader bands follow the MetaTrader correlation indicators traders know:
// |ρ|×100 < 25 green, 25–50 blue, 50–75 orange, ≥ 75 red. The sign shows
// as the cell's style: positive cells are filled with the band colour,
// negative cells are outlined in it (pale fill, dark text), and the label
// carries the sign. Diverging: ColorBrewer RdBu (11 classes), blue −1,
// white 0, red +1.

export type Scheme = 'bands' | 'diverging';

const BANDS = [
  { min: 0.75, color: '#c62828', dark: '#7f1414' },
  { min: 0.5, color: '#ef6c00', dark: '#7a3300' },
  { min: 0.25, color: '#1565c0', dark: '#0b3a75' },
  { min: 0, color: '#2e7d32', dark: '#174d1b' },
] as const;

/** The band legend entries (×100 thresholds). */
export const BAND_LEGEND = BANDS.map((b) => ({ min: Math.round(b.min * 100), color: b.color, dark: b.dark, tint: mix(b.color, '#ffffff', 0.86) }));

/** How a cell is painted. */
export interface CellStyle {
  readonly fill: string;
  readonly text: string;
  /** Outline colour (negative cells in trader bands), or undefined. */
  readonly border?: string;
}

/**
 * Paint of a coefficient. Cells that are not significant keep their hue but
 * fade towards white, with dark grey text.
 */
export function cellStyle(r: number, scheme: Scheme, significant: boolean): CellStyle {
  if (scheme === 'bands') {
    const b = BANDS.find((x) => Math.abs(r) >= x.min) ?? BANDS[BANDS.length - 1]!;
    if (!significant) {
      const fill = mix(b.color, '#ffffff', r >= 0 ? 0.72 : 0.93);
      return r >= 0 ? { fill, text: textOn(fill) } : { fill, text: textOn(fill), border: mix(b.color, '#ffffff', 0.55) };
    }
    return r >= 0 ? { fill: b.color, text: textOn(b.color) } : { fill: mix(b.color, '#ffffff', 0.86), text: b.dark, border: b.color };
  }
  const fill = significant ? cellColor(r, scheme) : mix(cellColor(r, scheme), '#ffffff', 0.6);
  return { fill, text: textOn(fill) };
}

const RDBU = ['#053061', '#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7', '#fddbc7', '#f4a582', '#d6604d', '#b2182b', '#67001f'];

function hex(c: string): [number, number, number] {
  return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];
}

function mix(a: string, b: string, t: number): string {
  const x = hex(a);
  const y = hex(b);
  const c = x.map((v, i) => Math.round(v + (y[i]! - v) * t));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Fill colour of a coefficient. */
export function cellColor(r: number, scheme: Scheme): string {
  if (scheme === 'bands') {
    const b = BANDS.find((x) => Math.abs(r) >= x.min) ?? BANDS[BANDS.length - 1]!;
    return b.color;
  }
  const x = ((Math.max(-1, Math.min(1, r)) + 1) / 2) * (RDBU.length - 1);
  const i = Math.min(RDBU.length - 2, Math.floor(x));
  return mix(RDBU[i]!, RDBU[i + 1]!, x - i);
}

/** Stops of the diverging legend. */
export const DIVERGING_STOPS = RDBU;

function luminance(c: string): number {
  const [r, g, b] = hex(c).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Black or white, whichever contrasts more with the fill (WCAG relative
 * luminance). With pure black and white the better of the two is always at
 * least 4.58 : 1, so every label passes WCAG AA.
 */
export function textOn(fill: string): string {
  const l = luminance(fill);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

/** Fill of a cell with no value. */
export const EMPTY_FILL = '#e0e0e0';

import { CORRELATION_BANDS, correlationBand } from '@soukan/core';

// Colour schemes of the correlation views.
//
// Trader bands (CORRELATION_BANDS in @soukan/core, the terminal's too): the
// hue says the strength as MetaTrader users know it (|ρ|×100 < 25 green,
// 25–50 blue, 50–75 orange, ≥ 75 red). Both signs are filled, so −88 reads
// as strong as +88; a negative cell is the darker shade of its band and
// hatched, and its label carries "−" — the sign survives colour-blind
// vision three ways. Diverging: ColorBrewer RdBu (11 classes), blue −1,
// white 0, red +1, negatives hatched too.

export type Scheme = 'bands' | 'diverging';

/** How a cell is painted. */
export interface CellStyle {
  readonly fill: string;
  /** Label colour: black or white, whichever contrasts more with the fill. */
  readonly text: string;
  /** Colour of the diagonal hatching of a negative cell (undefined: not hatched). */
  readonly hatch?: string;
}

/** How much a not-significant cell fades towards white (the same for both signs). */
const FADE_BANDS = 0.72;
const FADE_DIVERGING = 0.6;

/**
 * Paint of a coefficient. Cells that are not significant keep their hue but
 * fade towards white; negative cells are hatched (see hatchOn), the lines
 * keeping the label at WCAG AA.
 */
export function cellStyle(r: number, scheme: Scheme, significant: boolean): CellStyle {
  const base = cellColor(r, scheme);
  const fill = significant ? base : mix(base, '#ffffff', scheme === 'bands' ? FADE_BANDS : FADE_DIVERGING);
  const text = textOn(fill);
  return r < 0 ? { fill, text, hatch: hatchOn(fill, text) } : { fill, text };
}

/**
 * The hatch line colour on a fill: darker, so the sign shows on pale (faded)
 * cells too — unless darker lines would bring a black label under WCAG AA
 * (4.5 : 1), where they are lighter instead.
 */
function hatchOn(fill: string, text: string): string {
  const dark = mix(fill, '#000000', 0.35);
  return text === '#ffffff' || contrast(dark, text) >= 4.5 ? dark : mix(fill, '#ffffff', 0.45);
}

/** The band legend entries (×100 thresholds) with a positive and a negative swatch. */
export const BAND_LEGEND = CORRELATION_BANDS.map((b) => ({ min: Math.round(b.min * 100), name: b.name, positive: cellStyle(b.min + 0.01, 'bands', true), negative: cellStyle(-(b.min + 0.01), 'bands', true) }));

const RDBU = ['#053061', '#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7', '#fddbc7', '#f4a582', '#d6604d', '#b2182b', '#67001f'];

function hex(c: string): [number, number, number] {
  return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];
}

/** `a` moved a fraction `t` of the way to `b` in sRGB. */
export function mix(a: string, b: string, t: number): string {
  const x = hex(a);
  const y = hex(b);
  const c = x.map((v, i) => Math.round(v + (y[i]! - v) * t));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Fill colour of a coefficient (significant). */
export function cellColor(r: number, scheme: Scheme): string {
  if (scheme === 'bands') {
    const b = correlationBand(r);
    return r < 0 ? b.negative : b.positive;
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

/** WCAG contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const x = luminance(a);
  const y = luminance(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
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

/**
 * CSS background of a cell: its fill as the background colour (what contrast
 * checkers read) and, where the style says so, the 45° hatching over it.
 */
export function cellBackground(s: CellStyle): { backgroundColor: string; backgroundImage?: string } {
  return s.hatch ? { backgroundColor: s.fill, backgroundImage: `repeating-linear-gradient(45deg, ${s.hatch} 0 1.5px, ${s.fill} 1.5px 5px)` } : { backgroundColor: s.fill };
}

/** Fill of a cell with no value. */
export const EMPTY_FILL = '#e0e0e0';

// Colour science for the dashboard's colour tests, written from the
// published definitions (not from the page's own code):
// - WCAG 2.2 relative luminance and contrast ratio (sRGB, threshold 0.04045);
// - Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for
//   Simulation of Color Vision Deficiency", IEEE TVCG 15(6): the deuteranopia
//   matrix at severity 1.0, applied to linear RGB;
// - CIE 1976 L*a*b* (D65 white) and ΔE*ab.

export type Rgb = readonly [number, number, number];

/** `#rrggbb` → 0–255 channels. */
export const rgbOf = (hex: string): Rgb => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];

const toLinear = (v: number): number => {
  const s = v / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const toSrgb = (l: number): number => {
  const c = Math.min(1, Math.max(0, l));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
};

/** WCAG 2.2 relative luminance of an sRGB colour. */
export function relativeLuminance(c: Rgb): number {
  return 0.2126 * toLinear(c[0]) + 0.7152 * toLinear(c[1]) + 0.0722 * toLinear(c[2]);
}

/** WCAG 2.2 contrast ratio (1 … 21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Machado et al. (2009), Table 1, deuteranomaly severity 1.0 (deuteranopia). */
export const DEUTERANOPIA = [
  [0.367322, 0.860646, -0.227968],
  [0.280085, 0.672501, 0.047413],
  [-0.01182, 0.04294, 0.968881],
] as const;

/** How a colour looks with deuteranopia (sRGB in, sRGB out). */
export function deuteranopia(c: Rgb): Rgb {
  const l = c.map(toLinear) as unknown as Rgb;
  const m = DEUTERANOPIA.map((row) => row[0] * l[0] + row[1] * l[1] + row[2] * l[2]);
  return [toSrgb(m[0]!), toSrgb(m[1]!), toSrgb(m[2]!)];
}

/** CIE L*a*b* (D65) of an sRGB colour. */
export function lab(c: Rgb): Rgb {
  const [r, g, b] = c.map(toLinear) as unknown as Rgb;
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIE 1976 colour difference ΔE*ab. */
export function deltaE(a: Rgb, b: Rgb): number {
  const p = lab(a);
  const q = lab(b);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

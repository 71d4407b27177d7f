import { describe, expect, it } from 'vitest';
import { CORRELATION_BANDS, correlationBand } from '@soukan/core';
import { contrastRatio, deltaE, deuteranopia, lab, rgbOf } from '../../../test/helpers/colourVision';
import { cellStyle, mix } from '../src/charts/colors';

// The correlation colours checked against WCAG 2.2 and a deuteranopia
// simulation (Machado et al. 2009), computed by test/helpers/colourVision.ts
// from the published formulas.

/** Coefficients inside each band, both signs, and the band edges. */
const inBand = CORRELATION_BANDS.flatMap((b, i) => {
  const top = i === 0 ? 1 : CORRELATION_BANDS[i - 1]!.min - 1e-9;
  return [b.min, (b.min + top) / 2, top];
});

describe('trader colour bands', () => {
  it('put |ρ| in the MetaTrader bands: ≥ 0.75 red, ≥ 0.5 orange, ≥ 0.25 blue, else green, whatever the sign', () => {
    const cases: [number, string][] = [[1, 'red'], [0.75, 'red'], [0.7499, 'orange'], [0.5, 'orange'], [0.4999, 'blue'], [0.25, 'blue'], [0.2499, 'green'], [0, 'green']];
    for (const [r, name] of cases) {
      expect(correlationBand(r).name).toBe(name);
      expect(correlationBand(-r).name).toBe(name);
    }
  });

  describe.each(['bands', 'diverging'] as const)('%s', (scheme) => {
    it('every label has a WCAG contrast of at least 4.5 : 1 against its fill and against the hatching over it', () => {
      const grid = scheme === 'bands' ? inBand : Array.from({ length: 41 }, (_, i) => i / 40);
      for (const a of grid) {
        for (const r of [a, -a]) {
          for (const significant of [true, false]) {
            const s = cellStyle(r, scheme, significant);
            const fill = contrastRatio(rgbOf(s.text), rgbOf(s.fill));
            expect(fill, `${scheme} r=${r} significant=${significant} text ${s.text} on ${s.fill}`).toBeGreaterThanOrEqual(4.5);
            if (s.hatch) expect(contrastRatio(rgbOf(s.text), rgbOf(s.hatch)), `hatch ${s.hatch}`).toBeGreaterThanOrEqual(4.5);
          }
        }
      }
    });

    it('fills both signs and keeps them apart with deuteranopia: ΔE*ab ≥ 10 between a +ρ cell and a hatched −ρ cell', () => {
      for (const a of (scheme === 'bands' ? inBand : [0.25, 0.5, 0.75, 1]).filter((x) => x > 0.1)) {
        for (const significant of [true, false]) {
          const p = cellStyle(a, scheme, significant);
          const n = cellStyle(-a, scheme, significant);
          expect(p.hatch).toBeUndefined();
          expect(n.hatch).toBeDefined();
          // Equally filled: a negative is never paler than its positive by more than 5 L* (once it was a near-white outline).
          expect(lab(rgbOf(n.fill))[0]).toBeLessThanOrEqual(lab(rgbOf(p.fill))[0] + 5);
          // What the eye averages over a hatched cell: 1.5 px lines every 5 px (the CSS hatching).
          const seenNegative = mix(n.fill, n.hatch!, 0.3);
          const seen = deltaE(deuteranopia(rgbOf(p.fill)), deuteranopia(rgbOf(seenNegative)));
          expect(seen, `${scheme} |r|=${a} significant=${significant}: ${p.fill} vs ${n.fill}`).toBeGreaterThanOrEqual(10);
        }
      }
    });
  });

  it('the band fills are opaque colours, not tints: a significant strong negative is darker than white by far', () => {
    for (const b of CORRELATION_BANDS) {
      expect(lab(rgbOf(b.negative))[0]).toBeLessThan(50);
      expect(lab(rgbOf(mix(b.negative, '#ffffff', 0)))[0]).toBe(lab(rgbOf(b.negative))[0]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { correlationRequest, crossRequest, DEFAULT_WINDOW_DAYS, defaultWindow, defaultWindowText, volatilityRequest } from '../src/index.js';

// The table of docs/default-windows.md: the span in FX trading days times the
// bars of an FX day on the 24 × 5 clock (D1 1, H4 6, H1 24, M30 48, M15 96,
// M5 288, M1 1440; W1 one fifth).
const TABLE = {
  correlation: { W1: 50, D1: 250, H4: 1500, H1: 6000, M30: 12000, M15: 24000, M5: 72000, M1: 360000 },
  cross: { W1: 50, D1: 250, H4: 1500, H1: 6000, M30: 12000, M15: 24000, M5: 72000, M1: 360000 },
  volatility: { W1: 52, D1: 260, H4: 1560, H1: 6240, M30: 12480, M15: 24960, M5: 74880, M1: 374400 },
} as const;

describe('defaultWindow: one span of time at every timeframe', () => {
  for (const [request, row] of Object.entries(TABLE) as [keyof typeof TABLE, (typeof TABLE)[keyof typeof TABLE]][]) {
    it(`${request}: ${DEFAULT_WINDOW_DAYS[request]} FX days in bars of each timeframe (docs/default-windows.md)`, () => {
      for (const [tf, bars] of Object.entries(row)) expect(defaultWindow(request, tf as keyof typeof row), tf).toBe(bars);
    });
  }

  it('the specs state the scaled default instead of a fixed count, so nothing downstream fills one in', () => {
    for (const spec of [correlationRequest, crossRequest, volatilityRequest]) {
      expect(spec.params.window.default, spec.name).toBeUndefined();
    }
    expect(correlationRequest.params.window.defaultText).toBe(defaultWindowText('correlation'));
    expect(defaultWindowText('correlation')).toBe('250 D1 bars; the same span at other timeframes (H1 6000, M5 72000, W1 50)');
    expect(defaultWindowText('volatility')).toBe('260 D1 bars; the same span at other timeframes (H1 6240, M5 74880, W1 52)');
  });
});

import { describe, expect, it } from 'vitest';
import { formatIsoDate, fxTradingDate, inWeekendClosure, parseIsoDate, tzOffset, utcToZoned, zonedToUtc } from '@soukan/core';

const H = 3_600_000;
// US DST in 2017 began Sun 12 Mar 02:00 EST (07:00 UTC) and ended Sun 5 Nov 02:00 EDT (06:00 UTC).
describe('tzOffset / zonedToUtc (America/New_York, 2017 switches)', () => {
  const ny = 'America/New_York';
  it('gives EST before and EDT after the March switch', () => {
    expect(tzOffset(Date.UTC(2017, 2, 12, 6, 59), ny)).toBe(-5 * H);
    expect(tzOffset(Date.UTC(2017, 2, 12, 7, 0), ny)).toBe(-4 * H);
    expect(tzOffset(Date.UTC(2017, 10, 5, 5, 59), ny)).toBe(-4 * H);
    expect(tzOffset(Date.UTC(2017, 10, 5, 6, 0), ny)).toBe(-5 * H);
  });
  it('converts wall-clock to UTC across both switches', () => {
    expect(zonedToUtc(Date.UTC(2017, 0, 2, 17, 0), ny)).toBe(Date.UTC(2017, 0, 2, 22, 0));
    expect(zonedToUtc(Date.UTC(2017, 6, 3, 17, 0), ny)).toBe(Date.UTC(2017, 6, 3, 21, 0));
    expect(zonedToUtc(Date.UTC(2017, 2, 12, 17, 0), ny)).toBe(Date.UTC(2017, 2, 12, 21, 0));
    expect(zonedToUtc(Date.UTC(2017, 10, 5, 17, 0), ny)).toBe(Date.UTC(2017, 10, 5, 22, 0));
  });
  it('resolves the repeated hour to the earlier instant and the skipped hour forward', () => {
    expect(zonedToUtc(Date.UTC(2017, 10, 5, 1, 30), ny)).toBe(Date.UTC(2017, 10, 5, 5, 30));
    expect(zonedToUtc(Date.UTC(2017, 2, 12, 2, 30), ny)).toBe(Date.UTC(2017, 2, 12, 7, 30));
  });
  it('round-trips instants through 2017 except in the repeated hour', () => {
    const repeatedStart = Date.UTC(2017, 10, 5, 1); // wall clock 01:00–02:00 on 5 Nov happens twice
    const repeatedEnd = Date.UTC(2017, 10, 5, 2);
    let checked = 0;
    for (let t = Date.UTC(2017, 0, 1); t < Date.UTC(2018, 0, 1); t += 7 * 60_000 + 13_000) {
      const wall = utcToZoned(t, ny);
      if (wall >= repeatedStart && wall < repeatedEnd) continue;
      expect(zonedToUtc(wall, ny)).toBe(t);
      checked++;
    }
    expect(checked).toBeGreaterThan(70_000);
  });
  it('handles other zones and UTC, and rejects unknown zones', () => {
    expect(tzOffset(Date.UTC(2017, 0, 1), 'Asia/Tokyo')).toBe(9 * H);
    expect(tzOffset(Date.UTC(2017, 6, 1), 'Europe/London')).toBe(1 * H);
    expect(tzOffset(Date.UTC(2017, 6, 1), 'UTC')).toBe(0);
    expect(() => tzOffset(0, 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
});

describe('FX trading day (17:00 New York)', () => {
  it('starts Monday at Sunday 17:00 New York, in winter and summer', () => {
    expect(formatIsoDate(fxTradingDate(Date.UTC(2017, 0, 1, 22, 0)))).toBe('2017-01-02'); // Sun 17:00 EST
    expect(formatIsoDate(fxTradingDate(Date.UTC(2017, 0, 1, 21, 59)))).toBe('2017-01-01'); // Sun 16:59 EST
    expect(formatIsoDate(fxTradingDate(Date.UTC(2017, 6, 2, 21, 0)))).toBe('2017-07-03'); // Sun 17:00 EDT
    expect(formatIsoDate(fxTradingDate(Date.UTC(2017, 6, 2, 20, 59)))).toBe('2017-07-02');
  });
  it('puts Friday 17:00 to Sunday 17:00 in the weekly closure', () => {
    expect(inWeekendClosure(Date.UTC(2017, 0, 6, 21, 59))).toBe(false); // Fri 16:59 EST
    expect(inWeekendClosure(Date.UTC(2017, 0, 6, 22, 0))).toBe(true); // Fri 17:00 EST
    expect(inWeekendClosure(Date.UTC(2017, 0, 8, 21, 59))).toBe(true);
    expect(inWeekendClosure(Date.UTC(2017, 0, 8, 22, 0))).toBe(false);
  });
  it('keeps daily fixings (00:00 UTC) on their own date', () => {
    expect(formatIsoDate(fxTradingDate(parseIsoDate('2017-03-13')))).toBe('2017-03-13');
  });
});

describe('parseIsoDate', () => {
  it('parses real dates and rejects impossible ones', () => {
    expect(parseIsoDate('2017-03-12')).toBe(Date.UTC(2017, 2, 12));
    expect(() => parseIsoDate('2017-02-30')).toThrow(/no such day/);
    expect(() => parseIsoDate('12/03/2017')).toThrow(/YYYY-MM-DD/);
    expect(() => parseIsoDate('')).toThrow();
  });
});

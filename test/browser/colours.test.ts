/// <reference lib="dom" />
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { deltaE, deuteranopia, DEUTERANOPIA, relativeLuminance, type Rgb } from '../helpers/colourVision.js';
import { ARTIFACTS, matrixRendered, shot } from './browser.js';
import { onPixels } from './pixels.js';
import { ECB_ZIP, useBrowser, useServer } from './store.js';

// Colour-blind safety measured on screenshots: the pixels of the legend's
// swatches and of real heatmap cells, seen through a deuteranopia simulation
// (Machado et al. 2009, test/helpers/colourVision.ts), must keep the two
// signs of equal strength apart. The simulated screenshot is saved to look at.

const served = useServer(() => [[ECB_ZIP()]]);

/** Mean sRGB colour of a screenshot. */
function meanColour(page: Page, png: Buffer): Promise<Rgb> {
  return onPixels(
    page,
    png,
    (img) => {
      const d = img.data;
      const s = [0, 0, 0];
      for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) s[k]! += d[i + k]!;
      const n = d.length / 4;
      return [s[0]! / n, s[1]! / n, s[2]! / n] as [number, number, number];
    },
    null,
  );
}

/** The screenshot as a person with deuteranopia sees it (the same matrix, per pixel), as a PNG. */
async function simulated(page: Page, png: Buffer): Promise<Buffer> {
  const url = await onPixels(
    page,
    png,
    (img, g, M: number[][]) => {
      const lin = (v: number): number => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
      const enc = (l: number): number => {
        const c = Math.min(1, Math.max(0, l));
        return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
      };
      const d = img.data;
      for (let i = 0; i < d.length; i += 4) {
        const l = [lin(d[i]!), lin(d[i + 1]!), lin(d[i + 2]!)];
        for (let k = 0; k < 3; k++) d[i + k] = enc(M[k]![0]! * l[0]! + M[k]![1]! * l[1]! + M[k]![2]! * l[2]!);
      }
      g.putImageData(img, 0, 0);
      return g.canvas.toDataURL('image/png');
    },
    DEUTERANOPIA.map((r) => [...r]),
  );
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
}

describe.each(['en', 'ja'] as const)('colours (%s)', (lang) => {
  const browser = useBrowser(served, lang);
  let b: ReturnType<typeof browser>;
  beforeEach(() => {
    b = browser();
  });

  it('legend: every band shows both signs filled, and they stay apart with deuteranopia', async () => {
    await b.page.goto(served().url);
    await matrixRendered(b.page);
    for (const band of ['red', 'orange', 'blue', 'green']) {
      const plus = await meanColour(b.page, await b.page.locator(`.legend i[data-band="${band}"][data-sign="+"]`).screenshot());
      const minus = await meanColour(b.page, await b.page.locator(`.legend i[data-band="${band}"][data-sign="−"]`).screenshot());
      // Filled: neither swatch is near-white.
      expect(relativeLuminance(plus)).toBeLessThan(0.6);
      expect(relativeLuminance(minus)).toBeLessThan(0.6);
      const dE = deltaE(deuteranopia(plus), deuteranopia(minus));
      expect(dE, `${band}: ${plus.map(Math.round)} vs ${minus.map(Math.round)}`).toBeGreaterThanOrEqual(10);
    }
  });

  it('heatmap: the strongest +ρ and −ρ cells of one band stay apart with deuteranopia (screenshot pixels)', async () => {
    await b.page.goto(served().url);
    await matrixRendered(b.page);
    const m = await (await fetch(new URL('/api/correlation', served().url))).json();
    const k: number = m.symbols.length;
    let pos: [number, number] | null = null;
    let neg: [number, number] | null = null;
    for (let i = 0; i < k; i++)
      for (let j = i + 1; j < k; j++) {
        const r: number | null = m.matrix[i][j];
        if (r === null || Math.abs(r) < 0.75) continue;
        if (r > 0 && (!pos || r > m.matrix[pos[0]][pos[1]])) pos = [i, j];
        if (r < 0 && (!neg || r < m.matrix[neg[0]][neg[1]])) neg = [i, j];
      }
    expect(pos && neg, 'the majors have strong correlations of both signs').toBeTruthy();
    const g = JSON.parse((await b.page.getByTestId('matrix-host').getAttribute('data-grid'))!) as { cell: number; left: number; top: number };
    const box = (await b.page.getByTestId('heatmap').boundingBox())!;
    // A corner of the cell, clear of its centred label.
    const corner = async ([i, j]: [number, number]) =>
      meanColour(b.page, await b.page.screenshot({ fullPage: true, clip: { x: box.x + g.left + j * g.cell + 2, y: box.y + g.top + i * g.cell + 2, width: Math.floor(g.cell * 0.3), height: Math.floor(g.cell * 0.3) } }));
    const p = await corner(pos!);
    const n = await corner(neg!);
    const dE = deltaE(deuteranopia(p), deuteranopia(n));
    expect(dE, `${p.map(Math.round)} vs ${n.map(Math.round)}`).toBeGreaterThanOrEqual(10);
    // The whole card as seen with deuteranopia, for a person to look at.
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, `colours-deuteranopia-${lang}.png`), await simulated(b.page, await b.page.getByTestId('matrix-card').screenshot()));
    await shot(b.page, `colours-heatmap-${lang}`);
    expect(b.errors).toEqual([]);
  });

  it('the table and the pair ranking paint cells the same way (both signs filled, negatives hatched)', async () => {
    await b.page.goto(new URL('/correlation?view=table', served().url).href);
    await matrixRendered(b.page);
    const styles = await b.page.locator('table.matrix td').evaluateAll((tds) => tds.map((td) => ({ text: td.textContent ?? '', bg: (td as HTMLElement).style.backgroundImage })));
    const negatives = styles.filter((s) => s.text.startsWith('−'));
    const positives = styles.filter((s) => s.text.startsWith('+'));
    expect(negatives.length).toBeGreaterThan(0);
    for (const s of negatives) expect(s.bg).toMatch(/repeating-linear-gradient/);
    for (const s of positives) expect(s.bg).not.toMatch(/gradient/);
    await shot(b.page, `colours-table-${lang}`);
  });
});

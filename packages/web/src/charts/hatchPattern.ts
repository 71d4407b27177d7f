/** An ECharts/zrender image pattern. */
export interface HatchPattern {
  readonly image: HTMLCanvasElement;
  readonly repeat: 'repeat';
  /** The tile's size, which the SVG renderer needs stated. */
  readonly imageWidth: number;
  readonly imageHeight: number;
}

const TILE = 6;
const tiles = new Map<string, HatchPattern>();

/**
 * The canvas fill of a hatched cell: `fill` crossed by 45° lines of `hatch`,
 * the same look as the CSS `cellBackground` of the tables and the legend.
 * One tile per colour pair, cached.
 */
export function hatchPattern(fill: string, hatch: string): HatchPattern {
  const key = `${fill}${hatch}`;
  const hit = tiles.get(key);
  if (hit) return hit;
  const image = document.createElement('canvas');
  image.width = TILE;
  image.height = TILE;
  const g = image.getContext('2d')!;
  g.fillStyle = fill;
  g.fillRect(0, 0, TILE, TILE);
  g.strokeStyle = hatch;
  g.lineWidth = 1.5;
  g.beginPath();
  // The diagonal and its two wrapped ends, so tiles join seamlessly.
  for (const d of [-TILE, 0, TILE]) {
    g.moveTo(d, TILE);
    g.lineTo(d + TILE, 0);
  }
  g.stroke();
  const p: HatchPattern = { image, repeat: 'repeat', imageWidth: TILE, imageHeight: TILE };
  tiles.set(key, p);
  return p;
}

/** A cell's canvas fill: its colour, or the hatched pattern of a negative cell (see cellStyle). */
export function cellPaint(c: { readonly fill: string; readonly hatch?: string }): string | HatchPattern {
  return c.hatch ? hatchPattern(c.fill, c.hatch) : c.fill;
}

/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/**
 * Runs `body` in the page on the decoded pixels of a PNG (the browser
 * decodes it: no image library in the tests). `body` gets the canvas's
 * ImageData, its 2-D context and `arg`, and returns a serialisable value.
 */
export async function onPixels<T, A>(page: Page, png: Buffer, body: (img: ImageData, g: CanvasRenderingContext2D, arg: A) => T, arg: A): Promise<Awaited<T>> {
  // One expression, as Playwright itself sends a function: the page's CSP
  // (no eval) does not apply to it, and a closure cannot cross into the page.
  const script = `(async () => {
    const bytes = Uint8Array.from(atob(${JSON.stringify(png.toString('base64'))}), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = document.createElement('canvas');
    c.width = bitmap.width;
    c.height = bitmap.height;
    const g = c.getContext('2d');
    g.drawImage(bitmap, 0, 0);
    return (${body.toString()})(g.getImageData(0, 0, bitmap.width, bitmap.height), g, ${JSON.stringify(arg)});
  })()`;
  return page.evaluate(script) as Promise<Awaited<T>>;
}

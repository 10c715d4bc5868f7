// Helpers for browser tests of the card tables: click the lounge's map as a person would, and wait
// for a table's panel to open.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";

/** Clicks (or taps) world point (x, y) on the lounge's map, as a person would, once the camera is still. */
export async function clickWorld(page: Page, x: number, y: number, tap = false): Promise<void> {
  const point = await page.evaluate(async ({ x, y }) => {
    let last = window.__lounge?.pagePoint(x, y);
    let stillSince = performance.now();
    while (performance.now() - stillSince < 300) {
      await new Promise((r) => requestAnimationFrame(r));
      const p = window.__lounge?.pagePoint(x, y);
      if (!p || !last || Math.abs(p.x - last.x) > 0.5 || Math.abs(p.y - last.y) > 0.5) stillSince = performance.now();
      last = p;
    }
    return last;
  }, { x, y });
  assert.ok(point, "the page reports where the point is drawn");
  const view = page.viewportSize();
  assert.ok(view && point.x >= 0 && point.y >= 0 && point.x < view.width && point.y < view.height, `(${x}, ${y}) is on screen`);
  if (tap) await page.touchscreen.tap(point.x, point.y); else await page.mouse.click(point.x, point.y);
}

/** Waits until the page's table panel shows table `tableId`. */
export async function waitForTable(page: Page, tableId: string): Promise<void> {
  await page.waitForFunction((id) => {
    const d = document.querySelector<HTMLElement>("[data-testid=table-dock]");
    return d !== null && !d.hidden && d.dataset.tableId === id;
  }, tableId);
}

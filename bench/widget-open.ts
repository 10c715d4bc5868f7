// The widget part of `npm run bench`: how long from a click on the launcher of a host page (on
// another origin) until the widget is interactive (joined, scene drawn, chat usable), cold (empty
// cache) and warm. The target is 1.5 s; this prints figures, it does not fail.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { chromium, type BrowserContext } from "playwright-core";
import { loadConfig } from "../server/config.ts";
import { createLoungeServer } from "../server/app.ts";
import { ensureClientBuilt } from "../scripts/client-build.ts";
import { CHROMIUM, chromiumArgs } from "../test/support/browser.ts";
import { hostPage, hostSite } from "../test/support/host-site.ts";
import { percentiles } from "./figures.ts";

export const INTERACTIVE_TARGET_MS = 1500;

/** One open: click the launcher, wait for the host's "joined" event; ms between the two. */
async function openOnce(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => typeof (window as unknown as { ChillLounge?: { on?: unknown } }).ChillLounge?.on === "function");
  const ms = await page.evaluate(() => new Promise<number>((resolve) => {
    const api = (window as unknown as { ChillLounge: { on(e: string, f: () => void): void; push(c: [string]): void } }).ChillLounge;
    const started = performance.now();
    api.on("joined", () => resolve(performance.now() - started));
    api.push(["open"]);
  }));
  await page.close();
  return ms;
}

export async function runWidgetBench(opens: number, say: (line: string) => void): Promise<number> {
  say(`Widget bench: ${opens} opens of the launcher on a host page from another origin, cold then warm`);
  await ensureClientBuilt((line) => say(`  ${line}`));
  const dataDir = await mkdtemp(path.join(tmpdir(), "chill-bench-widget-"));
  const server = await createLoungeServer({ config: loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent" }), log: pino({ level: "silent" }) });
  const site = await hostSite();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs() });
  try {
    const base = `http://127.0.0.1:${await server.listen()}`;
    const lounge = await server.context.lounges.create({ name: "Widget bench", visibility: "public", capacity: 50, mapId: "lounge" });
    site.pages.set("/", hostPage(base, "<p>A host page.</p>", `data-lounge="${lounge.id}"`));
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < opens; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript("globalThis.__name = (fn) => fn");
      cold.push(await openOnce(context, `${site.origin}/`));
      warm.push(await openOnce(context, `${site.origin}/`));
      await context.close();
    }
    for (const [label, list] of [["cold", cold], ["warm", warm]] as const) {
      const p = percentiles(list);
      const worst = Math.max(...list);
      say(`  ${label}: median ${(p.p50 ?? 0).toFixed(0)} ms, worst ${worst.toFixed(0)} ms ${worst <= INTERACTIVE_TARGET_MS ? "(within" : "(OVER"} the ${INTERACTIVE_TARGET_MS} ms target)`);
    }
    return 0;
  } finally {
    await browser.close();
    await site.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

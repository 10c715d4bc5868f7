// The widget part of `npm run bench`: how long from a click on the launcher of a host page (on
// another origin) until the widget is interactive (joined, scene drawn, chat usable), cold (empty
// cache) and warm, and where that time goes: the moments of one open (the frame's navigation and
// resource timings and the widget's performance marks), as medians since the click. The target is
// 1.5 s; this prints figures, it does not fail.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { loadConfig } from "../server/config.ts";
import { createLoungeServer } from "../server/app.ts";
import { ensureClientBuilt } from "../scripts/client-build.ts";
import { CHROMIUM, chromiumArgs } from "../test/support/browser.ts";
import { hostPage, hostSite } from "../test/support/host-site.ts";
import { median } from "./figures.ts";

export const INTERACTIVE_TARGET_MS = 1500;

/** Milestones of one open, ms since the click; a missing one was not seen. */
type Timeline = Record<string, number>;

/** The moments of an open, in the order they happen, with what the bench calls them. */
const MILESTONES: Array<[key: string, label: string]> = [
  ["policyEnd", "host: /policy answered"],
  ["frameStart", "frame: navigation starts"],
  ["htmlEnd", "frame: HTML received"],
  ["scriptsEnd", "frame: scripts and CSS received"],
  ["widget-start", "widget code runs (scripts parsed, evaluated)"],
  ["matchmakeStart", "matchmaking request sent"],
  ["matchmakeEnd", "matchmaking answered (seat reserved)"],
  ["apiEnd", "lounge details and session answered"],
  ["widget-lounge-known", "mark: lounge known"],
  ["widget-pixi-ready", "mark: Pixi renderer ready"],
  ["widget-painted", "mark: map's ground painted"],
  ["widget-drawn", "mark: scene drawn"],
  ["widget-seat", "mark: room joined (WebSocket open, seat taken)"],
  ["widget-connected", "mark: first state, connected"],
  ["widget-interactive", "mark: interactive"],
  ["joined", "host: joined event"],
  ["widget-furnished", "mark: furniture painted (in idle slices, after the scene is drawn)"],
];

/** The frame's timings as epoch ms (its timeOrigin + each entry), read from inside the frame. */
async function frameTimings(page: Page): Promise<Record<string, number>> {
  const frame = page.frames().find((f) => /\/embed\/[^/]+(\?|$)/.test(f.url()) && !f.url().includes("/policy"));
  if (!frame) return {};
  return frame.evaluate(() => {
    const o = performance.timeOrigin;
    const out: Record<string, number> = { frameStart: o };
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    if (nav) out.htmlEnd = o + nav.responseEnd;
    for (const m of performance.getEntriesByType("mark")) out[m.name] = o + m.startTime;
    const start = out["widget-start"] ?? Infinity;
    for (const r of performance.getEntriesByType("resource") as PerformanceResourceTiming[]) {
      const url = new URL(r.name);
      if (/\.(js|css)$/.test(url.pathname) && o + r.startTime < start) out.scriptsEnd = Math.max(out.scriptsEnd ?? 0, o + r.responseEnd);
      if (url.pathname.startsWith("/api/")) out.apiEnd = Math.max(out.apiEnd ?? 0, o + r.responseEnd);
      if (url.pathname.startsWith("/matchmake/") && out.matchmakeStart === undefined) { out.matchmakeStart = o + r.startTime; out.matchmakeEnd = o + r.responseEnd; }
    }
    return out;
  });
}

/** One open: click the launcher, wait for the host's "joined" event; its timeline since the click. */
async function openOnce(context: BrowserContext, url: string): Promise<Timeline> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => typeof (window as unknown as { ChillLounge?: { on?: unknown } }).ChillLounge?.on === "function");
  const host = await page.evaluate(() => new Promise<{ clickAt: number; joinedAt: number; policyEnd: number | undefined }>((resolve) => {
    const api = (window as unknown as { ChillLounge: { on(e: string, f: () => void): void; push(c: [string]): void } }).ChillLounge;
    const started = performance.now();
    api.on("joined", () => {
      const policy = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find((r) => r.name.includes("/policy") && r.startTime >= started);
      const o = performance.timeOrigin;
      resolve({ clickAt: o + started, joinedAt: o + performance.now(), policyEnd: policy ? o + policy.responseEnd : undefined });
    });
    api.push(["open"]);
  }));
  const frame = await frameTimings(page);
  await page.close();
  const timeline: Timeline = { joined: host.joinedAt - host.clickAt };
  if (host.policyEnd !== undefined) timeline.policyEnd = host.policyEnd - host.clickAt;
  for (const [k, v] of Object.entries(frame)) timeline[k] = v - host.clickAt;
  return timeline;
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
    const cold: Timeline[] = [];
    const warm: Timeline[] = [];
    for (let i = 0; i < opens; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript("globalThis.__name = (fn) => fn");
      cold.push(await openOnce(context, `${site.origin}/`));
      warm.push(await openOnce(context, `${site.origin}/`));
      await context.close();
    }
    for (const [label, list] of [["cold", cold], ["warm", warm]] as const) {
      const totals = list.map((t) => t.joined);
      const worst = Math.max(...totals);
      say(`  ${label}: median ${(median(totals) ?? 0).toFixed(0)} ms, worst ${worst.toFixed(0)} ms ${worst <= INTERACTIVE_TARGET_MS ? "(within" : "(OVER"} the ${INTERACTIVE_TARGET_MS} ms target)`);
    }
    for (const [label, list] of [["cold", cold], ["warm", warm]] as const) {
      say(`  where the time goes, ${label} (median ms since the click):`);
      for (const [key, words] of MILESTONES) {
        const at = median(list.map((t) => t[key]).filter((v): v is number => v !== undefined));
        if (at !== null) say(`    ${at.toFixed(0).padStart(6)}  ${words}`);
      }
    }
    return 0;
  } finally {
    await browser.close();
    await site.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

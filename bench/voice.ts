// `npm run bench -- --only voice`: N Chromium pages in one lounge's voice, with fake microphones.
// Prints links per page, the browsers' CPU per peer connection and each stream's audio bitrate
// (Opus speech should sit near 24–40 kbps). The browsers are the load here; the bench process
// reports its own CPU beside theirs.
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { chromium, type Browser, type Page } from "playwright-core";
import { loadConfig } from "../server/config.ts";
import { createLoungeServer } from "../server/app.ts";
import { ensureClientBuilt } from "../scripts/client-build.ts";
import { CHROMIUM, chromiumArgs } from "../test/support/browser.ts";
import { joinThroughPage } from "../test/support/listening.ts";
import { avatarIds } from "../shared/avatars.ts";
import { percentiles } from "./figures.ts";

export interface VoiceBenchOptions { pages: number; seconds: number }

const CLOCK_TICKS = 100;

/** CPU seconds used so far by every Chromium process of this machine (the bench's own browser). */
async function chromiumCpuSeconds(): Promise<number> {
  let ticks = 0;
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (!name.startsWith("chrom")) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch { /* gone meanwhile */ }
  }
  return ticks / CLOCK_TICKS;
}

type Stats = Record<string, { bytesReceived: number; bytesSent: number }>;
const statsOf = (page: Page): Promise<Stats> => page.evaluate(() => window.__lounge?.voice.stats() ?? Promise.resolve({}));
const connected = (page: Page): Promise<number> => page.evaluate(() => (window.__lounge?.voice.peers() ?? []).filter((p) => p.state === "connected").length);

async function joinVoice(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Voice", exact: true }).click();
  await page.getByRole("button", { name: "Join voice" }).click();
  const allow = page.getByRole("button", { name: "Allow microphone" });
  await page.waitForFunction(() => window.__lounge?.voice.status() !== "off" || document.querySelector(".voice-why:not([hidden])") !== null);
  if (await allow.isVisible()) await allow.click();
  await page.waitForFunction(() => window.__lounge?.voice.status() === "on", null, { timeout: 60_000 });
}

export async function runVoiceBench(opts: VoiceBenchOptions, say: (line: string) => void): Promise<number> {
  say(`Voice bench: ${opts.pages} Chromium pages (fake microphones) in one lounge's voice, ${opts.seconds} s measured`);
  await ensureClientBuilt((line) => say(`  ${line}`));
  const dataDir = await mkdtemp(path.join(tmpdir(), "chill-bench-voice-"));
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent", DEFAULT_LOUNGE: "false", MAX_OPEN_RESERVATIONS: "1000" });
  const server = await createLoungeServer({ config, log: pino({ level: "silent" }) });
  let browser: Browser | undefined;
  try {
    const port = await server.listen();
    const baseUrl = `http://127.0.0.1:${port}`;
    const lounge = await server.context.lounges.create({ name: "Voice bench", visibility: "unlisted", capacity: 50, mapId: "lounge" });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs({ autoplay: true, fakeMedia: true }) });
    const pages: Page[] = [];
    for (let i = 0; i < opts.pages; i++) {
      const context = await browser.newContext({ viewport: { width: 640, height: 480 } });
      await context.addInitScript("globalThis.__name = (fn) => fn");
      const page = await context.newPage();
      page.setDefaultTimeout(90_000);
      await joinThroughPage(page, baseUrl, lounge.id, `Talker ${i + 1}`, avatarIds[i % avatarIds.length]);
      await joinVoice(page);
      pages.push(page);
      say(`  Talker ${i + 1} in voice`);
    }
    const want = Math.min(6, opts.pages - 1);
    const deadline = Date.now() + 90_000;
    while ((await Promise.all(pages.map(connected))).some((n) => n < want) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1000));
    const links = await Promise.all(pages.map(connected));
    const before = await Promise.all(pages.map(statsOf));
    const cpuBefore = await chromiumCpuSeconds();
    const ownBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await new Promise((r) => setTimeout(r, opts.seconds * 1000));
    const wall = (performance.now() - wallBefore) / 1000;
    const browserCores = (await chromiumCpuSeconds() - cpuBefore) / wall;
    const own = process.cpuUsage(ownBefore);
    const after = await Promise.all(pages.map(statsOf));
    const kbps: number[] = [];
    after.forEach((stats, i) => {
      for (const [peer, s] of Object.entries(stats)) {
        const received = s.bytesReceived - (before[i][peer]?.bytesReceived ?? 0);
        if (received > 0) kbps.push((received * 8) / 1000 / wall);
      }
    });
    const peerConnections = links.reduce((n, l) => n + l, 0);
    const rate = percentiles(kbps);
    say(`  links per page: ${links.join(", ")} (at most ${want} each)`);
    say(`  browser CPU: ${(browserCores * 100).toFixed(0)} % of a core in all, ${((browserCores * 100) / Math.max(1, peerConnections)).toFixed(1)} % per peer connection (${peerConnections} ends)`);
    say(`  audio received per stream: p50 ${rate.p50?.toFixed(1) ?? "–"} kbps, p95 ${rate.p95?.toFixed(1) ?? "–"}, max ${rate.max?.toFixed(1) ?? "–"} (${rate.samples} streams; Opus speech is ~24–40 kbps)`);
    say(`  bench process CPU: ${(((own.user + own.system) / 1e6 / wall) * 100).toFixed(0)} % of a core (the server runs in it)`);
    return links.every((n) => n === want) ? 0 : 1;
  } finally {
    await browser?.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

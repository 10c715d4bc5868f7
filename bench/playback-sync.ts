// The playback part of `npm run bench`: N Chromium pages listen together in one lounge for a while.
// Every few hundred ms each page reports, at one instant, what its howler sound plays (heard
// position) and its estimate of the server's clock; that is held against the room's own clock (the
// server runs in this process). Then the clock-offset error under injected jitter (clock-sync.ts).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { chromium, type Browser } from "playwright-core";
import { loadConfig } from "../server/config.ts";
import { createLoungeServer } from "../server/app.ts";
import { ensureClientBuilt } from "../scripts/client-build.ts";
import { CHROMIUM, chromiumArgs } from "../test/support/browser.ts";
import { joinThroughPage, loungeRoom, probeClock, queueThroughBar, sampleListeners, type Listener } from "../test/support/listening.ts";
import { avatarIds } from "../shared/avatars.ts";
import { serverNow } from "../server/features/clock.ts";
import { percentiles, type Percentiles } from "./figures.ts";
import { measureClockJitter, type ClockJitterRow } from "./clock-sync.ts";
import type { BenchOptions } from "./options.ts";
import type { CatalogTrack } from "../server/tracks/catalog.ts";

/** What "together" means in the listen-sync test; the bench counts samples beyond it. */
export const IN_STEP_MS = 50;
/** After a track starts, samples this long are "settling" (fetch, decode, first steering), not steady. */
const SETTLING_MS = 3000;
const JOIN_TIMEOUT_MS = 60_000;
/** A clock probe counts only when the server's clock was read this close around it (± ms). */
const TIGHT_PROBE_MS = 4;

export interface PageFigures {
  name: string;
  /** |heard − room position| in steady state. */
  errorMs: Percentiles;
  /** Signed mean of the same: a page that is always early or late shows here. */
  meanErrorMs: number;
  /** |the page's server clock − the server's clock| (known to within clockBracketMs). */
  clockErrorMs: Percentiles;
}

export interface PlaybackFigures {
  pages: number;
  measuredSeconds: number;
  sampleEveryMs: number;
  rounds: { total: number; steady: number; settling: number; paused: number };
  /** Per steady round: the latest page − the earliest page (ms). */
  interClientMs: Percentiles;
  /** Every page's |error| in steady rounds, pooled. */
  errorMs: Percentiles;
  /** Steady rounds where some page was more than IN_STEP_MS off the room. */
  roundsOutOfStep: number;
  perPage: PageFigures[];
  /** For each track start: ms until every page was within IN_STEP_MS (null: not within the run). */
  trackStarts: Array<{ title: string; allInStepAfterMs: number | null }>;
  /** Rounds where some page was not (yet) playing the room's track, by phase. */
  notOnTrack: number;
  /** |a page's server clock − the server's clock|, every page pooled, from probes read within ± tightProbeMs. */
  clockErrorMs: Percentiles;
  /** Half the time between the server-clock reads around each clock probe (all probes). */
  clockBracketMs: Percentiles;
  tightProbeMs: number;
  /** Rounds this soon after a track started count as settling. */
  settlingMs: number;
  clockJitter: ClockJitterRow[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export async function runPlaybackBench(opts: BenchOptions, say: (line: string) => void): Promise<PlaybackFigures> {
  say(`Listen-together bench: ${opts.pages} Chromium pages in one lounge, ${opts.playbackSeconds} s measured, a round of samples every ${opts.sampleEveryMs} ms`);
  await ensureClientBuilt((line) => say(`  ${line}`));
  const dataDir = await mkdtemp(path.join(tmpdir(), "chill-bench-playback-"));
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  const server = await createLoungeServer({ config, log: pino({ level: "silent" }) });
  let browser: Browser | undefined;
  try {
    const port = await server.listen();
    const baseUrl = `http://127.0.0.1:${port}`;
    const lounge = await server.context.lounges.create({ name: "Playback bench", visibility: "unlisted", capacity: 50, mapId: "lounge" });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs({ autoplay: true }) });
    const listeners: Listener[] = [];
    for (let i = 0; i < opts.pages; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript("globalThis.__name = (fn) => fn");
      const page = await context.newPage();
      page.setDefaultTimeout(JOIN_TIMEOUT_MS);
      const name = `Listener ${i + 1}`;
      await joinThroughPage(page, baseUrl, lounge.id, name, avatarIds[i % avatarIds.length]);
      listeners.push({ name, page });
      say(`  ${name} joined`);
    }
    const room = loungeRoom(lounge.id);
    const tracks = server.context.tracks.library() as CatalogTrack[];
    const queuedMs = tracks.reduce((n, t) => n + t.durationMs, 0);
    if (queuedMs < opts.playbackSeconds * 1000) say(`  note: the library plays ${Math.round(queuedMs / 1000)} s; rounds after that find nothing playing`);

    const steadyErrors = new Map<string, number[]>(listeners.map((l) => [l.name, []]));
    const signedSums = new Map<string, number>(listeners.map((l) => [l.name, 0]));
    const clockErrors = new Map<string, number[]>(listeners.map((l) => [l.name, []]));
    const interClient: number[] = [];
    const brackets: number[] = [];
    const trackStarts: PlaybackFigures["trackStarts"] = [];
    const rounds = { total: 0, steady: 0, settling: 0, paused: 0 };
    let notOnTrack = 0, roundsOutOfStep = 0;
    let currentEntry = "";
    let currentTitle = "";
    let entrySince = 0;
    let inStepAt: number | null = null;

    const start = performance.now();
    const end = start + opts.playbackSeconds * 1000;
    let nextProgress = start + 10_000;
    const measuring = (async () => {
      while (performance.now() < end) {
        const roundAt = performance.now();
        const p = room.state.playback;
        if (p.current.entryId !== currentEntry) {
          if (currentEntry) trackStarts.push({ title: currentTitle, allInStepAfterMs: inStepAt });
          currentEntry = p.current.entryId;
          currentTitle = p.current.title;
          // The room's own start of the track (server time), not when this loop noticed it.
          entrySince = p.startedAt;
          inStepAt = null;
        }
        const round = await sampleListeners(listeners, room);
        rounds.total++;
        // The clock estimate, from one page per round (round robin), asked alone so the reading is tight.
        const probed = listeners[rounds.total % listeners.length];
        const clock = await probeClock(probed);
        if (clock) {
          brackets.push(clock.bracketMs);
          if (clock.bracketMs <= TIGHT_PROBE_MS) clockErrors.get(probed.name)?.push(Math.abs(clock.errorMs));
        }
        if (round.status !== "playing" || !currentEntry) { rounds.paused++; await sleep(roundAt + opts.sampleEveryMs - performance.now()); continue; }
        const errors = round.samples.map((s) => s.errorMs);
        const onTrack = errors.every((e) => !Number.isNaN(e));
        if (!onTrack) notOnTrack++;
        const inStep = onTrack && errors.every((e) => Math.abs(e) <= IN_STEP_MS);
        const sinceStart = serverNow() - entrySince;
        if (inStep && inStepAt === null) inStepAt = sinceStart;
        if (sinceStart < SETTLING_MS || !onTrack) {
          rounds.settling++;
        } else {
          rounds.steady++;
          if (!inStep) roundsOutOfStep++;
          interClient.push(Math.max(...errors) - Math.min(...errors));
          for (const s of round.samples) {
            steadyErrors.get(s.name)?.push(Math.abs(s.errorMs));
            signedSums.set(s.name, (signedSums.get(s.name) ?? 0) + s.errorMs);
          }
        }
        if (performance.now() >= nextProgress) {
          nextProgress += 10_000;
          const last = interClient.length ? interClient[interClient.length - 1].toFixed(1) : "–";
          say(`  ${Math.round((performance.now() - start) / 1000)}/${opts.playbackSeconds} s: ${rounds.total} rounds, latest spread between pages ${last} ms, ${roundsOutOfStep} steady rounds out of step`);
        }
        await sleep(roundAt + opts.sampleEveryMs - performance.now());
      }
      if (currentEntry) trackStarts.push({ title: currentTitle, allInStepAfterMs: inStepAt });
    })();
    // Awaited below; this only keeps a failure meanwhile from counting as unhandled.
    measuring.catch(() => undefined);
    // Every track of the library, queued from the first page while the rounds run, so the first
    // start is measured too: enough for a minute, with track changes.
    for (const t of tracks) await queueThroughBar(listeners[0].page, t.id);
    await measuring;
    const measuredSeconds = (performance.now() - start) / 1000;
    // The clock part runs without the pages, so its figures compare with `npm run bench:clock`.
    await browser.close();
    browser = undefined;

    say(`  measuring the clock offset under injected network jitter, ${opts.clockSeconds} s per profile…`);
    const clockJitter = await measureClockJitter(port, lounge.id, opts.clockSeconds, say);
    return {
      pages: opts.pages, measuredSeconds, sampleEveryMs: opts.sampleEveryMs, rounds,
      interClientMs: percentiles(interClient),
      errorMs: percentiles([...steadyErrors.values()].flat()),
      roundsOutOfStep,
      perPage: listeners.map(({ name }) => ({
        name,
        errorMs: percentiles(steadyErrors.get(name) ?? []),
        meanErrorMs: (signedSums.get(name) ?? 0) / Math.max(1, steadyErrors.get(name)?.length ?? 0),
        clockErrorMs: percentiles(clockErrors.get(name) ?? []),
      })),
      trackStarts, notOnTrack, clockErrorMs: percentiles([...clockErrors.values()].flat()), clockBracketMs: percentiles(brackets),
      settlingMs: SETTLING_MS, tightProbeMs: TIGHT_PROBE_MS, clockJitter,
    };
  } finally {
    await browser?.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

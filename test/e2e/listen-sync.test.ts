// Listening together in real browsers: two Chromium pages in one lounge play the same moment of the
// same track. Each page reports, at one instant, what its howler sound is playing (the WebAudio
// clock howler plays by) and its estimate of the server's clock; the test holds that against the
// room's own playback state (the server runs in this process) — from the start, for a late joiner,
// after a seek, and through pause and resume. LISTEN_SYNC_DEBUG=1 prints the settled samples.
import assert from "node:assert/strict";
import type { Browser, BrowserContext } from "playwright-core";
import { testServer } from "../support/server.ts";
import { createLounge } from "../support/lounges.ts";
import { launchBrowser, watchErrors } from "../support/browser.ts";
import { waitFor } from "../support/wait.ts";
import { describeSamples, joinThroughPage, loungeRoom, queueThroughBar, roomClock, sampleListeners, type Listener, type ListenerSample } from "../support/listening.ts";
import { playbackPosition, type PlaybackStatus } from "../../shared/clock.ts";
import { serverNow } from "../../server/features/clock.ts";
import type { CatalogTrack } from "../../server/tracks/catalog.ts";

/** What a person would call "together": every page within this of the room's position. */
const TOLERANCE_MS = 50;
/** In step means this many samples in a row within tolerance, ~150 ms apart (a lucky crossing is not settling). */
const STEADY_SAMPLES = 5;
/** Settling includes fetching and decoding the track; generous for a loaded 2-core CI machine. */
const SETTLE_TIMEOUT_MS = 20_000;

describe("listen together in real browsers (Chromium)", function () {
  this.timeout(90_000);
  let browser: Browser;
  let baseUrl: string;
  let loungeId: string;
  let track: CatalogTrack;
  const contexts: BrowserContext[] = [];
  const listeners: Array<Listener & { errors: string[] }> = [];

  before(async function () {
    this.timeout(180_000);
    browser = await launchBrowser(this, { autoplay: true });
    baseUrl = (await testServer()).baseUrl;
    loungeId = (await createLounge({ name: "Listening together" })).id;
    const { tracks } = (await (await fetch(`${baseUrl}/api/tracks`)).json()) as { tracks: CatalogTrack[] };
    // The longest track leaves the most room for a late join, a seek and a pause before it ends.
    track = tracks.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
  });
  after(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await browser?.close();
  });

  async function listen(name: string, avatar: string): Promise<Listener> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    // tsx's keepNames wraps functions passed to page.evaluate in a Node-only `__name` helper.
    await context.addInitScript("globalThis.__name = (fn) => fn");
    const page = await context.newPage();
    const listener = { name, page, errors: watchErrors(page) };
    listeners.push(listener);
    await joinThroughPage(page, baseUrl, loungeId, name, avatar);
    return listener;
  }

  const room = () => loungeRoom(loungeId);
  const playback = () => room().state.playback;
  /** Where the room's track is now, by the server's own clock. */
  const positionNow = () => playbackPosition(roomClock(room()), serverNow());

  /**
   * One round of samples, and what is wrong with the pages' estimates of the server's clock (what
   * a page steers by): each must be within tolerance of the server's clock read around the round.
   */
  async function sample(): Promise<{ samples: ListenerSample[]; clockErrors: string[] }> {
    const round = await sampleListeners(listeners, room());
    const clockErrors: string[] = [];
    for (const s of round.samples) {
      assert.ok(s.report, `${s.name}: the page has no music player`);
      assert.equal(s.report.locked, false, `${s.name}: autoplay is blocked (is --autoplay-policy=no-user-gesture-required set?)`);
      if (Number.isNaN(s.clockErrorMs)) continue;
      if (Math.abs(s.clockErrorMs) > TOLERANCE_MS + round.clockBracketMs) {
        clockErrors.push(`${s.name} believes the server's clock is ${s.clockErrorMs.toFixed(1)} ms off (±${round.clockBracketMs.toFixed(1)} ms)`);
      }
    }
    return { samples: round.samples, clockErrors };
  }

  /**
   * Polls until every page has been within tolerance of the room, and the pages of each other, for
   * STEADY_SAMPLES rounds in a row, its clock estimate too (a page that has just joined or seeked
   * may take a few rounds to settle: one 48 ms behind and still closing in is within tolerance of
   * the room but not yet of a page already there); returns them.
   */
  async function settled(what: string, status: PlaybackStatus): Promise<ListenerSample[][]> {
    const streak: ListenerSample[][] = [];
    let last: ListenerSample[] = [];
    let lastClockErrors: string[] = [];
    try {
      await waitFor(async () => {
        if (playback().status !== status) return false;
        ({ samples: last, clockErrors: lastClockErrors } = await sample());
        const errors = last.map((s) => s.errorMs);
        const inStep = lastClockErrors.length === 0 && last.every((s) => s.report?.status === status && Math.abs(s.errorMs) <= TOLERANCE_MS)
          && Math.max(...errors) - Math.min(...errors) <= TOLERANCE_MS;
        if (inStep) streak.push(last); else streak.length = 0;
        if (streak.length >= STEADY_SAMPLES) return true;
        await new Promise((r) => setTimeout(r, 150));
        return false;
      }, { timeout: SETTLE_TIMEOUT_MS, what });
    } catch (err) {
      throw new Error(`${what}: not within ${TOLERANCE_MS} ms of the room and of each other after ${SETTLE_TIMEOUT_MS / 1000} s; last: ${describeSamples(last)}${lastClockErrors.map((e) => `; ${e}`).join("")}`, { cause: err });
    }
    return streak;
  }

  /** In step with the room and with each other within the settle time; and no page logged an error. */
  async function assertTogether(what: string, status: PlaybackStatus = "playing"): Promise<void> {
    const streak = await settled(what, status);
    if (process.env.LISTEN_SYNC_DEBUG) console.log(`      ${what}: ${streak.map(describeSamples).join(" | ")}`);
    for (const { name, errors } of listeners) assert.deepEqual(errors, [], `${name}'s page logged errors`);
  }

  it("plays a queued track at the room's position", async () => {
    const ada = await listen("Ada", "Fox");
    await queueThroughBar(ada.page, track.id);
    await waitFor(() => playback().status === "playing", { what: "the room to start the track" });
    assert.equal(playback().current.trackId, track.id);
    await assertTogether("Ada after queueing");
  });

  /** Seeks through the first page's progress bar to `fraction` of the track; resolves once the room has it. */
  async function seekThroughBar(fraction: number): Promise<void> {
    const bar = listeners[0].page.locator(".np-progress");
    const box = await bar.boundingBox();
    assert.ok(box, "the progress bar is shown");
    const startedAt = playback().startedAt;
    await bar.click({ position: { x: box.width * fraction, y: box.height / 2 } });
    await waitFor(() => playback().startedAt !== startedAt, { what: "the seek to reach the room" });
  }

  it("starts a late joiner mid-track at the same moment", async () => {
    // Well into the track, so the joiner has to start mid-way, not at 0.
    await waitFor(() => positionNow() > 3000, { what: "3 s of the track to play" });
    // A slow first test on a loaded machine can leave too little of the track for a join and a
    // settle: back to 20 % (still mid-way) first.
    if (track.durationMs - positionNow() < SETTLE_TIMEOUT_MS + 5000) await seekThroughBar(0.2);
    await listen("Bo", "Cat");
    await assertTogether("Bo joining mid-track");
  });

  it("follows a seek on every page", async () => {
    // At least 3 s in (a seek back must be one), then back to about 10% of the track: early
    // enough that pause and resume still fit before it ends.
    await waitFor(() => positionNow() > track.durationMs * 0.1 + 2000, { what: "the track to be past 10 %" });
    const wasAt = positionNow();
    await seekThroughBar(0.1);
    assert.ok(Math.abs(playback().positionMs - track.durationMs * 0.1) < track.durationMs * 0.05, `seeked to ${playback().positionMs} ms`);
    assert.ok(wasAt - positionNow() > 1000, "the seek went back in the track");
    await assertTogether("after the seek");
  });

  it("holds still at the same position while paused, and resumes together", async () => {
    const playPause = listeners[0].page.getByRole("button", { name: "Play or pause" });
    await playPause.click();
    await waitFor(() => playback().status === "paused", { what: "the pause to reach the room" });
    await assertTogether("paused", "paused");
    const pausedAt = playback().positionMs;
    const { samples, clockErrors } = await sample();
    assert.deepEqual(clockErrors, []);
    for (const s of samples) {
      assert.ok(s.report?.audioMs !== undefined && Math.abs(s.report.audioMs - pausedAt) <= TOLERANCE_MS, `${s.name} paused at ${s.report?.audioMs} ms, the room at ${pausedAt} ms`);
    }

    await playPause.click();
    await waitFor(() => playback().status === "playing", { what: "resume to reach the room" });
    assert.equal(playback().positionMs, pausedAt, "resumes where it paused");
    await assertTogether("after resuming");
  });
});

// Browser pages listening together, for the listen-sync test and the playback bench: join a lounge
// through its page, queue a track through the now-playing bar, and sample what every page plays
// against the room's own playback clock (the server runs in the same process).
import type { Page } from "playwright-core";
import { matchMaker } from "@colyseus/core";
import { playbackPosition, type PlaybackClock, type PlaybackStatus } from "../../shared/clock.ts";
import { serverNow } from "../../server/features/clock.ts";
import type { LoungeRoom } from "../../server/rooms/lounge-room.ts";
import type { MusicReport } from "../../client/ui/test-hooks.ts";

export interface Listener { name: string; page: Page }

/** Opens the lounge's link, picks a name and an avatar, joins, and waits until connected. */
/** Opens a lounge by its link, picks a name and avatar, joins, waits until connected and drawn; the session id. */
export async function joinThroughPage(page: Page, baseUrl: string, loungeId: string, name: string, avatar: string): Promise<string> {
  await page.goto(`${baseUrl}/l/${loungeId}`);
  await page.getByLabel("Your name").fill(name);
  await page.locator(".avatar-option", { hasText: avatar }).click();
  await page.getByRole("button", { name: "Join the lounge" }).click();
  await page.waitForFunction(() => window.__lounge?.status === "connected");
  await page.locator(".stage canvas").waitFor();
  return page.evaluate(() => window.__lounge?.sessionId ?? "");
}

/** Queues a track the way a person does: open the queue, pick it, press "+ Queue". */
export async function queueThroughBar(page: Page, trackId: string): Promise<void> {
  const details = page.locator(".np-details");
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator(".np-summary").click();
  const pick = page.getByLabel("Track to queue");
  await pick.locator(`option[value="${trackId}"]`).waitFor({ state: "attached" });
  await pick.selectOption(trackId);
  await page.getByRole("button", { name: "+ Queue" }).click();
}

export function loungeRoom(loungeId: string): LoungeRoom {
  const room = matchMaker.getLocalRoomById(loungeId) as LoungeRoom | undefined;
  if (!room) throw new Error(`lounge ${loungeId} has no open room`);
  return room;
}

export function roomClock(room: LoungeRoom): PlaybackClock {
  const p = room.state.playback;
  return { status: p.status as PlaybackStatus, startedAt: p.startedAt, positionMs: p.positionMs, rate: p.rate, durationMs: p.current.durationMs };
}

export interface ListenerSample {
  name: string;
  report: MusicReport | undefined;
  /** Heard position − the room's position at the server time the page believes it is; NaN when the page is not playing the room's entry. */
  errorMs: number;
  /** The page's belief about the server's clock − the server's clock (midpoint of the reads around the sample). */
  clockErrorMs: number;
}

export interface SampleRound {
  samples: ListenerSample[];
  /** Half the time between the server-clock reads around the round: how exactly clockErrorMs is known. */
  clockBracketMs: number;
  status: string;
}

/** Every page's music report, asked for at once, each held against the room's clock. */
export async function sampleListeners(listeners: readonly Listener[], room: LoungeRoom): Promise<SampleRound> {
  const before = serverNow();
  const reports = await Promise.all(listeners.map(({ page }) => page.evaluate(() => window.__lounge?.music())));
  const after = serverNow();
  const entryId = room.state.playback.current.entryId;
  const clock = roomClock(room);
  const samples = reports.map((report, i): ListenerSample => {
    const name = listeners[i].name;
    const believed = report?.serverNow;
    const clockErrorMs = believed === undefined ? NaN : believed - (before + after) / 2;
    if (!report || report.entryId !== entryId || report.heardMs === undefined || believed === undefined) return { name, report, errorMs: NaN, clockErrorMs };
    return { name, report, errorMs: report.heardMs - playbackPosition(clock, believed), clockErrorMs };
  });
  return { samples, clockBracketMs: (after - before) / 2, status: clock.status };
}

/**
 * One page's estimate of the server's clock against the server's own, asked alone so the reads
 * around it are close together: `errorMs` is known to within ± `bracketMs`.
 */
export async function probeClock(listener: Listener): Promise<{ errorMs: number; bracketMs: number } | undefined> {
  const before = serverNow();
  const believed = await listener.page.evaluate(() => window.__lounge?.music()?.serverNow);
  const after = serverNow();
  return believed === undefined ? undefined : { errorMs: believed - (before + after) / 2, bracketMs: (after - before) / 2 };
}

export const describeSamples = (samples: readonly ListenerSample[]) =>
  samples.map((s) => `${s.name} ${Number.isNaN(s.errorMs) ? `not playing the room's track (${JSON.stringify(s.report)})` : `${s.errorMs.toFixed(1)} ms`}`).join(", ");

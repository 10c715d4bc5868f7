// A lounge whose room is storing its snapshot on the way out. Colyseus takes a closing room off the
// matchmaker (in Redis: for every process) before its onDispose has stored the snapshot, so a join
// right then would open the lounge again, on this process or another, from the record as it was
// (the music queue gone). The last one out puts a mark in the presence before Colyseus closes the
// room (it awaits onLeave; a drain puts it up before its own snapshot); it comes down once the
// snapshot is stored, or when someone joins the room after all. A join that finds the mark up and
// no room it could enter waits for that before matchmaking (authorizeSeat), and a new room of the
// lounge waits a little more before reading the record (onCreate), for a join that got past the
// first look just before the mark went up.
import { matchMaker, type Presence } from "@colyseus/core";

/** How long a mark outlives a process that died while storing (a new room then reads what is there). */
export const CLOSING_MARK_SECONDS = 10;
/** How long a join waits before matchmaking: under the SDK's 10 s for a matchmaking request. */
export const JOIN_WAIT_MS = 5000;
/**
 * How long a new room waits before reading its record: well under the half second another join of
 * the same lounge waits for a room being created before it creates one of its own (Colyseus).
 */
export const CREATE_WAIT_MS = 400;
/** How often a waiting join or room looks again. */
const POLL_MS = 20;

const keyOf = (loungeId: string): string => `chill:lounge-closing:${loungeId}`;

/** Puts the lounge's mark up; resolves once the presence has it. */
export async function markClosing(presence: Presence, loungeId: string): Promise<void> {
  await presence.setex(keyOf(loungeId), "1", CLOSING_MARK_SECONDS);
}

/** Takes the lounge's mark down (after the same presence put it up: it applies them in order). */
export async function unmarkClosing(presence: Presence, loungeId: string): Promise<void> {
  await presence.del(keyOf(loungeId));
}

/** Whether the lounge's mark is up (operators, tests). */
export async function closingMarkIsUp(loungeId: string): Promise<boolean> {
  return Boolean(await matchMaker.presence.get(keyOf(loungeId)));
}

/**
 * Waits, at most `maxMs`, while the lounge's mark is up and it has no room a join could enter (none
 * listed, or a locked one: draining). Resolves "stored" when there is nothing (left) to wait for,
 * "gave up" after `maxMs`.
 */
export async function untilStored(loungeId: string, maxMs: number): Promise<"stored" | "gave up"> {
  const key = keyOf(loungeId);
  const giveUpAt = Date.now() + maxMs;
  for (;;) {
    if (!(await matchMaker.presence.get(key))) return "stored";
    const listed = await matchMaker.driver.findOne({ roomId: loungeId });
    if (listed && !listed.locked) return "stored";
    if (Date.now() >= giveUpAt) return "gave up";
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

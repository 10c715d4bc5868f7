// After a dropped connection: whether to keep asking for the held seat, or to take a new seat in
// the same lounge. Pure, so the page and tests share one rule.
import { JoinErrorCode } from "../../shared/join-errors.ts";

/** Colyseus' matchmaking answers to a reconnection (the HTTP status of `/matchmake/reconnect`). */
const ROOM_GONE = 522; // no such room: it closed, or its process died and was swept
const SEAT_NOT_HELD = 524; // the room is there (perhaps re-opened elsewhere) but holds no seat for us

/**
 * How long a server answer other than "gone" is worth waiting out: with Redis, a process that
 * died (kill -9) is found and its rooms released within a few seconds (server/crashed-processes.ts);
 * until then reconnections answer 523 ("the room did not answer"). After this, a new seat through
 * matchmaking (which checks the process itself) beats waiting for the old one.
 */
export const SEAT_NOTICE_GRACE_MS = 12_000;

export type NextStep = "retry" | "rejoin";

/**
 * What to do after a reconnection attempt failed with `code` (undefined: no answer at all, such
 * as a network error or a timeout) `msSinceDrop` after the drop.
 */
export function afterFailedReconnect(code: number | undefined, msSinceDrop: number): NextStep {
  if (code === undefined || code < 400 || code >= 600) return "retry"; // not an answer about the seat
  if (code === ROOM_GONE || code === SEAT_NOT_HELD) return "rejoin";
  return msSinceDrop > SEAT_NOTICE_GRACE_MS ? "rejoin" : "retry";
}

/**
 * Whether a refused join is final (banned, private, gone…) rather than a passing state of
 * matchmaking (Colyseus' 52x while a lounge moves between processes, too many joins at once).
 */
export function isFinalRefusal(code: number): boolean {
  if (code >= 500) return false;
  return code !== JoinErrorCode.TOO_MANY_RESERVATIONS && code !== JoinErrorCode.LOUNGE_FULL && code !== JoinErrorCode.WAIT_AFTER_FLOODING;
}

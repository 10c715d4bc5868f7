// The clock service: answers `clock:ping` so clients can estimate their offset to server time
// (Cristian/NTP style, see shared/clock.ts once playback lands).
import { RoomPlugin } from "@colyseus/core";
import type { ClockPong } from "../../shared/protocol.ts";
import { validated } from "../rooms/validated.ts";
import type { LoungeRoom } from "../rooms/lounge-room.ts";

/** Milliseconds since the epoch from the monotonic high-resolution clock: never steps backwards. */
export function serverNow(): number {
  return performance.timeOrigin + performance.now();
}

export class ClockFeature extends RoomPlugin<LoungeRoom> {
  protected override messages = {
    "clock:ping": validated("clock:ping", () => this.room.log, (_client, msg): ClockPong => ({ t0: msg.t0, serverNow: serverNow() })),
  };
}

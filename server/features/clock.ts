// The clock service: answers `clock:ping` so clients can estimate their offset to server time
// (Cristian/NTP style, see shared/clock.ts). Anyone connected may ask.
import { clockMessages, type ClockPong } from "../../shared/features/clock.ts";
import { LoungeFeature } from "../rooms/feature.ts";

export { serverNow } from "../rooms/clock.ts";

export class ClockFeature extends LoungeFeature {
  protected override messages = this.handlers(clockMessages, {
    "clock:ping": { who: "anyone", handle: (_client, msg): ClockPong => ({ t0: msg.t0, serverNow: this.host.clock.now() }) },
  });
}

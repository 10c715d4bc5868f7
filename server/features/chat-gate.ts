// The chat gate of a lounge: who is muted (and until when) and slow mode's pace per person. Owned
// by the moderation feature, asked by chat before a message is accepted. Mutes that end by
// themselves run on the room's clock.
import { refuse, type Refusal } from "../rooms/refusal.ts";
import type { LoungeHost } from "../rooms/host.ts";
import type { Timer } from "../rooms/clock.ts";
import { canModerate } from "../../shared/moderation.ts";

export class ChatGate {
  private readonly lastChatAt = new Map<string, number>();
  private readonly muteEnds = new Map<string, number | null>();
  private readonly muteTimers = new Map<string, Timer>();

  constructor(private readonly host: LoungeHost) {}

  /**
   * A muted person is refused, and in slow mode a person (not the owner or a moderator) must wait
   * between messages. Passing reserves the slot, so a burst sent at once cannot all slip through
   * while the first is being stored.
   */
  check(sessionId: string): Refusal | undefined {
    const player = this.host.player(sessionId);
    if (!player) return undefined;
    const now = this.host.clock.now();
    if (player.muted) {
      const until = this.muteEnds.get(sessionId);
      const when = until ? `in ${Math.max(1, Math.ceil((until - now) / 60_000))} min` : "when a moderator unmutes you";
      return refuse("MUTED", `A moderator muted you; you can chat again ${when}.`, until ? { retryInMs: Math.max(0, until - now) } : {});
    }
    const seconds = this.host.state.lounge.slowModeSeconds;
    if (seconds > 0 && !canModerate(this.host.roleOf(sessionId))) {
      const last = this.lastChatAt.get(sessionId);
      if (last !== undefined && now - last < seconds * 1000) {
        const retryInMs = Math.ceil(seconds * 1000 - (now - last));
        return refuse("SLOW_MODE", `Slow mode is on: one message every ${seconds} s. Wait ${Math.ceil(retryInMs / 1000)} s.`, { retryInMs });
      }
      this.lastChatAt.set(sessionId, now);
    }
    return undefined;
  }

  /** Mutes the seat until `until` (epoch ms), or until someone unmutes it when null. */
  mute(sessionId: string, until: number | null): void {
    const player = this.host.player(sessionId);
    if (!player) return;
    player.muted = true;
    this.muteEnds.set(sessionId, until);
    this.stopTimer(sessionId);
    if (until !== null) {
      this.muteTimers.set(sessionId, this.host.clock.setTimeout(() => this.unmute(sessionId), Math.max(0, until - this.host.clock.now())));
    }
  }

  unmute(sessionId: string): void {
    this.stopTimer(sessionId);
    this.muteEnds.delete(sessionId);
    const player = this.host.player(sessionId);
    if (player) player.muted = false;
  }

  /** Slow mode turned off: nobody has to wait out their last message any more. */
  slowModeOff(): void {
    this.lastChatAt.clear();
  }

  forget(sessionId: string): void {
    this.stopTimer(sessionId);
    this.lastChatAt.delete(sessionId);
    this.muteEnds.delete(sessionId);
  }

  dispose(): void {
    for (const timer of this.muteTimers.values()) timer.clear();
    this.muteTimers.clear();
  }

  private stopTimer(sessionId: string): void {
    this.muteTimers.get(sessionId)?.clear();
    this.muteTimers.delete(sessionId);
  }
}

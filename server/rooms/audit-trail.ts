// One way to record a moderation action, from a room or from HTTP: the row is written to the audit
// table, then the lounge's channel says so, and the lounge's open room (on whichever process)
// tells the owner and moderators present. Roles given over HTTP travel on the same channel.
import type { Presence } from "@colyseus/core";
import type { Logger } from "pino";
import type { ModerationRepository, NewAuditEntry } from "../db/moderation.ts";
import type { ModerationAction, Role } from "../../shared/moderation.ts";

/** What crosses processes about one lounge, to its open room. */
export type LoungeEvent =
  | { type: "moderation-changed"; action: ModerationAction }
  | { type: "role"; userId: string; role: Role };

export function loungeChannel(loungeId: string): string {
  return `chill:lounge:${loungeId}`;
}

export function publishLoungeEvent(presence: Presence, loungeId: string, event: LoungeEvent): Promise<void> | void {
  return presence.publish(loungeChannel(loungeId), event);
}

export class AuditTrail {
  constructor(
    private readonly repository: ModerationRepository,
    private readonly presence: Presence,
    private readonly track: <T>(write: Promise<T>) => Promise<T>,
    private readonly log: Logger,
  ) {}

  /** Writes the entry, then tells the lounge's room that "Manage lounge" changed. */
  async record(entry: NewAuditEntry): Promise<void> {
    await this.track(this.repository.audit(entry));
    try {
      await publishLoungeEvent(this.presence, entry.loungeId, { type: "moderation-changed", action: entry.action });
    } catch (err) {
      // The row is written; moderators present see it on their next reload of "Manage lounge".
      this.log.warn({ err, loungeId: entry.loungeId, action: entry.action }, "could not tell the open lounge what changed");
    }
  }
}

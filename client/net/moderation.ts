// A moderator's actions inside a lounge, as room requests (`mod:*`): each resolves when the room
// has done it, or rejects with the room's own words (not allowed, rate limited, gone…).
import type { ClientMessageInput, ClientMessageType } from "../../shared/protocol.ts";
import type { AssignableRole } from "../../shared/moderation.ts";
import { rejectionOf, type LoungeConnection } from "./lounge-connection.ts";

export type PersonAction = "mute" | "unmute" | "kick" | "ban" | "set-role";

export interface PersonTarget { sessionId: string; name: string }

/** A request to the room that resolves when it is done, or rejects with the server's words. */
export async function ask<K extends ClientMessageType>(connection: LoungeConnection, type: K, payload: ClientMessageInput<K>): Promise<void> {
  try {
    await connection.ask(type, payload);
  } catch (err) {
    const refusal = rejectionOf(err);
    if (refusal) throw new Error(refusal.message);
    throw new Error(connection.connected ? "The lounge did not answer; try again." : "Not connected to the lounge right now; try again when the banner is gone.");
  }
}

/** Does `action` to `person`; resolves with what to tell the moderator. */
export async function moderate(connection: LoungeConnection, action: PersonAction, person: PersonTarget, opts: { minutes?: number; reason?: string; role?: AssignableRole }): Promise<string> {
  const { sessionId, name } = person;
  // Left out rather than sent as undefined, which the wire format may turn into null.
  const minutes = opts.minutes ? { minutes: opts.minutes } : {};
  const reason = opts.reason ? { reason: opts.reason } : {};
  switch (action) {
    case "mute":
      await ask(connection, "mod:mute", { sessionId, ...minutes, ...reason });
      return `Muted ${name}.`;
    case "unmute":
      await ask(connection, "mod:unmute", { sessionId });
      return `${name} can chat again.`;
    case "kick":
      await ask(connection, "mod:kick", { sessionId, ...reason });
      return `Removed ${name} from the lounge.`;
    case "ban":
      await ask(connection, "mod:ban", { sessionId, ...minutes, ...reason });
      return `Banned ${name}${opts.minutes ? "" : " until the ban is lifted"}.`;
    case "set-role": {
      const role = opts.role ?? "member";
      await ask(connection, "mod:role", { sessionId, role });
      return role === "member" ? `${name} is a member here, with no special role.` : `${name} is now ${role === "dj" ? "a DJ" : "a moderator"} here.`;
    }
  }
}

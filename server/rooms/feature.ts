// What a feature is: a Colyseus RoomPlugin typed against the host contract (host.ts), never a
// concrete room. It owns a slice of the state and the messages that act on it, declared with
// `handlers()`, and may implement the lifecycle moments below; the room calls every feature that
// has one, so adding a feature edits no room file.
import { RoomPlugin, type Client, type MessageContext, type Room, type RoomPluginOrder } from "@colyseus/core";
import type { z } from "zod";
import type { LoungeState, Player } from "../../shared/state/lounge-state.ts";
import type { MessageTable } from "../../shared/fields.ts";
import type { Role } from "../../shared/moderation.ts";
import type { LoungeHost } from "./host.ts";
import { messageHandler, type MessageRule, type RoomMessageHandler } from "./messages.ts";

/** The room a feature plugs into, as far as the feature may know it. */
export type HostRoom<S extends LoungeState = LoungeState> = Room<{ state: S }> & { readonly host: LoungeHost<S> };

/** A message's handler alone (a member may send it, no rate limit), or its full rule. */
export type HandlerSpec<M> = MessageRule<M> | ((client: Client, message: M, ctx: MessageContext) => unknown);

/** One entry per message of the table the feature handles; the key is written once. */
export type HandlerSpecs<T extends MessageTable> = { [K in keyof T & string]?: HandlerSpec<z.output<T[K]>> };

export type { MessageRule, Role };

export abstract class LoungeFeature<S extends LoungeState = LoungeState> extends RoomPlugin<HostRoom<S>> {
  // Features set up after the room has opened its record and built the host, see a joiner after
  // the room seated them, and see a leaver before the room takes the seat away.
  protected override order: RoomPluginOrder = { onCreate: "after", onJoin: "after", onLeave: "before" };

  /** The room as the contract shows it. Available from onCreate on (not in the constructor). */
  protected get host(): LoungeHost<S> {
    return this.room.host;
  }

  /** A player was just seated (not yet in the state anyone sees): set what this feature owns of them. */
  onSeat?(player: Player, client: Client): void;
  /** Right before each patch is encoded: step what moves, trim what grows. */
  beforePatch?(): void;
  /** A connection dropped; the room holds the seat for a reconnect unless a feature released it. */
  onDrop?(client: Client): void;
  /** A dropped connection came back to its held seat. */
  onReconnect?(client: Client): void;
  /**
   * What this feature wants back when the lounge's room opens again (a restart, a drain, or after
   * it emptied): plain JSON, kept in the lounge record under `snapshotKey`. Read it back in onCreate
   * with `this.host.restored(key)`.
   */
  snapshot?(): unknown;
  /** The key its snapshot is kept under; features that keep one set it. */
  readonly snapshotKey?: string;

  /**
   * Declares this feature's message handlers against its message table: each payload is checked
   * against the table's schema, the sender against the rule (`who`, `limit`), and anything wrong
   * becomes a clear error to the sender alone.
   */
  protected handlers<T extends MessageTable>(table: T, specs: HandlerSpecs<T>): Record<string, RoomMessageHandler> {
    const out: Record<string, RoomMessageHandler> = {};
    for (const type of Object.keys(specs) as Array<keyof T & string>) {
      const spec = specs[type];
      if (!spec) continue;
      const rule = typeof spec === "function" ? { handle: spec } : spec;
      out[type] = messageHandler(type, table[type], rule as MessageRule<unknown>, () => this.host);
    }
    return out;
  }
}

// The host contract: all a feature sees of the room it plugs into. Features are typed against
// this, never against a concrete room class, so the import graph runs one way (room → features)
// and one feature can serve in any Room type that offers the contract.
import type { Client, Presence } from "@colyseus/core";
import type { Logger } from "pino";
import type { LoungeState } from "../../shared/state/lounge-state.ts";
import type { Player } from "../../shared/state/lounge-state.ts";
import type { LoungeMap } from "../../shared/maps/index.ts";
import type { Role } from "../../shared/moderation.ts";
import type { LoungeContext } from "./context.ts";
import type { HostClock } from "./clock.ts";
import type { Refusal } from "./refusal.ts";
import type { NewAuditEntry } from "../db/moderation.ts";
import type { RecentChat } from "../features/recent-chat.ts";

/** The people connected to the room (a Colyseus ClientArray fits). */
export interface HostClients extends Iterable<Client> {
  readonly length: number;
  getById(sessionId: string): Client | undefined;
}

/** A check that may refuse a person's chat message (moderation adds one; chat asks them all). */
export type ChatGuard = (sessionId: string) => Refusal | undefined;

/** Guards added by features, asked in the order they were added; the first refusal wins. */
export class GuardChain {
  private readonly guards: ChatGuard[] = [];

  add(guard: ChatGuard): void {
    this.guards.push(guard);
  }

  check(sessionId: string): Refusal | undefined {
    for (const guard of this.guards) {
      const refusal = guard(sessionId);
      if (refusal) return refusal;
    }
    return undefined;
  }
}

/** An audit entry of this lounge: the host fills in the lounge id. */
export type HostAuditEntry = Omit<NewAuditEntry, "loungeId">;

export interface LoungeHost<S extends LoungeState = LoungeState> {
  /** The lounge record this room serves (also its room id). */
  readonly loungeId: string;
  readonly map: LoungeMap;
  /** The whole schema state; a feature writes only its own slice. */
  readonly state: S;
  /** The room's logger, already bound to the lounge id. */
  readonly log: Logger;
  /** The one clock: server time and timers. Tests give a ManualClock. */
  readonly clock: HostClock;
  /** Randomness for the room's choices (spawn doors); seeded in tests. */
  random(): number;
  readonly clients: HostClients;
  /** Process services: configuration, repositories, tracks, accounts. */
  readonly services: LoungeContext;
  broadcast(type: string, message?: unknown, options?: { except?: Client }): void;
  /** The player of a seat, when someone sits there. */
  player(sessionId: string): Player | undefined;
  /** The seat's role in this lounge (owner, moderator, dj, member, guest). */
  roleOf(sessionId: string): Role;
  /** Keeps a database write in the set that shutdown and disposal wait for. */
  write<T>(write: Promise<T>): Promise<T>;
  /** Port: records a moderation action and tells the moderators present (here and over HTTP alike). */
  readonly audit: { record(entry: HostAuditEntry): Promise<void> };
  /** Port: checks that may refuse a chat message before it is stored. */
  readonly chatGuards: GuardChain;
  /** Port: the lounge's recent chat (chat fills it and sends it to joiners; moderation takes deleted messages out). */
  readonly recentChat: RecentChat;
  /** Ends a seat for good: the connection closes with `code` and the seat is not held for a reconnect. */
  release(sessionId: string, code: number, reason: string): void;
  /** What the feature keeping `key` saved when this lounge's room last closed (undefined: nothing). */
  restored(key: string): unknown;
  /** Listens on a presence channel (across processes with Redis) until the room closes. */
  subscribe<T>(channel: string, listener: (message: T) => void): void;
  readonly presence: Presence;
}

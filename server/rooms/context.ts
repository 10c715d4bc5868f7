// What rooms need from the process: configuration, logger and repositories. Colyseus constructs
// rooms itself (and its matchmaker is a process-wide singleton), so app.ts installs this once.
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { LoungeRepository } from "../db/lounges.ts";
import type { ChatRepository } from "../db/chat.ts";
import type { ChatWriteQueue } from "../db/chat-write-queue.ts";
import type { TrackCatalog } from "../tracks/catalog.ts";
import type { Accounts } from "../auth/accounts.ts";
import type { MemberRepository } from "../db/members.ts";
import type { InviteRepository } from "../db/invites.ts";
import type { ModerationRepository } from "../db/moderation.ts";
import type { GameRepository } from "../db/games.ts";
import type { PenaltyBox } from "./penalty-box.ts";
import type { Metrics } from "../metrics.ts";
import type { ReservationLedger } from "./reservations.ts";
import type { Presence } from "@colyseus/core";
import type { AuditTrail } from "./audit-trail.ts";

export interface LoungeContext {
  config: Config;
  log: Logger;
  lounges: LoungeRepository;
  chat: ChatRepository;
  /** Stores chat messages, many per INSERT; a message's promise settles once its row is committed. */
  chatWrites: ChatWriteQueue;
  tracks: TrackCatalog;
  accounts: Accounts;
  members: MemberRepository;
  invites: InviteRepository;
  moderation: ModerationRepository;
  /** Counters and gauges for GET /metrics. */
  metrics: Metrics;
  /** Seats reserved but not yet taken, per address. */
  reservations: ReservationLedger;
  /** Accounts, guests and addresses disconnected for flooding, and until when. */
  penalties: PenaltyBox;
  /** Finished card games and ratings. */
  games: GameRepository;
  /** The one way to record a moderation action (a row, then the lounge's moderators are told). */
  audit: AuditTrail;
  presence: Presence;
  /** Writes under way; shutdown waits for them. */
  pendingWrites: Set<Promise<unknown>>;
}

let current: LoungeContext | undefined;

export function installLoungeContext(ctx: LoungeContext): void {
  current = ctx;
}

export function loungeContext(): LoungeContext {
  if (!current) throw new Error("The lounge context is not installed: create rooms through createLoungeServer().");
  return current;
}

/** Runs a write and keeps it in `pendingWrites` until it settles, so shutdown can wait for it. */
export function trackWrite<T>(ctx: Pick<LoungeContext, "pendingWrites">, write: Promise<T>): Promise<T> {
  ctx.pendingWrites.add(write);
  const forget = () => { ctx.pendingWrites.delete(write); };
  write.then(forget, forget);
  return write;
}

// Who takes a seat in a lounge room and whether they may: join options, the session or guest
// identity, the lounge record (of this room kind), capacity, privacy and bans. Runs in the room
// class's static onAuth, during matchmaking, where Colyseus answers with the error code as the
// HTTP status; what it returns becomes `client.auth`.
import { ServerError, matchMaker, type AuthContext } from "@colyseus/core";
import { joinOptions } from "../../shared/protocol.ts";
import { JoinErrorCode } from "../../shared/join-errors.ts";
import type { Role } from "../../shared/moderation.ts";
import type { LoungeRow } from "../db/schema.ts";
import { admit, ambientCookies, identify, presentedToken, roomIdOfRequest } from "../auth/room-auth.ts";
import { loungeContext, type LoungeContext } from "./context.ts";
import { listingStands } from "../crashed-processes.ts";
import { JOIN_WAIT_MS, untilStored } from "./closing-lounges.ts";

/** What a seat knows of its person; Colyseus keeps it as `client.auth`. Server-side only. */
export interface SeatAuth {
  name: string;
  avatar: string;
  userId: string | null;
  /** Digest of the guest token: what bans and mutes of a guest hold on to. */
  guestKey: string;
  role: Role;
  /** The lounge `role` was decided for; null when onAuth could not tell (onJoin decides then). */
  loungeId: string | null;
  /** Kept for onJoin when onAuth could not tell the lounge. */
  inviteCode: string | null;
  /** The client's address as the transport saw it (a proxy's X-Forwarded-For first). */
  address: string | null;
}

/** The lounge record behind a room of `kind`, or the refusal a joiner should read. */
export async function loungeOfKind(ctx: LoungeContext, loungeId: string, kind: string): Promise<LoungeRow> {
  const record = await ctx.lounges.get(loungeId);
  if (!record) throw new ServerError(JoinErrorCode.LOUNGE_NOT_FOUND, `No lounge with id "${loungeId.slice(0, 64)}". Pick one from the list or create one.`);
  if (record.kind !== kind) {
    throw new ServerError(JoinErrorCode.WRONG_ROOM_KIND, `"${record.name}" is a "${record.kind}" lounge: join it with joinOrCreate("${record.kind}", { loungeId }).`);
  }
  return record;
}

/**
 * Refuses bad options, bad sessions, unknown, full and private lounges and bans with a clear code
 * and message, for every way of joining (joinOrCreate, joinById, create). The session comes from
 * the `sessionToken` option, `Authorization: Bearer` or the session cookie; a signed-in person's
 * name and avatar are their profile's.
 */
export async function authorizeSeat(kind: string, options: unknown, context: AuthContext): Promise<SeatAuth> {
  const parsed = joinOptions.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ServerError(JoinErrorCode.INVALID_OPTIONS, `Cannot join: ${issue.path.join(".") || "options"}: ${issue.message}`);
  }
  const ctx = loungeContext();
  const who = await identify(ctx, parsed.data, context);
  const waitMs = ctx.penalties.left([who.guestKey, who.user?.id, context.ip]);
  if (waitMs > 0) {
    throw new ServerError(JoinErrorCode.WAIT_AFTER_FLOODING, `You were disconnected for sending too many messages. Wait ${Math.ceil(waitMs / 1000)} s, then join again.`);
  }
  const name = who.user?.displayName ?? parsed.data.name;
  const avatar = who.user?.avatar ?? parsed.data.avatar;
  if (!name) throw new ServerError(JoinErrorCode.INVALID_OPTIONS, "Cannot join: name: Pick a display name (or sign in).");
  if (!avatar) throw new ServerError(JoinErrorCode.INVALID_OPTIONS, "Cannot join: avatar: Pick an avatar (or sign in).");
  const auth: SeatAuth = {
    name, avatar, userId: who.user?.id ?? null, guestKey: who.guestKey, role: "guest",
    loungeId: null, inviteCode: parsed.data.inviteCode ?? null, address: context.ip ?? null,
  };
  const loungeId = parsed.data.loungeId ?? roomIdOfRequest(context);
  if (loungeId !== undefined) {
    const record = await loungeOfKind(ctx, loungeId, kind);
    const [listed] = await matchMaker.query({ name: kind, roomId: loungeId });
    // A listing left by a killed process is released here, before matchmaking would try it.
    const live = listed && (await listingStands(listed)) ? listed : undefined;
    if (live && live.locked && live.clients >= live.maxClients) {
      throw new ServerError(JoinErrorCode.LOUNGE_FULL, `"${record.name}" is full (${live.maxClients} people). Try again in a little while.`);
    }
    auth.role = await admit(ctx, record, who, parsed.data.inviteCode, auth.address);
    auth.loungeId = record.id;
    // Its last room may be closing and still storing the snapshot: open it again once stored.
    if (!live || live.locked) await untilStored(record.id, JOIN_WAIT_MS).catch(() => undefined);
  }
  // Last, once everything else admits the join: a reservation counts against the address.
  if (!ctx.reservations.take(auth.address)) {
    throw new ServerError(JoinErrorCode.TOO_MANY_RESERVATIONS, `This address is already joining ${ctx.config.MAX_OPEN_RESERVATIONS} times at once. Finish one of those joins, or try again in ${ctx.config.SEAT_RESERVATION_SECONDS} s.`);
  }
  return auth;
}

/** Decides the role in onJoin when onAuth could not tell which lounge the join was for. */
export async function settleSeat(ctx: LoungeContext, auth: SeatAuth, loungeId: string): Promise<void> {
  if (auth.loungeId === loungeId) return;
  const record = await ctx.lounges.get(loungeId);
  if (!record) throw new ServerError(JoinErrorCode.LOUNGE_NOT_FOUND, "This lounge no longer exists.");
  const user = auth.userId ? await ctx.accounts.users.byId(auth.userId) : undefined;
  auth.role = await admit(ctx, record, { user: user ?? null, guestKey: auth.guestKey }, auth.inviteCode ?? undefined, auth.address);
  auth.loungeId = record.id;
}

/**
 * Whether a reconnection to a held seat comes from the seat's own person. A reconnection token alone
 * is a bearer key to the seat (and its role), so a signed-in seat also needs the same account's
 * session: its cookie, or the SDK's auth token (`client.auth.token`, sent again on reconnection).
 * Guest seats have no account to check.
 */
export async function reconnectionIsTheSeats(ctx: LoungeContext, auth: SeatAuth, context: AuthContext | undefined): Promise<boolean> {
  if (!auth.userId) return true;
  const token = presentedToken({}, context, ambientCookies(ctx.config, context));
  if (!token) return false;
  const check = await ctx.accounts.sessions.validate(token);
  return check.status === "valid" && check.user.id === auth.userId;
}

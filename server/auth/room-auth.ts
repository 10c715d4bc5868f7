// Who is joining a lounge and whether they may: the session (cookie, `sessionToken` option or
// `Authorization: Bearer`), the guest identity, bans, and private lounges' members and invites.
// Used by LoungeRoom.onAuth during matchmaking; errors carry a JoinErrorCode.
import { ServerError, type AuthContext } from "@colyseus/core";
import type { LoungeContext } from "../rooms/context.ts";
import type { LoungeRow, UserRow } from "../db/schema.ts";
import { inviteHolder, inviteProblemWords } from "../db/invites.ts";
import type { Role } from "../../shared/moderation.ts";
import { JoinErrorCode } from "../../shared/join-errors.ts";
import { parseCookies, GUEST_COOKIE, SESSION_COOKIE } from "./cookies.ts";
import { guestKeyOf, randomToken } from "./tokens.ts";
import type { Config } from "../config.ts";
import { originPolicy, requestOriginOf } from "../http/origins.ts";

export interface JoinIdentity {
  user: UserRow | null;
  /** Digest of the guest token (cookie or option), or of a one-off token when there is none. */
  guestKey: string;
}

/** The session token a join presents, in order of preference: option, bearer, cookie. */
export function presentedToken(options: { sessionToken?: string }, context: AuthContext | undefined, cookies = parseCookies(context?.headers?.get("cookie"))): string | undefined {
  if (options.sessionToken) return options.sessionToken;
  if (context?.token) return context.token;
  return cookies.get(SESSION_COOKIE) || undefined;
}

/**
 * The join's cookies, or none when a page on a foreign origin (neither this server's nor in
 * ALLOWED_ORIGINS) made the request. Browsers attach cookies to requests other sites' pages make
 * too, so such a join is treated as a fresh guest (its session and guest cookies ignored) rather
 * than refused: a page embedding a lounge still lets people in, but never as the signed-in person
 * or their guest identity. A token the page presents itself (`sessionToken`, bearer) still counts:
 * a page can present only what it was given.
 */
export function ambientCookies(config: Config, context: AuthContext | undefined): Map<string, string> {
  const headers = context?.headers;
  if (originPolicy(config)(requestOriginOf(headers, config)) === "foreign") return new Map();
  return parseCookies(headers?.get("cookie"));
}

export async function identify(ctx: Pick<LoungeContext, "config" | "accounts">, options: { sessionToken?: string; guestToken?: string }, context: AuthContext | undefined): Promise<JoinIdentity> {
  const cookies = ambientCookies(ctx.config, context);
  const guestToken = options.guestToken ?? cookies.get(GUEST_COOKIE);
  // Without a guest token the identity lasts one join: a ban then holds only against that seat.
  const guestKey = guestKeyOf(guestToken || randomToken(20));
  const token = presentedToken(options, context, cookies);
  if (!token) return { user: null, guestKey };
  const check = await ctx.accounts.sessions.validate(token);
  // A cookie the page cannot see or remove (HTTP-only) whose session ended: join as a guest, as the
  // HTTP API treats it; the page learns it from its player having no account. A token the client
  // chose to present (option or bearer) is refused instead, so it knows to sign in again.
  const fromCookie = !options.sessionToken && !context?.token;
  if (fromCookie && check.status !== "valid") return { user: null, guestKey };
  if (check.status === "expired") {
    throw new ServerError(JoinErrorCode.SESSION_EXPIRED, "Your session has expired. Sign in again, or sign out to join as a guest.");
  }
  if (check.status === "invalid") {
    throw new ServerError(JoinErrorCode.SESSION_INVALID, "That session token is not valid. Sign in again, or sign out to join as a guest.");
  }
  return { user: check.user, guestKey };
}

/**
 * Decides whether this identity may enter the lounge, and with which role. Bans refuse; a private
 * lounge admits its owner and members, and anyone with a working invite (a signed-in person then
 * becomes a member; a guest uses it once per guest identity, so reloading the page is free).
 */
export async function admit(ctx: Pick<LoungeContext, "moderation" | "members" | "invites"> & { config?: Pick<LoungeContext["config"], "BAN_GUESTS_BY_ADDRESS"> }, lounge: LoungeRow, who: JoinIdentity, inviteCode: string | undefined, address?: string | null): Promise<Role> {
  const userId = who.user?.id ?? null;
  // A guest is also refused from the address of a banned guest (a new guest token is free to get).
  const guestAddress = !userId && ctx.config?.BAN_GUESTS_BY_ADDRESS ? address ?? null : null;
  const ban = await ctx.moderation.activeSanction(lounge.id, "ban", { userId, guestKey: who.guestKey, guestAddress });
  if (ban) {
    const until = ban.expiresAt ? ` until ${ban.expiresAt.toISOString()}` : "";
    throw new ServerError(JoinErrorCode.BANNED, `You are banned from "${lounge.name}"${until}${ban.reason ? `: ${ban.reason}` : "."}`);
  }
  const role = await ctx.members.roleOf(lounge, userId);
  if (lounge.visibility !== "private" || role !== "guest") return role;
  if (!inviteCode) {
    throw new ServerError(JoinErrorCode.INVITE_REQUIRED, `"${lounge.name}" is private: you need an invite from its owner${userId ? "" : " (or sign in, if you are a member)"}.`);
  }
  const problem = await ctx.invites.redeem(lounge.id, inviteCode, inviteHolder(userId, who.guestKey) ?? `guest:${who.guestKey}`);
  if (problem) throw new ServerError(JoinErrorCode.INVITE_INVALID, inviteProblemWords[problem]);
  if (!userId) return "guest";
  await ctx.members.addMember(lounge.id, userId);
  return "member";
}

/** joinById carries the room id (= lounge id) in the matchmaking URL, not in the options. */
export function roomIdOfRequest(context: AuthContext | undefined): string | undefined {
  const req: unknown = context?.req;
  const url = typeof req === "object" && req !== null && "url" in req && typeof req.url === "string" ? req.url : undefined;
  const match = url && /\/matchmake\/joinById\/([^/?#]+)/.exec(url);
  return match ? decodeURIComponent(match[1]) : undefined;
}

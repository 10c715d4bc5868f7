// Who may see a lounge over HTTP: anyone for public and unlisted lounges; for a private one its
// owner and members, or whoever holds a working invite code in `?invite=` (looked at, not used up;
// one the requester already used still works for them, as it will when they join).
import type { Request } from "express";
import type { LoungeRow } from "../db/schema.ts";
import type { LoungeRepository } from "../db/lounges.ts";
import type { MemberRepository } from "../db/members.ts";
import type { InviteRepository } from "../db/invites.ts";
import { inviteHolder, inviteProblemWords } from "../db/invites.ts";
import { requestAuth } from "../auth/request-auth.ts";
import { GUEST_COOKIE, requestCookie } from "../auth/cookies.ts";
import { guestKeyOf } from "../auth/tokens.ts";
import { HttpError } from "./errors.ts";

export interface LoungeAccessDeps { lounges: LoungeRepository; members: MemberRepository; invites: InviteRepository }

/**
 * The lounge named by `req.params.id`, when the requester may see it. Otherwise a 404, a 403
 * PRIVATE_LOUNGE without an invite, or a 410 INVITE_INVALID saying what is wrong with the one given.
 */
export async function visibleLounge(req: Request, deps: LoungeAccessDeps): Promise<LoungeRow> {
  const row = await deps.lounges.get(String(req.params.id));
  if (!row) throw new HttpError(404, "NOT_FOUND", `No lounge with id "${String(req.params.id).slice(0, 64)}".`);
  if (row.visibility !== "private") return row;
  const { user } = requestAuth(req);
  if (await deps.members.roleOf(row, user?.id ?? null) !== "guest") return row;
  const code = typeof req.query.invite === "string" ? req.query.invite.slice(0, 64) : undefined;
  if (code) {
    const guestToken = requestCookie(req, GUEST_COOKIE);
    const problem = await deps.invites.check(row.id, code, inviteHolder(user?.id ?? null, guestToken ? guestKeyOf(guestToken) : null));
    if (!problem) return row;
    throw new HttpError(410, "INVITE_INVALID", inviteProblemWords[problem]);
  }
  throw new HttpError(403, "PRIVATE_LOUNGE", "This lounge is private: you need an invite from its owner (or sign in, if you are a member).");
}

// Who made an HTTP request: the session from the cookie or an `Authorization: Bearer` token,
// resolved once per request by a middleware and read by routes with `requestAuth(req)`.
import type { Request, RequestHandler, Response } from "express";
import type { Config } from "../config.ts";
import type { UserRow } from "../db/schema.ts";
import { HttpError } from "../http/errors.ts";
import type { Accounts } from "./accounts.ts";
import type { Session } from "./sessions.ts";
import { clearSessionCookie, requestCookie, setSessionCookie, SESSION_COOKIE } from "./cookies.ts";

export interface RequestAuth {
  user: UserRow | null;
  session: Session | null;
  /** The presented token, to end its session on sign-out. */
  token: string | null;
  /** Why a presented token did not sign anyone in. */
  problem: "expired" | "invalid" | null;
}

const GUEST: RequestAuth = { user: null, session: null, token: null, problem: null };
const byRequest = new WeakMap<Request, RequestAuth>();

export function requestAuth(req: Request): RequestAuth {
  return byRequest.get(req) ?? GUEST;
}

function bearer(req: Request): string | undefined {
  const header = req.get("authorization");
  const match = header && /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : undefined;
}

/**
 * Resolves the session of every API request. A renewed session gets its cookie again (with the
 * later expiry); a cookie that no longer signs in is cleared, so the browser stops sending it.
 */
export function resolveSession(accounts: Accounts, config: Config): RequestHandler {
  return async (req, res, next) => {
    try {
      const fromBearer = bearer(req);
      const token = fromBearer ?? requestCookie(req, SESSION_COOKIE);
      if (!token) return next();
      const check = await accounts.sessions.validate(token);
      if (check.status !== "valid") {
        if (!fromBearer) clearSessionCookie(res, req, config);
        byRequest.set(req, { ...GUEST, token, problem: check.status });
        return next();
      }
      byRequest.set(req, { user: check.user, session: check.session, token, problem: null });
      if (check.renewed && !fromBearer) setSessionCookie(res, req, config, token, check.session.expiresAt);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The signed-in user, or a 401 that says why not. */
export function requireUser(req: Request, doing = "do that"): UserRow {
  const auth = requestAuth(req);
  if (auth.user) return auth.user;
  if (auth.problem === "expired") throw new HttpError(401, "SESSION_EXPIRED", "Your session has expired; sign in again.");
  if (auth.problem === "invalid") throw new HttpError(401, "SESSION_INVALID", "Your session is not valid; sign in again.");
  throw new HttpError(401, "NOT_SIGNED_IN", `Sign in to ${doing}.`);
}

/** Re-sends the session cookie with the session's current expiry (a join may have extended it). */
export function refreshSessionCookie(req: Request, res: Response, config: Config): void {
  const auth = requestAuth(req);
  if (auth.session && auth.token && !bearer(req)) setSessionCookie(res, req, config, auth.token, auth.session.expiresAt);
}

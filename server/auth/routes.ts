// Account routes under /api: register, sign in and out, who am I, and the profile.
import { Router, type Request, type Response } from "express";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import { HttpError, parseInput as parse } from "../http/errors.ts";
import { registerBody, loginBody, profileBody, type SessionDto } from "../../shared/accounts.ts";
import type { Accounts } from "./accounts.ts";
import { userDto, PROFILE_CHANGED, type ProfileChanged } from "./accounts.ts";
import type { Presence } from "@colyseus/core";
import { hashPassword } from "./passwords.ts";
import { clearSessionCookie, requestCookie, setDeviceCookie, setGuestCookie, setSessionCookie, GUEST_COOKIE } from "./cookies.ts";
import { DEVICE_COOKIE } from "./known-device.ts";
import { refreshSessionCookie, requestAuth, requireUser } from "./request-auth.ts";
import { randomToken } from "./tokens.ts";
import { clientAddress, tooMany } from "../http/rate-limited.ts";
import type { UserRow } from "../db/schema.ts";

export function authRoutes(deps: { accounts: Accounts; config: Config; log: Logger; presence: Presence }): Router {
  const { accounts, config, log, presence } = deps;
  const router = Router();

  const signIn = async (req: Request, res: Response, user: UserRow, includeToken: boolean | undefined, status: number) => {
    const { token, session } = await accounts.sessions.create(user.id);
    setSessionCookie(res, req, config, token, session.expiresAt);
    setDeviceCookie(res, req, config, accounts.devices.issue(user.username));
    const body: SessionDto = { user: userDto(user), expiresAt: session.expiresAt.toISOString() };
    if (includeToken) body.token = token;
    res.status(status).json(body);
  };

  router.post("/auth/register", async (req, res) => {
    const limited = await accounts.throttle.register(clientAddress(req));
    if (!limited.ok) return tooMany(res, limited.retryInMs, (s) => `Too many new accounts from your address; try again in ${s} s.`);
    const body = parse(registerBody, req.body ?? {});
    const user = await accounts.users.create({
      username: body.username,
      passwordHash: await hashPassword(body.password),
      displayName: body.displayName ?? body.username,
      avatar: body.avatar ?? "fox",
    });
    if (!user) throw new HttpError(409, "USERNAME_TAKEN", `The username "${body.username}" is taken; pick another.`);
    log.info({ userId: user.id }, "account registered");
    await signIn(req, res, user, body.includeToken, 201);
  });

  router.post("/auth/login", async (req, res) => {
    const body = parse(loginBody, req.body ?? {});
    const knownDevice = accounts.devices.recognise(requestCookie(req, DEVICE_COOKIE), body.username);
    const limited = await accounts.throttle.login(clientAddress(req), body.username, knownDevice);
    if (!limited.ok) {
      return tooMany(res, limited.retryInMs, (s) => limited.scope === "username"
        ? `Too many sign-in attempts for this account; try again in ${s} s.`
        : `Too many sign-in attempts from your address; try again in ${s} s.`);
    }
    const user = await accounts.users.byUsername(body.username);
    const ok = await accounts.passwords.verify(user?.passwordHash, body.password);
    if (!ok || !user) throw new HttpError(401, "INVALID_CREDENTIALS", "Wrong username or password.");
    await signIn(req, res, user, body.includeToken, 200);
  });

  router.post("/auth/logout", async (req, res) => {
    const { token } = requestAuth(req);
    if (token) await accounts.sessions.invalidate(token);
    clearSessionCookie(res, req, config);
    res.status(204).end();
  });

  router.post("/auth/logout-all", async (req, res) => {
    const user = requireUser(req, "sign out everywhere");
    const ended = await accounts.sessions.invalidateAll(user.id);
    clearSessionCookie(res, req, config);
    res.json({ ended });
  });

  /** Who am I. A guest gets a guest cookie here, the identity bans and mutes hold on to. */
  router.get("/auth/me", (req, res) => {
    const { user, session } = requestAuth(req);
    if (user && session) {
      refreshSessionCookie(req, res, config);
      const body: SessionDto = { user: userDto(user), expiresAt: session.expiresAt.toISOString() };
      return res.json(body);
    }
    if (!requestCookie(req, GUEST_COOKIE)) setGuestCookie(res, req, config, randomToken(20));
    const body: SessionDto = { user: null, expiresAt: null };
    res.json(body);
  });

  router.get("/me", (req, res) => {
    res.json({ user: userDto(requireUser(req, "see your profile")) });
  });

  router.patch("/me", async (req, res) => {
    const user = requireUser(req, "edit your profile");
    const patch = parse(profileBody, req.body ?? {});
    const updated = await accounts.users.updateProfile(user.id, patch);
    if (!updated) throw new HttpError(404, "NOT_FOUND", "Your account no longer exists.");
    const changed: ProfileChanged = { userId: updated.id, displayName: updated.displayName, avatar: updated.avatar };
    await presence.publish(PROFILE_CHANGED, changed);
    res.json({ user: userDto(updated) });
  });

  return router;
}

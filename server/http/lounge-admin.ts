// REST routes to run a lounge from outside it: invites (owner), members and roles (owner), bans and
// the audit log (owner and moderators), the sites that may embed the lounge (owner), and "my lounges". Actions inside a lounge are room messages.
import { Router, type Request } from "express";
import type { Presence } from "@colyseus/core";
import type { Logger } from "pino";
import type { LoungeRow, InviteRow, SanctionRow, AuditRow, UserRow } from "../db/schema.ts";
import type { LoungeRepository } from "../db/lounges.ts";
import type { MemberRepository } from "../db/members.ts";
import type { InviteRepository } from "../db/invites.ts";
import type { ModerationRepository } from "../db/moderation.ts";
import type { UserRepository } from "../db/users.ts";
import { inviteProblem } from "../db/invites.ts";
import { requireUser } from "../auth/request-auth.ts";
import { createInviteBody, setMemberRoleBody, canModerate, type AuditEntryDto, type BanDto, type InviteDto, type MemberDto, type ModerationAction, type Role } from "../../shared/moderation.ts";
import type { LoungeDto } from "../../shared/api.ts";
import { embedOriginsBody, type EmbedOriginsDto } from "../../shared/embed/allowlist.ts";
import { HttpError, parseInput as parse } from "./errors.ts";
import { toDto } from "./lounges.ts";
import { publishLoungeEvent, type AuditTrail } from "../rooms/audit-trail.ts";

export interface LoungeAdminDeps {
  lounges: LoungeRepository;
  members: MemberRepository;
  invites: InviteRepository;
  moderation: ModerationRepository;
  users: UserRepository;
  audit: AuditTrail;
  presence: Presence;
  log: Logger;
}

function inviteDto(row: InviteRow): InviteDto {
  return {
    code: row.code, loungeId: row.loungeId, createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null, maxUses: row.maxUses, uses: row.uses,
    active: inviteProblem(row) === null,
  };
}

function banDto(row: SanctionRow): BanDto {
  return {
    id: row.id, userId: row.userId, name: row.targetName, reason: row.reason, by: row.createdByName,
    createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

function auditDto(row: AuditRow): AuditEntryDto {
  return {
    id: row.id, action: row.action as ModerationAction, actorUserId: row.actorUserId, actorName: row.actorName,
    targetUserId: row.targetUserId, targetName: row.targetName, detail: row.detail, at: row.createdAt.toISOString(),
  };
}

export function loungeAdminRoutes(deps: LoungeAdminDeps): Router {
  const { lounges, members, invites, moderation, users, audit, presence, log } = deps;

  /** A role given or taken here reaches the people in the lounge's open room, on any process. */
  const tellRole = async (loungeId: string, userId: string, role: Role) => {
    try { await publishLoungeEvent(presence, loungeId, { type: "role", userId, role }); }
    catch (err) { log.warn({ err, loungeId }, "could not tell the open lounge about a role change"); }
  };
  const router = Router();

  /** The lounge and the signed-in requester, who must be its owner (or a moderator, when allowed). */
  const authorize = async (req: Request, who: "owner" | "moderators"): Promise<{ lounge: LoungeRow; user: UserRow; role: Role }> => {
    const user = requireUser(req, who === "owner" ? "manage this lounge" : "moderate this lounge");
    const lounge = await lounges.get(String(req.params.id));
    if (!lounge) throw new HttpError(404, "NOT_FOUND", `No lounge with id "${String(req.params.id).slice(0, 64)}".`);
    const role = await members.roleOf(lounge, user.id);
    const allowed = who === "owner" ? role === "owner" : canModerate(role);
    if (!allowed) throw new HttpError(403, "FORBIDDEN", who === "owner" ? "Only the lounge's owner can do that." : "Only the lounge's owner and moderators can do that.");
    return { lounge, user, role };
  };

  router.get("/me/lounges", async (req, res) => {
    const user = requireUser(req, "see your lounges");
    const rows = await members.loungesOf(user.id);
    const out: Array<{ lounge: LoungeDto; role: Role }> = [];
    for (const row of rows) out.push({ lounge: toDto(row, 0), role: await members.roleOf(row, user.id) });
    res.json({ lounges: out });
  });

  router.get("/lounges/:id/invites", async (req, res) => {
    const { lounge } = await authorize(req, "owner");
    res.json({ invites: (await invites.list(lounge.id)).map(inviteDto) });
  });

  router.post("/lounges/:id/invites", async (req, res) => {
    const { lounge, user } = await authorize(req, "owner");
    const body = parse(createInviteBody, req.body ?? {});
    const row = await invites.create({
      loungeId: lounge.id, createdBy: user.id, maxUses: body.maxUses ?? null,
      expiresAt: body.expiresInMinutes ? new Date(Date.now() + body.expiresInMinutes * 60_000) : null,
    });
    await audit.record({ loungeId: lounge.id, action: "invite-create", actorUserId: user.id, actorName: user.displayName, detail: { code: row.code, maxUses: row.maxUses, expiresAt: row.expiresAt?.toISOString() ?? null } });
    res.status(201).json(inviteDto(row));
  });

  router.delete("/lounges/:id/invites/:code", async (req, res) => {
    const { lounge, user } = await authorize(req, "owner");
    const row = await invites.revoke(lounge.id, String(req.params.code));
    if (!row) throw new HttpError(404, "NOT_FOUND", "No such invite, or it was already revoked.");
    await audit.record({ loungeId: lounge.id, action: "invite-revoke", actorUserId: user.id, actorName: user.displayName, detail: { code: row.code } });
    res.json(inviteDto(row));
  });

  router.get("/lounges/:id/members", async (req, res) => {
    const { lounge } = await authorize(req, "moderators");
    const list: MemberDto[] = (await members.list(lounge.id)).map((m) => ({ ...m }));
    if (lounge.ownerId) {
      const owner = await users.byId(lounge.ownerId);
      if (owner) list.unshift({ userId: owner.id, username: owner.username, displayName: owner.displayName, role: "owner" });
    }
    res.json({ members: list });
  });

  router.put("/lounges/:id/members/:userId", async (req, res) => {
    const { lounge, user } = await authorize(req, "owner");
    const { role } = parse(setMemberRoleBody, req.body ?? {});
    const target = await users.byId(String(req.params.userId));
    if (!target) throw new HttpError(404, "NOT_FOUND", "No account with that id.");
    if (target.id === lounge.ownerId) throw new HttpError(409, "IS_OWNER", "The owner's role cannot change.");
    await members.setRole(lounge.id, target.id, role);
    await tellRole(lounge.id, target.id, role);
    await audit.record({ loungeId: lounge.id, action: "set-role", actorUserId: user.id, actorName: user.displayName, targetUserId: target.id, targetName: target.displayName, detail: { role } });
    const body: MemberDto = { userId: target.id, username: target.username, displayName: target.displayName, role };
    res.json(body);
  });

  router.delete("/lounges/:id/members/:userId", async (req, res) => {
    const { lounge, user } = await authorize(req, "owner");
    const targetId = String(req.params.userId);
    const target = await users.byId(targetId);
    if (!await members.remove(lounge.id, targetId)) throw new HttpError(404, "NOT_FOUND", "That account is not a member here.");
    await tellRole(lounge.id, targetId, "guest");
    await audit.record({ loungeId: lounge.id, action: "remove-member", actorUserId: user.id, actorName: user.displayName, targetUserId: targetId, targetName: target?.displayName ?? null });
    res.status(204).end();
  });

  router.get("/lounges/:id/bans", async (req, res) => {
    const { lounge } = await authorize(req, "moderators");
    res.json({ bans: (await moderation.activeBans(lounge.id)).map(banDto) });
  });

  router.delete("/lounges/:id/bans/:banId", async (req, res) => {
    const { lounge, user } = await authorize(req, "moderators");
    const id = Number(req.params.banId);
    const row = Number.isSafeInteger(id) && id > 0 ? await moderation.liftById(lounge.id, id) : undefined;
    if (!row) throw new HttpError(404, "NOT_FOUND", "No ban in force with that id.");
    await audit.record({ loungeId: lounge.id, action: "unban", actorUserId: user.id, actorName: user.displayName, targetUserId: row.userId, targetName: row.targetName, detail: { banId: row.id } });
    res.status(204).end();
  });

  const embedDto = (lounge: LoungeRow, origins: string[]): EmbedOriginsDto => ({ loungeId: lounge.id, origins, visibility: lounge.visibility });

  router.get("/lounges/:id/embed-origins", async (req, res) => {
    const { lounge } = await authorize(req, "owner");
    res.json(embedDto(lounge, lounge.embedOrigins));
  });

  router.put("/lounges/:id/embed-origins", async (req, res) => {
    const { lounge, user } = await authorize(req, "owner");
    const origins = [...new Set(parse(embedOriginsBody, req.body ?? {}).origins)];
    await lounges.setEmbedOrigins(lounge.id, origins);
    await audit.record({ loungeId: lounge.id, action: "embed-origins", actorUserId: user.id, actorName: user.displayName, detail: { origins } });
    res.json(embedDto(lounge, origins));
  });

  router.get("/lounges/:id/audit", async (req, res) => {
    const { lounge } = await authorize(req, "moderators");
    res.json({ entries: (await moderation.auditLog(lounge.id)).map(auditDto) });
  });

  return router;
}

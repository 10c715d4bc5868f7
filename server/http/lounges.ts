// REST routes for lounges and their chat history.
import { Router, type Request } from "express";
import { matchMaker } from "@colyseus/core";
import { createLoungeBody, chatHistoryQuery, type LoungeDto, type ChatPageDto } from "../../shared/api.ts";
import type { LoungeRow } from "../db/schema.ts";
import type { LoungeRepository } from "../db/lounges.ts";
import type { ChatRepository } from "../db/chat.ts";
import type { MemberRepository } from "../db/members.ts";
import type { InviteRepository } from "../db/invites.ts";
import { requestAuth, requireUser } from "../auth/request-auth.ts";
import { visibleLounge } from "./lounge-access.ts";
import { HttpError, parseInput as parse } from "./errors.ts";
import { clientAddress, tooMany } from "./rate-limited.ts";
import type { AttemptThrottle } from "../auth/login-throttle.ts";

/** Players inside each open lounge room (of any kind), across every process when Redis is in use. */
async function onlineCounts(): Promise<Map<string, number>> {
  const rooms = await matchMaker.query({});
  return new Map(rooms.map((r) => [r.roomId, r.clients]));
}

export function toDto(row: LoungeRow, online: number): LoungeDto {
  return {
    id: row.id, name: row.name, visibility: row.visibility, capacity: row.capacity,
    mapId: row.mapId, kind: row.kind, createdAt: row.createdAt.toISOString(), online,
    ownerId: row.ownerId, slowModeSeconds: row.slowModeSeconds,
  };
}

export interface LoungeRouteDeps {
  lounges: LoungeRepository; chat: ChatRepository; members: MemberRepository; invites: InviteRepository;
  /** The room kinds registered on this server: a lounge is created for one of them. */
  roomKinds: readonly string[];
  accounts: { throttle: AttemptThrottle };
}

export function loungeRoutes(deps: LoungeRouteDeps): Router {
  const router = Router();
  const { lounges, chat } = deps;

  const mustGet = (req: Request): Promise<LoungeRow> => visibleLounge(req, deps);

  router.post("/lounges", async (req, res) => {
    const { user } = requestAuth(req);
    // Every lounge is a database row and a listing: a few at once, then a few an hour, per
    // address and per account (an account cannot escape by changing address).
    const limited = await deps.accounts.throttle.createLounge(clientAddress(req), user?.id ?? null);
    if (!limited.ok) {
      return tooMany(res, limited.retryInMs, (s) => limited.scope === "account"
        ? `You have created many lounges lately; try again in ${s} s.`
        : `Too many lounges created from your address; try again in ${s} s.`);
    }
    const body = parse(createLoungeBody, req.body ?? {});
    // Someone has to own a private lounge, or nobody could ever invite anyone into it.
    if (body.visibility === "private") requireUser(req, "create a private lounge");
    if (!deps.roomKinds.includes(body.kind)) {
      throw new HttpError(400, "UNKNOWN_ROOM_KIND", `kind: this server has no room kind "${body.kind}"; it has ${deps.roomKinds.map((k) => `"${k}"`).join(", ")}.`);
    }
    const row = await lounges.create(body, user?.id ?? null);
    res.status(201).location(`/api/lounges/${row.id}`).json(toDto(row, 0));
  });

  router.get("/lounges", async (_req, res) => {
    const [rows, online] = await Promise.all([lounges.listPublic(), onlineCounts()]);
    res.json({ lounges: rows.map((r) => toDto(r, online.get(r.id) ?? 0)) });
  });

  router.get("/lounges/:id", async (req, res) => {
    const row = await mustGet(req);
    const online = await onlineCounts();
    res.json(toDto(row, online.get(row.id) ?? 0));
  });

  router.get("/lounges/:id/messages", async (req, res) => {
    const row = await mustGet(req);
    const query = parse(chatHistoryQuery, req.query);
    const rows = await chat.page(row.id, { before: query.before, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const body: ChatPageDto = {
      messages: page.map((m) => ({ id: m.id, authorName: m.authorName, authorSessionId: m.authorSessionId, text: m.text, at: m.createdAt.getTime() })),
      nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
    };
    res.json(body);
  });

  return router;
}

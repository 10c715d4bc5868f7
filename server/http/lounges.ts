// REST routes for lounges and their chat history.
import { Router, type Request } from "express";
import { matchMaker } from "@colyseus/core";
import type { z } from "zod";
import { createLoungeBody, chatHistoryQuery, type LoungeDto, type ChatPageDto } from "../../shared/api.ts";
import type { LoungeRow } from "../db/schema.ts";
import type { LoungeRepository } from "../db/lounges.ts";
import type { ChatRepository } from "../db/chat.ts";
import { HttpError } from "./errors.ts";

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new HttpError(400, "INVALID_REQUEST", `${where}${issue.message}`);
}

/** Players inside each open lounge room, across every process when Redis is in use. */
async function onlineCounts(): Promise<Map<string, number>> {
  const rooms = await matchMaker.query({ name: "lounge" });
  return new Map(rooms.map((r) => [r.roomId, r.clients]));
}

function toDto(row: LoungeRow, online: number): LoungeDto {
  return {
    id: row.id, name: row.name, visibility: row.visibility, capacity: row.capacity,
    mapId: row.mapId, createdAt: row.createdAt.toISOString(), online,
  };
}

export function loungeRoutes(deps: { lounges: LoungeRepository; chat: ChatRepository }): Router {
  const router = Router();
  const { lounges, chat } = deps;

  const mustGet = async (req: Request): Promise<LoungeRow> => {
    const row = await lounges.get(String(req.params.id));
    if (!row) throw new HttpError(404, "NOT_FOUND", `No lounge with id "${String(req.params.id).slice(0, 64)}".`);
    return row;
  };

  router.post("/lounges", async (req, res) => {
    const body = parse(createLoungeBody, req.body ?? {});
    const row = await lounges.create(body);
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

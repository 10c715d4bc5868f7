// GET /health: whether this process can reach what it needs (the database, and Redis when used).
// A proxy or orchestrator takes a 503 to mean "send nobody here".
import type { RequestHandler } from "express";
import type { Presence } from "@colyseus/core";
import type { DatabaseHandle } from "../db/client.ts";

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms); });
  try { return await Promise.race([p, timeout]); } finally { clearTimeout(timer); }
}

/** `redis` is the presence to ping when Redis is configured; undefined for in-process presence. */
export function healthRoute(database: DatabaseHandle, redis: Presence | undefined, draining: () => boolean): RequestHandler {
  return async (_req, res) => {
    // Shutting down: the proxy should send nobody new here (the lounges move to other processes).
    if (draining()) return void res.status(503).json({ ok: false, checks: { process: "draining: shutting down" } });
    const checks: Record<string, string> = {};
    let ok = true;
    try { await withTimeout(database.ping(), 2000, "database"); checks.database = `ok (${database.kind})`; }
    catch (err) { ok = false; checks.database = `failing: ${(err as Error).message}`; }
    if (redis) {
      try { await withTimeout(redis.get("chill:health"), 2000, "redis"); checks.redis = "ok"; }
      catch (err) { ok = false; checks.redis = `failing: ${(err as Error).message}`; }
    } else {
      checks.redis = "not configured (in-process presence)";
    }
    res.status(ok ? 200 : 503).json({ ok, checks });
  };
}

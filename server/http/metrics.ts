// GET /metrics for Prometheus: off unless METRICS_TOKEN is set, then only for requests carrying
// `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time).
import { timingSafeEqual, createHash } from "node:crypto";
import type { RequestHandler } from "express";
import type { Metrics } from "../metrics.ts";
import { sendError } from "./errors.ts";

const digest = (s: string) => createHash("sha256").update(s).digest();

export function metricsRoute(metrics: Metrics, token: string | undefined): RequestHandler {
  const expected = token ? digest(`Bearer ${token}`) : undefined;
  return async (req, res) => {
    if (!expected) return sendError(res, 404, "NOT_FOUND", "Metrics are off: set METRICS_TOKEN to turn them on.");
    if (!timingSafeEqual(digest(req.get("authorization") ?? ""), expected)) {
      res.set("WWW-Authenticate", "Bearer");
      return sendError(res, 401, "NOT_SIGNED_IN", "Send Authorization: Bearer <METRICS_TOKEN>.");
    }
    res.set("Content-Type", metrics.contentType).send(await metrics.text());
  };
}

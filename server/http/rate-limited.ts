// What rate-limited routes share: the client address attempts are counted by, and the 429 answer.
import type { Request, Response } from "express";

/** The client's address as express sees it (honouring TRUST_PROXY). */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/** A 429 with Retry-After (seconds) and the same figure in the JSON body. */
export function tooMany(res: Response, retryInMs: number, message: (seconds: number) => string): void {
  const seconds = Math.max(1, Math.ceil(retryInMs / 1000));
  res.setHeader("Retry-After", String(seconds));
  res.status(429).json({ error: { code: "RATE_LIMITED", message: message(seconds), retryAfterSeconds: seconds } });
}

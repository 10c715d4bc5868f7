// JSON errors for the REST API: `{ error: { code, message } }` with a fitting status.
import type { ErrorRequestHandler, Response } from "express";
import type { Logger } from "pino";
import type { z } from "zod";
import type { HttpErrorCode } from "../../shared/errors.ts";

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: HttpErrorCode, message: string) { super(message); }
}

/** Parses request input against a shared schema; the first problem becomes a 400 that names the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new HttpError(400, "INVALID_REQUEST", `${where}${issue.message}`);
}

export function sendError(res: Response, status: number, code: HttpErrorCode, message: string): void {
  res.status(status).json({ error: { code, message } });
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message);
    // body-parser's errors carry a status and a type.
    if (typeof err === "object" && err && "type" in err) {
      if (err.type === "entity.parse.failed") return sendError(res, 400, "INVALID_JSON", "The request body is not valid JSON.");
      if (err.type === "entity.too.large") return sendError(res, 413, "TOO_LARGE", "The request body is too large.");
    }
    log.error({ err, method: req.method, url: req.originalUrl }, "request failed");
    sendError(res, 500, "INTERNAL", "Something went wrong on the server; try again shortly.");
  };
}

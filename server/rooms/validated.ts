// The one wrapper every client message goes through: size check, schema check against
// shared/protocol.ts, then the typed handler. Anything wrong becomes an `error` message (or the
// rejection of a request) to the sender only; the connection stays and nothing else changes.
import type { Client, MessageContext } from "@colyseus/core";
import type { Logger } from "pino";
import { clientMessages, MAX_MESSAGE_BYTES, type ClientMessage, type ClientMessageType } from "../../shared/protocol.ts";
import type { ErrorCode, ErrorPayload } from "../../shared/errors.ts";

/** What a handler returns to refuse an intent with a clear error. */
export class Refusal {
  constructor(readonly payload: ErrorPayload) {}
}

export function refuse(code: ErrorCode, message: string, extra: Partial<ErrorPayload> = {}): Refusal {
  return new Refusal({ code, message, ...extra });
}

type Handler<K extends ClientMessageType> = (client: Client, message: ClientMessage<K>, ctx: MessageContext) => unknown;

/** Sends an error the way the sender asked: a request is rejected, a plain send gets `error`. */
export function sendError(client: Client, ctx: MessageContext | undefined, error: ErrorPayload): unknown {
  if (ctx && ctx.id !== undefined) return ctx.reject(error);
  client.send("error", error);
  return undefined;
}

/** Approximate encoded size of a decoded payload (its JSON length). */
export function payloadSize(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? "");
  } catch {
    // Only pathological values get here (msgpack cannot encode cycles); treat them as too large.
    return Infinity;
  }
}

export function validated<K extends ClientMessageType>(type: K, log: () => Logger, handler: Handler<K>) {
  const schema = clientMessages[type];
  return (client: Client, raw: unknown, ctx: MessageContext): unknown => {
    if (payloadSize(raw) > MAX_MESSAGE_BYTES) {
      return sendError(client, ctx, { code: "MESSAGE_TOO_LARGE", type, message: `"${type}" payloads are at most ${MAX_MESSAGE_BYTES} bytes; send less.` });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
      return sendError(client, ctx, { code: "INVALID_MESSAGE", type, message: `Invalid "${type}": ${where}${issue?.message ?? "malformed payload"}` });
    }
    const fail = (error: unknown) => {
      log().error({ err: error, type, sessionId: client.sessionId }, "message handler failed");
      return sendError(client, ctx, { code: "INTERNAL", type, message: "The server could not handle that; try again in a moment." });
    };
    const settle = (result: unknown) => (result instanceof Refusal ? sendError(client, ctx, { type, ...result.payload }) : result);
    try {
      const result = handler(client, parsed.data as ClientMessage<K>, ctx);
      if (result instanceof Promise) return result.then(settle, fail);
      return settle(result);
    } catch (error) {
      return fail(error);
    }
  };
}

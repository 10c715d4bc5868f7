// The one wrapper every client message goes through: size check, schema check, who may send it,
// rate limit, then the typed handler. Anything wrong becomes an `error` message (or the rejection
// of a request) to the sender only; the connection stays and nothing else changes.
import type { Client, MessageContext } from "@colyseus/core";
import type { z } from "zod";
import { MAX_MESSAGE_BYTES } from "../../shared/protocol.ts";
import type { ErrorPayload } from "../../shared/errors.ts";
import type { Role } from "../../shared/moderation.ts";
import type { RateLimiter } from "../features/rate-limit.ts";
import type { LoungeHost } from "./host.ts";
import { Refusal } from "./refusal.ts";

export type RoomMessageHandler = (client: Client, raw: unknown, ctx: MessageContext) => unknown;

export interface MessageRule<M> {
  /**
   * Who may send it: "member" (the default: someone with a seat here), "anyone" connected, or a
   * test of the sender's role in this lounge.
   */
  who?: "anyone" | "member" | ((role: Role) => boolean);
  /** What the sender is told when the role test says no. */
  denied?: string | (() => string);
  /** The largest payload accepted, encoded (default MAX_MESSAGE_BYTES, 4 KB). */
  maxBytes?: number;
  /** A token bucket per sender; messages naming the same limiter share it. */
  limit?: RateLimiter;
  /** What a rate-limited sender is told. */
  limited?: string;
  /** The handler: return a reply, nothing, or a Refusal (see refuse()). */
  handle(client: Client, message: M, ctx: MessageContext): unknown;
}

/** Sends an error the way the sender asked: a request is rejected, a plain send gets `error`. */
export function replyWithError(client: Client, ctx: MessageContext | undefined, error: ErrorPayload): unknown {
  if (ctx && ctx.id !== undefined) return ctx.reject(error);
  client.send("error", error);
  return undefined;
}

/** Approximate encoded size of a decoded payload (its JSON length). */
export function payloadSize(value: unknown): number {
  try {
    // Without a replacer first: a replacer is a call per key, on every message. Only a payload
    // holding a bigint (msgpack's 64-bit integers) needs one, below.
    return Buffer.byteLength(JSON.stringify(value) ?? "");
  } catch {
    // a bigint, or a cycle
  }
  try {
    return Buffer.byteLength(JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? "");
  } catch {
    // Only pathological values get here (msgpack cannot encode cycles); treat them as too large.
    return Infinity;
  }
}

/** Counts a refusal and sends it the way the sender asked. */
function refuseWith(h: LoungeHost, client: Client, ctx: MessageContext | undefined, error: ErrorPayload): unknown {
  h.services.metrics.messagesRefused.inc({ code: error.code });
  return replyWithError(client, ctx, error);
}

/** What a handler returned: a Refusal goes back to the sender as its error, anything else is the reply. */
function settled(h: LoungeHost, client: Client, ctx: MessageContext | undefined, type: string, result: unknown): unknown {
  return result instanceof Refusal ? refuseWith(h, client, ctx, { type, ...result.payload }) : result;
}

/** A handler that threw (or rejected): logged, and the sender told to try again. */
function failed(h: LoungeHost, client: Client, ctx: MessageContext | undefined, type: string, error: unknown): unknown {
  h.log.error({ err: error, type, sessionId: client.sessionId }, "message handler failed");
  return refuseWith(h, client, ctx, { code: "INTERNAL", type, message: "The server could not handle that; try again in a moment." });
}

// The handler below runs for every message a lounge receives, so it creates no named function of
// its own per message (tsx, which runs the server, keeps function names: each named closure would
// cost a property definition on every call).
export function messageHandler<M>(type: string, schema: z.ZodType, rule: MessageRule<M>, host: () => LoungeHost): RoomMessageHandler {
  const who = rule.who ?? "member";
  const maxBytes = rule.maxBytes ?? MAX_MESSAGE_BYTES;
  return (client, raw, ctx) => {
    const h = host();
    h.services.metrics.messagesReceived.inc({ type });
    if (payloadSize(raw) > maxBytes) {
      return refuseWith(h, client, ctx, { code: "MESSAGE_TOO_LARGE", type, message: `"${type}" payloads are at most ${maxBytes} bytes; send less.` });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
      return refuseWith(h, client, ctx, { code: "INVALID_MESSAGE", type, message: `Invalid "${type}": ${where}${issue?.message ?? "malformed payload"}` });
    }
    if (who !== "anyone") {
      if (!h.player(client.sessionId)) return refuseWith(h, client, ctx, { code: "FORBIDDEN", type, message: "Join the lounge first." });
      if (typeof who === "function" && !who(h.roleOf(client.sessionId))) {
        const denied = typeof rule.denied === "function" ? rule.denied() : rule.denied;
        return refuseWith(h, client, ctx, { code: "FORBIDDEN", type, message: denied ?? "Your role in this lounge does not allow that." });
      }
    }
    if (rule.limit) {
      const decision = rule.limit.take(client.sessionId);
      if (!decision.ok) {
        return refuseWith(h, client, ctx, { code: "RATE_LIMITED", type, message: rule.limited ?? "Too many requests; slow down.", retryInMs: decision.retryInMs });
      }
    }
    try {
      const result = rule.handle(client, parsed.data as M, ctx);
      if (result instanceof Promise) return result.then((r: unknown) => settled(h, client, ctx, type, r), (e: unknown) => failed(h, client, ctx, type, e));
      return settled(h, client, ctx, type, result);
    } catch (error) {
      return failed(h, client, ctx, type, error);
    }
  };
}

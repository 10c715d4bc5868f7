// The messages between a host page (the embed.js loader) and the widget in its iframe: versioned
// ({v: 1, type, …}), one zod schema per type. The widget parses what the host sends with these; the
// loader, which must stay a few KB, checks what the widget sends with ./host-check.ts, which a unit
// test holds to these schemas.
import { z } from "zod";
import { widgetTheme } from "./theme.ts";
import { avatarIds } from "../avatars.ts";

export const EMBED_PROTOCOL_VERSION = 1;
const v = z.literal(EMBED_PROTOCOL_VERSION);

/** Host → widget. open/close/toggle stay in the loader: they move the box, not the lounge. */
export const hostCommand = z.discriminatedUnion("type", [
  z.object({ v, type: z.literal("setTheme"), theme: widgetTheme }).strict(),
  z.object({ v, type: z.literal("setUser"), name: z.string().trim().min(1).max(24).optional(), avatar: z.enum(avatarIds).optional() }).strict(),
  z.object({ v, type: z.literal("sendChat"), text: z.string().trim().min(1).max(500) }).strict(),
]);
export type HostCommand = z.infer<typeof hostCommand>;

const person = z.object({ sessionId: z.string(), name: z.string(), avatar: z.string() }).strict();

/** Widget → host. */
export const widgetEvent = z.discriminatedUnion("type", [
  z.object({ v, type: z.literal("ready") }).strict(),
  z.object({ v, type: z.literal("joined"), loungeId: z.string(), sessionId: z.string(), name: z.string() }).strict(),
  z.object({ v, type: z.literal("message"), id: z.number(), author: z.string(), text: z.string(), at: z.number(), self: z.boolean() }).strict(),
  z.object({ v, type: z.literal("people"), people: z.array(person) }).strict(),
  z.object({ v, type: z.literal("nowPlaying"), title: z.string().nullable(), artist: z.string().nullable(), status: z.string() }).strict(),
  z.object({ v, type: z.literal("error"), code: z.string(), message: z.string() }).strict(),
]);
export type WidgetEvent = z.infer<typeof widgetEvent>;
export type WidgetEventType = WidgetEvent["type"];
/** An event without the envelope's version, as the widget composes it. */
export type WidgetEventBody = WidgetEvent extends infer E ? (E extends { v: number } ? Omit<E, "v"> : never) : never;
export const widgetEventTypes = ["ready", "joined", "message", "people", "nowPlaying", "error"] as const satisfies readonly WidgetEventType[];

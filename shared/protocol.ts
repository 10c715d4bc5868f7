// Every client→server message of a lounge: its name and zod schema, in one table that the server
// validates against and the client types its sends with. Server→client messages are typed below.
import { z } from "zod";
import { avatarIds, emotes, reactionEmoji, type Emote } from "./avatars.ts";
import { sanitizeChatText, sanitizeDisplayName } from "./text.ts";
import type { ErrorPayload } from "./errors.ts";
import { assignableRoles, playbackControls, type ModerationAction } from "./moderation.ts";

export const CHAT_MAX_LENGTH = 500;
export const NAME_MAX_LENGTH = 24;
/** A message whose encoded payload is larger than this is refused before it is parsed. */
export const MAX_MESSAGE_BYTES = 4096;
export const SLOW_MODE_MAX_SECONDS = 3600;

const chatText = z
  .string()
  .max(CHAT_MAX_LENGTH * 4, `Messages are at most ${CHAT_MAX_LENGTH} characters.`)
  .transform(sanitizeChatText)
  .pipe(
    z.string()
      .min(1, "Type something before sending.")
      .max(CHAT_MAX_LENGTH, `Messages are at most ${CHAT_MAX_LENGTH} characters.`),
  );

export const displayName = z
  .string()
  .max(NAME_MAX_LENGTH * 4)
  .transform(sanitizeDisplayName)
  .pipe(z.string().min(1, "Pick a display name.").max(NAME_MAX_LENGTH, `Names are at most ${NAME_MAX_LENGTH} characters.`));

const sessionIdField = z.string().min(1).max(64);
const reasonField = z.string().trim().max(200).optional();

/** Messages that carry nothing: `room.send("playback:play")` sends no payload. */
const noPayload = z.union([z.undefined(), z.null(), z.object({}).strict()]);

export const clientMessages = {
  /** Send a chat message. Sent as a request: the reply is the stored message's id. */
  "chat:send": z.object({ text: chatText, nonce: z.string().min(1).max(64) }).strict(),
  /** Start or stop the typing indicator; it also expires by itself. */
  "chat:typing": z.object({ typing: z.boolean() }).strict(),
  /** Add or remove an emoji reaction on a recent message. */
  "chat:react": z.object({ messageId: z.number().int().positive(), emoji: z.enum(reactionEmoji), on: z.boolean() }).strict(),
  /** Walk to a point of the map (world pixels); the server finds the way. */
  "avatar:move": z.object({ x: z.number().finite(), y: z.number().finite() }).strict(),
  /** Hold a direction (arrow keys); {0,0} stops. */
  "avatar:walk": z.object({ dx: z.number().int().min(-1).max(1), dy: z.number().int().min(-1).max(1) }).strict(),
  /** Play an emote over your avatar. */
  "avatar:emote": z.object({ emote: z.enum(emotes) }).strict(),
  /** Queue a track from the catalog (`GET /api/tracks`). */
  "playback:add": z.object({ trackId: z.string().min(1).max(64) }).strict(),
  /** Take a queued entry out of the queue. */
  "playback:remove": z.object({ entryId: z.string().min(1).max(64) }).strict(),
  /** Move a queued entry to another place in the queue (0 = next). */
  "playback:move": z.object({ entryId: z.string().min(1).max(64), toIndex: z.number().int().min(0).max(1000) }).strict(),
  "playback:play": noPayload,
  "playback:pause": noPayload,
  /** Jump to a position of the current track (ms). */
  "playback:seek": z.object({ positionMs: z.number().finite().min(0) }).strict(),
  "playback:skip": noPayload,
  /** Vote to skip; the track is skipped when more than half of the people present voted. */
  "playback:vote-skip": noPayload,
  /** Owner only: who may control the music here (everyone, DJs and moderators, or the owner alone). */
  "playback:control": z.object({ control: z.enum(playbackControls) }).strict(),
  /** Clock sample, sent as a request: the reply is `ClockPong`. */
  "clock:ping": z.object({ t0: z.number().finite() }).strict(),
  // Moderation (owner and moderators; "mod:role" the owner only). Send as requests: the reply is
  // `ModerationAck`, a refusal rejects with an ErrorPayload.
  /** Refuse someone's chat for `minutes`, or until unmuted when left out. */
  "mod:mute": z.object({ sessionId: sessionIdField, minutes: z.number().int().min(1).max(60 * 24 * 365).optional(), reason: reasonField }).strict(),
  "mod:unmute": z.object({ sessionId: sessionIdField }).strict(),
  /** Remove someone from the lounge; they may come back. */
  "mod:kick": z.object({ sessionId: sessionIdField, reason: reasonField }).strict(),
  /** Remove someone and refuse their joins (by account; a guest by guest session) for `minutes` or for good. */
  "mod:ban": z.object({ sessionId: sessionIdField, minutes: z.number().int().min(1).max(60 * 24 * 365).optional(), reason: reasonField }).strict(),
  /** Remove a chat message for everyone (kept, marked deleted, in the database). */
  "mod:delete": z.object({ messageId: z.number().int().positive() }).strict(),
  /** Minimum seconds between two messages of one person (0 turns slow mode off); owner and moderators are exempt. */
  "mod:slow-mode": z.object({ seconds: z.number().int().min(0).max(SLOW_MODE_MAX_SECONDS) }).strict(),
  /** Owner only: give a signed-in person present a role here ("guest" takes their role away). */
  "mod:role": z.object({ sessionId: sessionIdField, role: z.enum([...assignableRoles, "guest"]) }).strict(),
} as const;

export type ClientMessageType = keyof typeof clientMessages;
/** The payload a client sends (before the server's transforms). */
export type ClientMessageInput<K extends ClientMessageType> = z.input<(typeof clientMessages)[K]>;
/** The payload a handler receives (after validation and transforms). */
export type ClientMessage<K extends ClientMessageType> = z.output<(typeof clientMessages)[K]>;

export function isClientMessageType(type: unknown): type is ClientMessageType {
  return typeof type === "string" && Object.hasOwn(clientMessages, type);
}

/** Options a client passes to `joinOrCreate("lounge", …)` (loungeId may be left out with joinById). */
export const joinOptions = z.object({
  loungeId: z.string().min(1).max(64).optional(),
  /** Guests pick a name and avatar; a signed-in person's come from their profile. */
  name: displayName.optional(),
  avatar: z.enum(avatarIds).optional(),
  /** A session token for clients without the session cookie (also accepted as `Authorization: Bearer`). */
  sessionToken: z.string().min(1).max(128).optional(),
  /** Admits to a private lounge (a signed-in person becomes a member). */
  inviteCode: z.string().min(1).max(64).optional(),
  /** A guest's identity for bans and mutes, for clients without the `chill_guest` cookie. */
  guestToken: z.string().min(1).max(128).optional(),
});
export type JoinOptions = z.input<typeof joinOptions>;

/** Replies to requests. */
export interface ChatAck { id: number; at: number }
export interface ModerationAck { ok: true }

/** Close codes of a connection the lounge ended on purpose (`room.onLeave(code)`); the SDK does not reconnect. */
export const LeaveCode = {
  KICKED: 4100,
  BANNED: 4101,
} as const;

/** Sent to the person a moderator acted on, just before a kick or ban closes the connection. */
export interface ModeratedNotice {
  action: "mute" | "unmute" | "kick" | "ban";
  by: string;
  reason: string;
  /** Server time (ms) when a mute or ban ends; null when it does not. */
  until: number | null;
}
/** `t0` echoed back, and the server's clock (ms since the epoch, sub-millisecond, monotonic). */
export interface ClockPong { t0: number; serverNow: number }

/**
 * Told to everyone when a moderator deletes a chat message. Clients must not guess deletions from
 * messages leaving `state.chat`: the recent-chat window also drops old messages, at any patch.
 */
export interface ChatDeleted { messageId: number }

/** Told to the owner and moderators present when something in "Manage lounge" changed. */
export interface ModerationChanged { action: ModerationAction }

/** Server→client messages (besides state patches). */
export interface ServerMessages {
  error: ErrorPayload;
  emote: { sessionId: string; emote: Emote };
  moderated: ModeratedNotice;
  "chat:deleted": ChatDeleted;
  "moderation:changed": ModerationChanged;
}

// Every client→server message of a lounge: each feature declares its own table in
// shared/features/, and this module merges them into the one table the server validates against
// and the client types its sends with. Server→client messages are typed below.
import { z } from "zod";
import { avatarIds, type Emote } from "./avatars.ts";
import { displayName } from "./fields.ts";
import type { ErrorPayload } from "./errors.ts";
import { chatMessages, type ChatDeleted, type ChatEntry, type ChatReactions, type ChatRecent } from "./features/chat.ts";
import { avatarMessages } from "./features/avatars.ts";
import { playbackMessages } from "./features/playback.ts";
import { clockMessages } from "./features/clock.ts";
import { moderationMessages, type ModeratedNotice, type ModerationChanged } from "./features/moderation.ts";
import { tableMessages } from "./features/tables.ts";
import { voiceMessages, type VoiceGone, type VoiceSignal } from "./features/voice.ts";

export { CHAT_MAX_LENGTH, NAME_MAX_LENGTH, displayName, type MessageTable } from "./fields.ts";
export { SLOW_MODE_MAX_SECONDS, type ModerationAck, type ModeratedNotice, type ModerationChanged } from "./features/moderation.ts";
export type { ChatAck, ChatDeleted, ChatEntry, ChatReactions, ChatRecent } from "./features/chat.ts";
export type { ClockPong } from "./features/clock.ts";

/** A message whose encoded payload is larger than this is refused before it is parsed. */
export const MAX_MESSAGE_BYTES = 4096;

/** The built-in lounge's messages: every feature's table, merged. */
export const clientMessages = {
  ...chatMessages,
  ...avatarMessages,
  ...playbackMessages,
  ...clockMessages,
  ...moderationMessages,
  ...tableMessages,
  ...voiceMessages,
} as const;

export type ClientMessageType = keyof typeof clientMessages;
/** The payload a client sends (before the server's transforms). */
export type ClientMessageInput<K extends ClientMessageType> = z.input<(typeof clientMessages)[K]>;
/** The payload a handler receives (after validation and transforms). */
export type ClientMessage<K extends ClientMessageType> = z.output<(typeof clientMessages)[K]>;

export function isClientMessageType(type: unknown): type is ClientMessageType {
  return typeof type === "string" && Object.hasOwn(clientMessages, type);
}

/** Options a client passes to `joinOrCreate(RoomName.lounge, …)` (loungeId may be left out with joinById). */
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

/** Close codes of a connection the lounge ended on purpose (`room.onLeave(code)`); the SDK does not reconnect. */
export const LeaveCode = {
  KICKED: 4100,
  BANNED: 4101,
  /** A reconnection token used without the signed-in seat's session: join again for a seat of your own. */
  NOT_YOUR_SEAT: 4102,
  /** Too many messages a second: disconnected, and joins are refused for a while (see the `error` sent first). */
  FLOODING: 4103,
} as const;

/** Sent to everyone in a lounge whose process is shutting down: join again (through matchmaking) after `rejoinInMs`. */
export interface ServerDraining { rejoinInMs: number }

/**
 * Server→client messages (besides state patches). An interface, so a mod's feature adds its own
 * with declaration merging: `declare module "…/shared/protocol.ts" { interface ServerMessages { … } }`.
 */
export interface ServerMessages {
  error: ErrorPayload;
  emote: { sessionId: string; emote: Emote };
  moderated: ModeratedNotice;
  "chat:message": ChatEntry;
  "chat:recent": ChatRecent;
  "chat:reactions": ChatReactions;
  "chat:deleted": ChatDeleted;
  "moderation:changed": ModerationChanged;
  "voice:signal": VoiceSignal;
  "voice:gone": VoiceGone;
  "server:draining": ServerDraining;
}

// The moderation feature's messages and notices (its state: players' role and muted, the lounge's
// slowModeSeconds). Owner and moderators; "mod:role" the owner only. Send them as requests: the
// reply is `ModerationAck`, a refusal rejects with an ErrorPayload.
import { z } from "zod";
import { sessionIdField } from "../fields.ts";
import { sanitizeDisplayName } from "../text.ts";
import { assignableRoles, type ModerationAction } from "../moderation.ts";

export const SLOW_MODE_MAX_SECONDS = 3600;
// A reason is shown to the person and in the audit log: one line, nothing invisible.
const reasonField = z.string().max(800).transform(sanitizeDisplayName).pipe(z.string().max(200)).optional();
const minutesField = z.number().int().min(1).max(60 * 24 * 365).optional();

export const moderationMessages = {
  /** Refuse someone's chat for `minutes`, or until unmuted when left out. */
  "mod:mute": z.object({ sessionId: sessionIdField, minutes: minutesField, reason: reasonField }).strict(),
  "mod:unmute": z.object({ sessionId: sessionIdField }).strict(),
  /** Remove someone from the lounge; they may come back. */
  "mod:kick": z.object({ sessionId: sessionIdField, reason: reasonField }).strict(),
  /** Remove someone and refuse their joins (by account; a guest by guest session) for `minutes` or for good. */
  "mod:ban": z.object({ sessionId: sessionIdField, minutes: minutesField, reason: reasonField }).strict(),
  /** Remove a chat message for everyone (kept, marked deleted, in the database). */
  "mod:delete": z.object({ messageId: z.number().int().positive() }).strict(),
  /** Minimum seconds between two messages of one person (0 turns slow mode off); owner and moderators are exempt. */
  "mod:slow-mode": z.object({ seconds: z.number().int().min(0).max(SLOW_MODE_MAX_SECONDS) }).strict(),
  /** Owner only: give a signed-in person present a role here ("guest" takes their role away). */
  "mod:role": z.object({ sessionId: sessionIdField, role: z.enum([...assignableRoles, "guest"]) }).strict(),
} as const;

export interface ModerationAck { ok: true }

/** Sent to the person a moderator acted on, just before a kick or ban closes the connection. */
export interface ModeratedNotice {
  action: "mute" | "unmute" | "kick" | "ban";
  by: string;
  reason: string;
  /** Server time (ms) when a mute or ban ends; null when it does not. */
  until: number | null;
}

/** Told to the owner and moderators present when something in "Manage lounge" changed. */
export interface ModerationChanged { action: ModerationAction }

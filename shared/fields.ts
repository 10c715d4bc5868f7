// Field schemas shared by several message tables and by join options: one definition each, so a
// name or a chat message is checked the same way wherever it arrives.
import { z } from "zod";
import { sanitizeChatText, sanitizeDisplayName } from "./text.ts";

export const CHAT_MAX_LENGTH = 500;
export const NAME_MAX_LENGTH = 24;

export const chatText = z
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

export const sessionIdField = z.string().min(1).max(64);

/** Messages that carry nothing: `room.send("playback:play")` sends no payload. */
export const noPayload = z.union([z.undefined(), z.null(), z.object({}).strict()]);

/** A feature's client→server messages: message name → zod schema of its payload. */
export type MessageTable = Readonly<Record<string, z.ZodType>>;

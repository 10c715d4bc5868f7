// The chat feature's messages and replies (its state, ChatMessage, is in state/lounge-state.ts).
import { z } from "zod";
import { reactionEmoji } from "../avatars.ts";
import { chatText } from "../fields.ts";

export const chatMessages = {
  /** Send a chat message. Sent as a request: the reply is the stored message's id (ChatAck). */
  "chat:send": z.object({ text: chatText, nonce: z.string().min(1).max(64) }).strict(),
  /** Start or stop the typing indicator; it also expires by itself. */
  "chat:typing": z.object({ typing: z.boolean() }).strict(),
  /** Add or remove an emoji reaction on a recent message. */
  "chat:react": z.object({ messageId: z.number().int().positive(), emoji: z.enum(reactionEmoji), on: z.boolean() }).strict(),
} as const;

export interface ChatAck { id: number; at: number }

/**
 * Told to everyone when a moderator deletes a chat message. Clients must not guess deletions from
 * messages leaving `state.chat`: the recent-chat window also drops old messages, at any patch.
 */
export interface ChatDeleted { messageId: number }

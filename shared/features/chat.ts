// The chat feature's messages and replies. Chat is not in the schema state: each stored message
// is sent as a message the moment it is committed (`chat:message`), and each joiner gets the recent
// window as one message (`chat:recent`); see server/features/chat.ts for why.
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

/** emoji → how many people reacted with it (absent: nobody). */
export type ReactionCounts = Record<string, number>;

/** A stored chat message, as everyone in the lounge is sent it (`chat:message`, `chat:recent`). */
export interface ChatEntry {
  /** The database id: messages are ordered by it, and a client shows each id once. */
  id: number;
  authorSessionId: string;
  authorName: string;
  text: string;
  /** Server time (ms since epoch) the message was stored. */
  at: number;
  /** The sender's nonce, so it can match its optimistic copy to this one ("" once reloaded from the database). */
  nonce: string;
  reactions: ReactionCounts;
}

/**
 * The lounge's recent messages, oldest first, sent to each joiner and again after a reconnect: it
 * replaces what the client knew of that range. It holds the last CHAT_STATE_SIZE messages not
 * deleted, with no gaps, so a message the client shows with an id at or above the first one here,
 * yet missing here, was deleted while the client was away.
 */
export interface ChatRecent { messages: ChatEntry[] }

/** A message's reaction counts changed (absolute counts, so a repeat changes nothing). */
export interface ChatReactions { messageId: number; reactions: ReactionCounts }

/** Told to everyone when a moderator deletes a chat message. */
export interface ChatDeleted { messageId: number }

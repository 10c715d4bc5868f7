// Chat persistence: every accepted message is written here before it is acknowledged (through the
// process's write-behind queue, chat-write-queue.ts, which stores many in one INSERT).
import { and, count, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "./client.ts";
import { chatMessages, chatReactions, type ChatMessageRow } from "./schema.ts";

/** A message to store: the row less what the database assigns. */
export type NewChatMessage = Omit<typeof chatMessages.$inferInsert, "id" | "createdAt" | "deletedAt">;

export class ChatRepository {
  private readonly insertOne: ReturnType<typeof prepareInsertOne>;

  constructor(private readonly db: Database) {
    this.insertOne = prepareInsertOne(db);
  }

  async insert(message: NewChatMessage): Promise<ChatMessageRow> {
    const [row] = await this.insertMany([message]);
    return row;
  }

  /**
   * Stores several messages with one multi-row INSERT: one round trip and one commit for all of
   * them. Rows come back in the order given (Postgres returns an INSERT … VALUES' rows in VALUES
   * order, as drizzle and Django's bulk_create rely on); checked anyway, since a message acknowledged
   * with another's id would be worse than a failed batch.
   */
  async insertMany(messages: readonly NewChatMessage[]): Promise<ChatMessageRow[]> {
    if (messages.length === 0) return [];
    const rows = messages.length === 1
      ? await this.insertOne.execute({ ...messages[0], authorUserId: messages[0].authorUserId ?? null })
      : await this.db.insert(chatMessages).values([...messages]).returning();
    const matches = rows.length === messages.length && rows.every((row, i) =>
      row.authorSessionId === messages[i].authorSessionId && row.text === messages[i].text);
    if (!matches) throw new Error(`chat insert returned ${rows.length} rows for ${messages.length} messages, or in another order`);
    return rows;
  }

  /** Newest first, strictly older than `before` when given; messages a moderator deleted are left out. */
  async page(loungeId: string, opts: { before?: number; limit: number }): Promise<ChatMessageRow[]> {
    const visible = and(eq(chatMessages.loungeId, loungeId), isNull(chatMessages.deletedAt));
    const where = opts.before === undefined ? visible : and(visible, lt(chatMessages.id, opts.before));
    return this.db.select().from(chatMessages).where(where).orderBy(desc(chatMessages.id)).limit(opts.limit);
  }

  /** Marks a message of this lounge deleted (the row stays for the audit); undefined when there is none. */
  async markDeleted(loungeId: string, id: number): Promise<ChatMessageRow | undefined> {
    const [row] = await this.db.update(chatMessages).set({ deletedAt: new Date() })
      .where(and(eq(chatMessages.id, id), eq(chatMessages.loungeId, loungeId), isNull(chatMessages.deletedAt))).returning();
    return row;
  }

  /** Reaction counts for the given messages: messageId → emoji → count. */
  async reactionCounts(messageIds: number[]): Promise<Map<number, Map<string, number>>> {
    const out = new Map<number, Map<string, number>>();
    if (messageIds.length === 0) return out;
    const rows = await this.db
      .select({ messageId: chatReactions.messageId, emoji: chatReactions.emoji, n: count() })
      .from(chatReactions).where(inArray(chatReactions.messageId, messageIds))
      .groupBy(chatReactions.messageId, chatReactions.emoji);
    for (const r of rows) {
      if (!out.has(r.messageId)) out.set(r.messageId, new Map());
      out.get(r.messageId)?.set(r.emoji, r.n);
    }
    return out;
  }

  /** Records a reaction; false when this person already had it (nothing changed). */
  async addReaction(messageId: number, emoji: string, reactorKey: string): Promise<boolean> {
    const rows = await this.db.insert(chatReactions).values({ messageId, emoji, reactorKey })
      .onConflictDoNothing().returning({ messageId: chatReactions.messageId });
    return rows.length > 0;
  }

  /** Removes a reaction; false when this person did not have it. */
  async removeReaction(messageId: number, emoji: string, reactorKey: string): Promise<boolean> {
    const rows = await this.db.delete(chatReactions)
      .where(and(eq(chatReactions.messageId, messageId), eq(chatReactions.emoji, emoji), eq(chatReactions.reactorKey, reactorKey)))
      .returning({ messageId: chatReactions.messageId });
    return rows.length > 0;
  }
}

/**
 * The one-row INSERT, built once: most batches are one message (a batch is what arrived while the
 * last INSERT was under way), and building the query with drizzle each time cost about as much
 * CPU again as the rest of storing it (measured: ~300 µs against ~110 µs per message).
 */
function prepareInsertOne(db: Database) {
  return db.insert(chatMessages).values({
    loungeId: sql.placeholder("loungeId"), authorSessionId: sql.placeholder("authorSessionId"),
    authorUserId: sql.placeholder("authorUserId"), authorName: sql.placeholder("authorName"), text: sql.placeholder("text"),
  }).returning().prepare("chat_insert_one");
}

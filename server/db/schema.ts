// The database schema: the single source of truth for tables and row types. Migrations in
// drizzle/ are generated from this file with `npm run db:generate`.
import { pgTable, text, integer, bigint, timestamp, index, primaryKey } from "drizzle-orm/pg-core";

export const lounges = pgTable("lounges", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  visibility: text("visibility", { enum: ["public", "unlisted"] }).notNull().default("public"),
  capacity: integer("capacity").notNull().default(50),
  mapId: text("map_id").notNull().default("lounge"),
  ownerId: text("owner_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("lounges_visibility_created_idx").on(t.visibility, t.createdAt)]);

export const chatMessages = pgTable("chat_messages", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  loungeId: text("lounge_id").notNull().references(() => lounges.id, { onDelete: "cascade" }),
  authorSessionId: text("author_session_id").notNull(),
  authorUserId: text("author_user_id"),
  authorName: text("author_name").notNull(),
  text: text("text").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
}, (t) => [index("chat_messages_lounge_id_idx").on(t.loungeId, t.id)]);

/** One row per (message, emoji, person): a person reacts with an emoji at most once. */
export const chatReactions = pgTable("chat_reactions", {
  messageId: bigint("message_id", { mode: "number" }).notNull().references(() => chatMessages.id, { onDelete: "cascade" }),
  emoji: text("emoji").notNull(),
  reactorKey: text("reactor_key").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.messageId, t.emoji, t.reactorKey] })]);

export type LoungeRow = typeof lounges.$inferSelect;
export type ChatMessageRow = typeof chatMessages.$inferSelect;

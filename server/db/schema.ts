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

/** Tracks people added to a lounge, by upload or by URL. The audio lives in TRACKS_DIR. */
export const tracks = pgTable("tracks", {
  id: text("id").primaryKey(),
  loungeId: text("lounge_id").notNull().references(() => lounges.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  artist: text("artist").notNull().default(""),
  durationMs: integer("duration_ms").notNull(),
  /** File name inside TRACKS_DIR, e.g. `3f2a….mp3`. */
  fileName: text("file_name").notNull(),
  mimeType: text("mime_type").notNull(),
  sizeBytes: integer("size_bytes").notNull(),
  sourceUrl: text("source_url"),
  addedBy: text("added_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("tracks_lounge_idx").on(t.loungeId, t.createdAt)]);

export type LoungeRow = typeof lounges.$inferSelect;
export type TrackRow = typeof tracks.$inferSelect;
export type ChatMessageRow = typeof chatMessages.$inferSelect;

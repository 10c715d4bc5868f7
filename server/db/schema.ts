// The database schema: the single source of truth for tables and row types. Migrations in
// drizzle/ are generated from this file with `npm run db:generate`.
import { sql } from "drizzle-orm";
import { pgTable, boolean, text, integer, bigint, timestamp, index, primaryKey, uniqueIndex, jsonb } from "drizzle-orm/pg-core";
import { playbackControls } from "../../shared/moderation.ts";

/** Accounts. Usernames are unique without regard to case; the password is an argon2id hash. */
export const users = pgTable("users", {
  id: text("id").primaryKey(),
  username: text("username").notNull(),
  passwordHash: text("password_hash").notNull(),
  displayName: text("display_name").notNull(),
  avatar: text("avatar").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("users_username_lower_idx").on(sql`lower(${t.username})`)]);

/**
 * Sign-in sessions. A token is `<id>.<secret>`; only the SHA-256 of the secret is kept, so a leaked
 * table signs nobody in, and the secret is compared in constant time after the lookup by id.
 */
export const sessions = pgTable("sessions", {
  id: text("id").primaryKey(),
  secretHash: text("secret_hash").notNull(),
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("sessions_user_idx").on(t.userId)]);

export const lounges = pgTable("lounges", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  visibility: text("visibility", { enum: ["public", "unlisted", "private"] }).notNull().default("public"),
  capacity: integer("capacity").notNull().default(50),
  mapId: text("map_id").notNull().default("lounge"),
  /** The registered room kind that serves this lounge: RoomName.lounge (shared/rooms.ts) or a mod's. */
  kind: text("kind").notNull().default("lounge"),
  ownerId: text("owner_id").references(() => users.id, { onDelete: "set null" }),
  /** Minimum seconds between two chat messages of one person; 0 = off. */
  slowModeSeconds: integer("slow_mode_seconds").notNull().default(0),
  /**
   * What the lounge's features kept when its room last closed (the music queue and position, where
   * people stood), by feature; read back and cleared when the room opens again, on any process.
   */
  snapshot: jsonb("snapshot").$type<Record<string, unknown>>(),
  /** Who may control the music: everyone, DJs (and moderators), or the owner alone. */
  playbackControl: text("playback_control", { enum: playbackControls }).notNull().default("everyone"),
  /** Host origins whose pages may embed the lounge's widget (frame-ancestors); empty: see shared/embed/allowlist.ts. */
  embedOrigins: text("embed_origins").array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("lounges_visibility_created_idx").on(t.visibility, t.createdAt), index("lounges_owner_idx").on(t.ownerId)]);

/** Roles of accounts in a lounge other than its owner (who is `lounges.owner_id`); no row = guest. */
export const loungeMembers = pgTable("lounge_members", {
  loungeId: text("lounge_id").notNull().references(() => lounges.id, { onDelete: "cascade" }),
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  role: text("role", { enum: ["moderator", "dj", "member"] }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.loungeId, t.userId] }), index("lounge_members_user_idx").on(t.userId)]);

/** Invite codes to a private lounge, made and revoked by its owner. */
export const loungeInvites = pgTable("lounge_invites", {
  code: text("code").primaryKey(),
  loungeId: text("lounge_id").notNull().references(() => lounges.id, { onDelete: "cascade" }),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  maxUses: integer("max_uses"),
  uses: integer("uses").notNull().default(0),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
}, (t) => [index("lounge_invites_lounge_idx").on(t.loungeId)]);

/**
 * Who has used an invite: an account (`user:<id>`) or a guest (`guest:<guest key>`). Coming back
 * with the same invite does not use it again, so a guest can reload the page of a one-use invite.
 */
export const loungeInviteRedemptions = pgTable("lounge_invite_redemptions", {
  code: text("code").notNull().references(() => loungeInvites.code, { onDelete: "cascade" }),
  holder: text("holder").notNull(),
  redeemedAt: timestamp("redeemed_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.code, t.holder] })]);

/**
 * Bans and mutes in a lounge, of an account (user_id) or of a guest session (guest_key, the SHA-256
 * of the guest token); a banned account's guest key is kept too, so signing out does not evade it.
 */
export const loungeSanctions = pgTable("lounge_sanctions", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  loungeId: text("lounge_id").notNull().references(() => lounges.id, { onDelete: "cascade" }),
  kind: text("kind", { enum: ["ban", "mute"] }).notNull(),
  userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
  guestKey: text("guest_key"),
  /** A guest's address when banned (BAN_GUESTS_BY_ADDRESS): other guests from it are refused too. */
  address: text("address"),
  targetName: text("target_name").notNull(),
  reason: text("reason").notNull().default(""),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdByName: text("created_by_name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  liftedAt: timestamp("lifted_at", { withTimezone: true }),
}, (t) => [index("lounge_sanctions_lookup_idx").on(t.loungeId, t.kind)]);

/** Every moderation action, who did it to whom, for the owner and moderators to review. */
export const moderationAudit = pgTable("moderation_audit", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  loungeId: text("lounge_id").notNull().references(() => lounges.id, { onDelete: "cascade" }),
  action: text("action").notNull(),
  actorUserId: text("actor_user_id"),
  actorName: text("actor_name").notNull(),
  targetUserId: text("target_user_id"),
  targetName: text("target_name"),
  detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
}, (t) => [index("moderation_audit_lounge_idx").on(t.loungeId, t.id)]);

export const chatMessages = pgTable("chat_messages", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  loungeId: text("lounge_id").notNull().references(() => lounges.id, { onDelete: "cascade" }),
  authorSessionId: text("author_session_id").notNull(),
  authorUserId: text("author_user_id"),
  authorName: text("author_name").notNull(),
  text: text("text").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
  /** Set when a moderator removed the message; history and the room no longer show it. */
  deletedAt: timestamp("deleted_at", { withTimezone: true }),
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

/** A finished card game: where, which game, when. Its seats are in game_result_seats. */
export const gameResults = pgTable("game_results", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  loungeId: text("lounge_id").notNull().references(() => lounges.id, { onDelete: "cascade" }),
  gameId: text("game_id").notNull(),
  players: integer("players").notNull(),
  finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
}, (t) => [index("game_results_game_idx").on(t.gameId, t.finishedAt)]);

/** One seat of a finished game: who (an account, a guest or a bot), how it ranked and scored. */
export const gameResultSeats = pgTable("game_result_seats", {
  resultId: bigint("result_id", { mode: "number" }).notNull().references(() => gameResults.id, { onDelete: "cascade" }),
  gameSeat: integer("game_seat").notNull(),
  userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
  name: text("name").notNull(),
  bot: boolean("bot").notNull().default(false),
  rank: integer("rank").notNull(),
  score: integer("score").notNull(),
  /** The account's rating for this game before and after; null for guests and bots (not rated). */
  ratingBefore: integer("rating_before"),
  ratingAfter: integer("rating_after"),
}, (t) => [primaryKey({ columns: [t.resultId, t.gameSeat] }), index("game_result_seats_user_idx").on(t.userId)]);

/** A signed-in player's rating per game (Elo over every pair of rated seats, shared/games/rating.ts). */
export const gameRatings = pgTable("game_ratings", {
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  gameId: text("game_id").notNull(),
  rating: integer("rating").notNull(),
  games: integer("games").notNull().default(0),
  wins: integer("wins").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.userId, t.gameId] }), index("game_ratings_board_idx").on(t.gameId, t.rating)]);

export type LoungeRow = typeof lounges.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type InviteRow = typeof loungeInvites.$inferSelect;
export type SanctionRow = typeof loungeSanctions.$inferSelect;
export type AuditRow = typeof moderationAudit.$inferSelect;
export type TrackRow = typeof tracks.$inferSelect;
export type ChatMessageRow = typeof chatMessages.$inferSelect;

// Card tables: their slice of the lounge state and their messages. A table is a card-table spot of
// the map (LoungeMap.cardTables); its chairs are its seats. What every client sees is the game's
// public view as JSON; what only a seat's holder sees (its hand) is in that seat's `private`
// field, tagged @view and added to the holder's StateView alone.
import { z } from "zod";
import { schema, t, type SchemaType } from "@colyseus/schema";

export const TableSeat = schema({
  /** Who sits here: a session id, "" when the seat is free. */
  sessionId: t.string().default(""),
  name: t.string().default(""),
  /** A bot plays this seat (filled on request, or taking over for someone who left mid-game). */
  bot: t.boolean().default(false),
  /** False while the holder's connection is down; the turn timer plays for them meanwhile. */
  connected: t.boolean().default(true),
  /** The seat's place in the running game (0…players−1); −1 when it does not play. */
  gameSeat: t.int8().default(-1),
  /** JSON `{ seq, view }`: this seat's own view of the game. Sent to the seat's holder only. */
  private: t.string().view(),
}, "TableSeat");
export type TableSeat = SchemaType<typeof TableSeat>;

export const Table = schema({
  id: t.string(),
  gameId: t.string(),
  /** "open" (sitting down), "playing", or "over" (result shown; rematch or leave). */
  phase: t.string().default("open"),
  seats: t.array(TableSeat),
  /** Session ids watching without a seat. */
  spectators: t.array("string"),
  /** Bumped by every applied move: a move names the version it was made for. */
  version: t.uint32().default(0),
  /** Game seats that may act now. */
  toAct: t.array("uint8"),
  /** Server time (ms) when the acting seats' time runs out; 0 when no timer runs. */
  turnDeadline: t.float64().default(0),
  /** JSON: the game's view for a spectator, what everyone may see. */
  public: t.string().default(""),
  /** JSON `TableResult` once the game is over, "" before. */
  result: t.string().default(""),
}, "Table");
export type Table = SchemaType<typeof Table>;

/** A finished game as the table shows it. */
export interface TableResult {
  gameId: string;
  /** Per game seat. */
  seats: Array<{ name: string; bot: boolean; rank: number; score: number; ratingBefore: number | null; ratingAfter: number | null }>;
  /** Every hand as it ended, now that nothing is secret. */
  revealed: Array<{ gameSeat: number; cards: string[] }>;
}

/** What a seat's `private` field holds. */
export interface SeatPrivate<V = unknown> { seq: number; view: V }

const tableId = z.string().min(1).max(32);

export const tableMessages = {
  /** Sit at a table (a free chair, or the one named) while no game runs there. */
  "table:sit": z.object({ tableId, seat: z.number().int().min(0).max(15).optional() }).strict(),
  /** Get up; mid-game a bot takes over the seat so the others can finish. */
  "table:stand": z.object({ tableId }).strict(),
  /** Watch a table without sitting (or stop watching). */
  "table:watch": z.object({ tableId, on: z.boolean() }).strict(),
  /** Seated players choose the game while the table is open. */
  "table:game": z.object({ tableId, gameId: z.string().min(1).max(32) }).strict(),
  /** Seated players fill the free chairs with bots (or take them away) while the table is open. */
  "table:bots": z.object({ tableId, count: z.number().int().min(0).max(15) }).strict(),
  /** Start the game once enough seats are filled. */
  "table:start": z.object({ tableId }).strict(),
  /** A move for the state at `version`; `move.type` picks the game's schema for the rest. */
  "table:move": z.object({ tableId, version: z.number().int().min(0), move: z.object({ type: z.string().min(1).max(32) }).passthrough() }).strict(),
  /** After a game: play again with the same seats (spectators stay). */
  "table:rematch": z.object({ tableId }).strict(),
} as const;

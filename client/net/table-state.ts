// Reads a card table from the room's state into plain data the panels draw: who sits where, the
// game's public view, your own seat's private view (only your own seat carries one in your state)
// and the result once the game is over. JSON fields are parsed here, once, never trusted blindly.
import type { Table, TableResult } from "../../shared/features/tables.ts";

export type TablePhase = "open" | "playing" | "over";

export interface SeatInfo {
  /** The chair's index (what `table:sit {seat}` names). */
  index: number;
  sessionId: string;
  name: string;
  bot: boolean;
  connected: boolean;
  /** Place in the running game, −1 when the chair does not play. */
  gameSeat: number;
  mine: boolean;
}

export interface TableSnapshot {
  id: string;
  gameId: string;
  phase: TablePhase;
  version: number;
  seats: SeatInfo[];
  spectators: string[];
  toAct: number[];
  /** Server time (ms) when the acting seats' time runs out; 0 when no timer runs. */
  turnDeadline: number;
  /** The game's spectator view, undefined before a game. */
  publicView: unknown;
  /** Your own view of the game (your hand), when you play here. */
  privateView: unknown;
  result: TableResult | undefined;
  /** Your chair here, or undefined. */
  mySeat: SeatInfo | undefined;
  watching: boolean;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

function resultOf(text: string): TableResult | undefined {
  const value = parseJson(text);
  return isObject(value) && Array.isArray(value.seats) && Array.isArray(value.revealed) ? (value as unknown as TableResult) : undefined;
}

const phaseOf = (phase: string): TablePhase => (phase === "playing" || phase === "over" ? phase : "open");

export function readTable(table: Table, selfId: string): TableSnapshot {
  const seats: SeatInfo[] = table.seats.map((s, index) => ({
    index, sessionId: s.sessionId, name: s.name, bot: s.bot, connected: s.connected, gameSeat: s.gameSeat,
    mine: selfId !== "" && s.sessionId === selfId,
  }));
  const mySeat = seats.find((s) => s.mine);
  // `private` is only ever filled for our own seat (the server's StateView); read nobody else's.
  const own = mySeat ? parseJson(table.seats[mySeat.index]?.private ?? "") : undefined;
  return {
    id: table.id,
    gameId: table.gameId,
    phase: phaseOf(table.phase),
    version: table.version,
    seats,
    spectators: [...table.spectators],
    toAct: [...table.toAct],
    turnDeadline: table.turnDeadline,
    publicView: parseJson(table.public),
    privateView: isObject(own) ? own.view : undefined,
    result: resultOf(table.result),
    mySeat,
    watching: table.spectators.includes(selfId),
  };
}

/** The players of the running (or last) game, in game-seat order. */
export function gameSeats(snapshot: TableSnapshot): SeatInfo[] {
  return snapshot.seats.filter((s) => s.gameSeat >= 0).sort((a, b) => a.gameSeat - b.gameSeat);
}

/** Chairs filled by people or bots. */
export function filledSeats(snapshot: TableSnapshot): number {
  return snapshot.seats.filter((s) => s.sessionId !== "" || s.bot).length;
}

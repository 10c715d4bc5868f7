// The card-game rules API modders implement: a game is a plain object of pure functions over its
// own state. No `this`, no I/O, no clock, no Math.random: randomness comes in as `rng`. The table
// feature (server/features/tables.ts) owns seats, turns, versions, timers and secrecy; the game
// only says what the rules are and what each seat may see.
import type { z } from "zod";

/** A card as a string: rank then suit, e.g. "7H", "10S", "QD", "AC". Suits: C D H S. */
export type Card = string;

/** Uniform in [0, 1), from the table's seeded generator (never sent to any client). */
export type Rng = () => number;

/** A seat index, 0 … players − 1. */
export type Seat = number;

/** A move as it travels: its `type` picks the schema in `moves`. */
export interface MoveBase { type: string }

/** A move the rules refuse: a code the client can switch on and words that say what to do. */
export interface GameRefusal { refused: true; code: string; message: string }

export function refusal(code: string, message: string): GameRefusal {
  return { refused: true, code, message };
}

export function isRefusal(value: unknown): value is GameRefusal {
  return typeof value === "object" && value !== null && (value as GameRefusal).refused === true;
}

/**
 * Cards not face up, and who may see them: `owner` a seat (its hand), or null (nobody: a draw pile).
 * A card more than one seat knows is listed once per seat (a Hearts card passed into another hand).
 */
export interface HiddenCards { owner: Seat | null; cards: readonly Card[] }

/** How a finished game ended, by seat: rank 1 is the winner (ties share a rank); scores as the game counts them. */
export interface GameResult { ranks: number[]; scores: number[] }

export interface CardGame<S, M extends MoveBase, V = unknown> {
  id: string;
  name: string;
  /** One line for the table's game picker. */
  summary: string;
  players: { min: number; max: number };
  /** A new game for `players` seats. */
  setup(players: number, rng: Rng): S;
  /** A zod schema per move type; the framework checks a move against `moves[move.type]`. */
  moves: { [K in M["type"]]: z.ZodType<Extract<M, { type: K }>> };
  /** The seats that may move now (several at once in a simultaneous phase, e.g. Hearts' passing). */
  toAct(state: S): Seat[];
  /** The next state, or a refusal; never throws. The framework has checked the seat may act. */
  move(state: S, seat: Seat, move: M, rng: Rng): S | GameRefusal;
  /** What `seat` sees (null: a spectator). Must hold no card of `hidden()` the viewer may not see. */
  view(state: S, seat: Seat | null): V;
  /** Every card not face up, with the seat that may see it. The test kit and the table check views against it. */
  hidden(state: S): HiddenCards[];
  /** The legal moves of `seat` now (empty when it may not act); bots and tests pick from these. */
  enumerate(state: S, seat: Seat): M[];
  turn: {
    /** Seconds a seat has to act before `auto` is played for it. */
    seconds: number;
    /** The move played when time runs out (or for a dropped seat); must be legal. */
    auto(state: S, seat: Seat, rng: Rng): M;
  };
  /** How it ended, or undefined while it goes on. */
  result(state: S): GameResult | undefined;
}

/** Any registered game, as the framework handles it. */
export type AnyCardGame = CardGame<unknown, MoveBase, unknown>;

// What a game shows at a table and what clicking means in it: each game the lounge offers has one
// of these (crazy-eights-ui.ts, hearts-ui.ts); the board around it (table-board.ts) is the same
// for every game: players with their card counts, whose turn and the countdown, your hand.
import type { Card } from "../../shared/games/types.ts";
import type { TableMove } from "../net/table-requests.ts";
import type { SeatInfo, TableSnapshot } from "../net/table-state.ts";

export interface GameUiContext {
  snapshot: TableSnapshot;
  /** The players, by game seat. */
  players: SeatInfo[];
  /** Your game seat, or undefined when you watch. */
  me: number | undefined;
  myTurn: boolean;
  /** The view to draw: your own when you play (it holds your hand), the public one otherwise. */
  view: unknown;
  /** Sends a move for the table's current version. */
  play(move: TableMove): void;
  /** Draw again (a local choice changed, e.g. a card picked). */
  redraw(): void;
}

export interface HandSpec {
  cards: Card[];
  /** Shown as playable now (a hint: the server decides). */
  playable(card: Card): boolean;
  selected(card: Card): boolean;
  pick(card: Card): void;
}

export interface GameUi {
  /** Cards in each game seat's hand, from any view of the game. */
  handCounts(view: unknown): number[];
  /** The middle of the table: the pile or the trick, all face up for everyone. */
  center(ctx: GameUiContext): Node;
  /** One line: what just happened, or what to do now. */
  note(ctx: GameUiContext): string;
  /** Your hand, or undefined when you watch. */
  hand(ctx: GameUiContext): HandSpec | undefined;
  /** Buttons beside the hand (Draw, Pass…). */
  controls(ctx: GameUiContext): Node[];
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** The seat's name for lines of text: "You" for yourself. */
export function who(ctx: GameUiContext, gameSeat: number): string {
  if (gameSeat === ctx.me) return "You";
  return ctx.players[gameSeat]?.name || `Seat ${gameSeat + 1}`;
}

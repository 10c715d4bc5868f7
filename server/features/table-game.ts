// One running card game at a table: the rules module, its state and the seeded generator that
// feeds it, all server-side only. It applies moves the table has already checked for seat, turn and
// version, and answers what each seat may see. No timers and no I/O here: the table feature has those.
import { isRefusal, type AnyCardGame, type GameRefusal, type GameResult, type HiddenCards, type MoveBase, type Rng, type Seat } from "../../shared/games/types.ts";
import { tableRng } from "./table-rng.ts";

export class TableGame {
  private state: unknown;
  private readonly rng: Rng;

  /** `seed`: 32 bytes (newTableSeed()); the same seed and moves replay the same game. */
  constructor(readonly game: AnyCardGame, readonly players: number, seed: Buffer) {
    this.rng = tableRng(seed);
    this.state = game.setup(players, this.rng);
  }

  get toAct(): Seat[] {
    return this.game.toAct(this.state);
  }

  get result(): GameResult | undefined {
    return this.game.result(this.state);
  }

  /** Checks the move against the game's schema for its type, then the rules; the state changes only when both pass. */
  apply(seat: Seat, raw: MoveBase): GameRefusal | undefined {
    const schema = (this.game.moves as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: Array<{ message: string; path: PropertyKey[] }> } } }>)[raw.type];
    if (!schema) return { refused: true, code: "INVALID_MESSAGE", message: `${this.game.name} has no move "${raw.type}"; moves are ${Object.keys(this.game.moves).join(", ")}.` };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error?.issues[0];
      return { refused: true, code: "INVALID_MESSAGE", message: `Invalid "${raw.type}" move: ${issue?.path.join(".") ? `${issue.path.join(".")}: ` : ""}${issue?.message ?? "malformed"}` };
    }
    const next = this.game.move(this.state, seat, parsed.data as MoveBase, this.rng);
    if (isRefusal(next)) return next;
    this.state = next;
    return undefined;
  }

  /** The move the rules play for `seat` when its time runs out, or for a bot. */
  autoMove(seat: Seat): MoveBase {
    return this.game.turn.auto(this.state, seat, this.rng);
  }

  view(seat: Seat | null): unknown {
    return this.game.view(this.state, seat);
  }

  /** The legal moves of `seat` now. */
  legalMoves(seat: Seat): MoveBase[] {
    return this.game.enumerate(this.state, seat);
  }

  hidden(): HiddenCards[] {
    return this.game.hidden(this.state);
  }
}

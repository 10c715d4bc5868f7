// The card-table messages as typed requests: each resolves when the room has done it, or rejects
// with a TableRefusal carrying the room's code and words (not your turn, stale version, …).
import type { ClientMessageInput, ClientMessageType } from "../../shared/protocol.ts";
import { rejectionOf, type LoungeConnection } from "./lounge-connection.ts";

/** A game's move as it travels: its `type` names the move, the game's schema checks the rest. */
export type TableMove = { type: string } & Record<string, unknown>;

export class TableRefusal extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "TableRefusal";
  }
}

/** A request the room refused as too fast is sent again after the wait it gave, at most this many times. */
const RATE_LIMIT_RETRIES = 3;
/** A wait longer than this is not waited out: the refusal is shown instead. */
const LONGEST_RATE_WAIT_MS = 3000;

export class TableRequests {
  constructor(
    private readonly connection: Pick<LoungeConnection, "ask" | "connected">,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  // Quick clicks (draw, then pass at once) can outrun the tables' rate limit: such a move waits the
  // retryInMs the room gave and goes again, so a fast player is not told off for it (a refused
  // request changed nothing, and the move's version guards the resend: if the table moved on
  // meanwhile, it is refused as stale). Other requests are not resent: a sit sent again could land
  // after a stand the player clicked meanwhile.
  private async ask<K extends ClientMessageType>(type: K, payload: ClientMessageInput<K>): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.connection.ask(type, payload);
      } catch (err) {
        const refusal = rejectionOf(err);
        if (type === "table:move" && refusal?.code === "RATE_LIMITED" && attempt < RATE_LIMIT_RETRIES && (refusal.retryInMs ?? 0) <= LONGEST_RATE_WAIT_MS) {
          await this.sleep(Math.max(50, refusal.retryInMs ?? 250));
          continue;
        }
        if (refusal) throw new TableRefusal(refusal.code, refusal.message);
        throw new TableRefusal("UNAVAILABLE", this.connection.connected ? "The lounge did not answer; try again." : "Not connected to the lounge right now; try again in a moment.");
      }
    }
  }

  /** A free chair, or the one named. */
  async sit(tableId: string, seat?: number): Promise<void> {
    await this.ask("table:sit", seat === undefined ? { tableId } : { tableId, seat });
  }

  async stand(tableId: string): Promise<void> { await this.ask("table:stand", { tableId }); }
  async watch(tableId: string, on: boolean): Promise<void> { await this.ask("table:watch", { tableId, on }); }
  async chooseGame(tableId: string, gameId: string): Promise<void> { await this.ask("table:game", { tableId, gameId }); }
  /** Makes it `count` bots in all, filling free chairs (or freeing them). */
  async bots(tableId: string, count: number): Promise<void> { await this.ask("table:bots", { tableId, count }); }
  async start(tableId: string): Promise<void> { await this.ask("table:start", { tableId }); }
  async rematch(tableId: string): Promise<void> { await this.ask("table:rematch", { tableId }); }

  /** A move for the table as it stood at `version`. */
  async move(tableId: string, version: number, move: TableMove): Promise<void> {
    await this.ask("table:move", { tableId, version, move });
  }
}

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

export class TableRequests {
  constructor(private readonly connection: LoungeConnection) {}

  private async ask<K extends ClientMessageType>(type: K, payload: ClientMessageInput<K>): Promise<unknown> {
    try {
      return await this.connection.ask(type, payload);
    } catch (err) {
      const refusal = rejectionOf(err);
      if (refusal) throw new TableRefusal(refusal.code, refusal.message);
      throw new TableRefusal("UNAVAILABLE", this.connection.connected ? "The lounge did not answer; try again." : "Not connected to the lounge right now; try again in a moment.");
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

// Card tables: one per card-table spot of the map. Sit, stand, watch, choose the game, fill chairs
// with bots, start, move, rematch. The table checks seat, turn and version; the game module
// (shared/games/) decides the rules. Each seat's own view goes into its `private` field, which only
// that seat's holder has in their StateView: hidden cards never reach anyone else.
import type { Client } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import type { z } from "zod";
import { Table, TableSeat, tableMessages, type SeatPrivate, type TableResult } from "../../shared/features/tables.ts";
import { getGame } from "../../shared/games/index.ts";
import type { HiddenCards, MoveBase } from "../../shared/games/types.ts";
import { refuse, type Refusal } from "../rooms/refusal.ts";
import { LoungeFeature } from "../rooms/feature.ts";
import type { Timer } from "../rooms/clock.ts";
import { RateLimiter } from "./rate-limit.ts";
import { TableGame } from "./table-game.ts";
import { newTableSeed } from "./table-rng.ts";

type Msg<K extends keyof typeof tableMessages> = z.output<(typeof tableMessages)[K]>;

/** What the table keeps beside its state: the running game and its timers. */
interface TableRuntime {
  game?: TableGame;
  /** The account behind each game seat when the game started (null: a guest or a bot). */
  accounts?: Array<string | null>;
  turnTimer?: Timer;
  botTimer?: Timer;
  seq: number;
}

export const DEFAULT_GAME = "crazy-eights";

export class TableFeature extends LoungeFeature {
  private readonly runtimes = new Map<string, TableRuntime>();
  private readonly limiter = new RateLimiter({ burst: 20, perSecond: 8 }, () => this.host.clock.now());

  protected override messages = this.handlers(tableMessages, {
    "table:sit": { limit: this.limiter, handle: (c, m) => this.withTable(m.tableId, (t) => this.onSit(c, t, m)) },
    "table:stand": { limit: this.limiter, handle: (c, m) => this.withTable(m.tableId, (t) => this.onStand(c, t)) },
    "table:watch": { limit: this.limiter, handle: (c, m) => this.withTable(m.tableId, (t) => this.onWatch(c, t, m.on)) },
    "table:game": { limit: this.limiter, handle: (c, m) => this.withTable(m.tableId, (t) => this.onGame(c, t, m)) },
    "table:bots": { limit: this.limiter, handle: (c, m) => this.withTable(m.tableId, (t) => this.onBots(c, t, m)) },
    "table:start": { limit: this.limiter, handle: (c, m) => this.withTable(m.tableId, (t) => this.onStart(c, t)) },
    "table:move": { limit: this.limiter, handle: (c, m) => this.withTable(m.tableId, (t) => this.onMove(c, t, m)) },
    "table:rematch": { limit: this.limiter, handle: (c, m) => this.withTable(m.tableId, (t) => this.onStart(c, t)) },
  });

  protected override onCreate(): void {
    for (const spot of this.host.map.cardTables()) {
      const table = new Table({ id: spot.id, gameId: DEFAULT_GAME });
      for (let i = 0; i < spot.chairs.length; i++) table.seats.push(new TableSeat());
      this.host.state.tables.set(spot.id, table);
      this.runtimes.set(spot.id, { seq: 0 });
    }
  }

  private withTable(tableId: string, act: (table: Table) => unknown): unknown {
    const table = this.host.state.tables.get(tableId);
    if (!table) return refuse("NOT_FOUND", `No table "${tableId}" here; tables are ${[...this.host.state.tables.keys()].join(", ") || "none on this map"}.`);
    return act(table);
  }

  private runtime(table: Table): TableRuntime {
    return this.runtimes.get(table.id) as TableRuntime;
  }

  private seatOf(table: Table, sessionId: string): TableSeat | undefined {
    return table.seats.find((s) => s.sessionId === sessionId);
  }

  // ---- seats -------------------------------------------------------------------------------------

  onSit(client: Client, table: Table, msg: Msg<"table:sit">): Refusal | { seat: number } {
    if (table.phase === "playing") return refuse("TABLE_BUSY", "A game is on at this table; watch it, or sit down when it is over.");
    if (this.seatOf(table, client.sessionId)) return refuse("TABLE_BUSY", "You already sit at this table.");
    // A free chair, or else one a bot keeps warm: between games people come before bots.
    const free = table.seats.findIndex((s) => s.sessionId === "" && !s.bot);
    const index = msg.seat ?? (free >= 0 ? free : table.seats.findIndex((s) => s.sessionId === ""));
    const seat = table.seats[index];
    if (!seat) return refuse("TABLE_BUSY", index < 0 ? "Every chair at this table is taken; watch instead." : `This table has chairs 0–${table.seats.length - 1}.`);
    if (seat.sessionId !== "") return refuse("TABLE_BUSY", "That chair is taken; pick a free one.");
    seat.bot = false;
    // One chair per person in the lounge: sitting here gets you up from anywhere else.
    for (const other of this.host.state.tables.values()) if (other !== table) this.leaveTable(client.sessionId, other);
    const player = this.host.player(client.sessionId);
    seat.sessionId = client.sessionId;
    seat.name = player?.name ?? "someone";
    seat.connected = true;
    this.dropSpectator(table, client.sessionId);
    client.view ??= new StateView();
    client.view.add(seat);
    return { seat: index };
  }

  onStand(client: Client, table: Table): Refusal | void {
    if (!this.seatOf(table, client.sessionId)) return refuse("NOT_FOUND", "You do not sit at this table.");
    this.leaveTable(client.sessionId, table);
  }

  /** Gets someone up: mid-game a bot plays on in their seat so the others can finish. */
  private leaveTable(sessionId: string, table: Table): void {
    this.dropSpectator(table, sessionId);
    const seat = this.seatOf(table, sessionId);
    if (!seat) return;
    this.host.clients.getById(sessionId)?.view?.remove(seat);
    seat.private = "";
    if (table.phase === "playing" && seat.gameSeat >= 0) {
      seat.sessionId = "";
      seat.bot = true;
      seat.name = `${seat.name} (bot)`;
      seat.connected = true;
      this.scheduleBots(table);
    } else {
      seat.sessionId = "";
      seat.name = "";
      seat.gameSeat = -1;
    }
    this.maybeReset(table);
  }

  /**
   * A table nobody sits at any more goes back to open, with its bots gone, unless a game is on:
   * bots finish it (people may be watching), and it resets when the next person gets up after it.
   */
  private maybeReset(table: Table): void {
    if (table.phase === "playing" || table.seats.some((s) => s.sessionId !== "")) return;
    this.resetTable(table, { keepSeats: false });
  }

  onWatch(client: Client, table: Table, on: boolean): void {
    if (!on) return this.dropSpectator(table, client.sessionId);
    if (!table.spectators.includes(client.sessionId) && !this.seatOf(table, client.sessionId)) table.spectators.push(client.sessionId);
  }

  private dropSpectator(table: Table, sessionId: string): void {
    const i = table.spectators.indexOf(sessionId);
    if (i >= 0) table.spectators.splice(i, 1);
  }

  private seated(client: Client, table: Table, doing: string): Refusal | undefined {
    if (!this.seatOf(table, client.sessionId)) return refuse("FORBIDDEN", `Sit at the table to ${doing}.`);
    if (table.phase === "playing") return refuse("TABLE_BUSY", `A game is on; ${doing} when it is over.`);
    return undefined;
  }

  onGame(client: Client, table: Table, msg: Msg<"table:game">): Refusal | void {
    const refused = this.seated(client, table, "choose the game");
    if (refused) return refused;
    if (!getGame(msg.gameId)) return refuse("NOT_FOUND", `No game "${msg.gameId}"; see GET /api/games.`);
    table.gameId = msg.gameId;
  }

  onBots(client: Client, table: Table, msg: Msg<"table:bots">): Refusal | void {
    const refused = this.seated(client, table, "add bots");
    if (refused) return refused;
    let bots = table.seats.filter((s) => s.bot).length;
    for (const seat of table.seats) {
      if (bots < msg.count && seat.sessionId === "" && !seat.bot) { seat.bot = true; seat.name = `Bot ${++bots}`; }
    }
    for (let i = table.seats.length - 1; i >= 0 && bots > msg.count; i--) {
      const seat = table.seats[i];
      if (seat.bot) { seat.bot = false; seat.name = ""; seat.gameSeat = -1; bots--; }
    }
  }

  // ---- the game ----------------------------------------------------------------------------------

  onStart(client: Client, table: Table): Refusal | { players: number } {
    const refused = this.seated(client, table, "start");
    if (refused) return refused;
    const game = getGame(table.gameId);
    if (!game) return refuse("NOT_FOUND", `No game "${table.gameId}"; choose another.`);
    const filled = table.seats.filter((s) => s.sessionId !== "" || s.bot);
    const { min, max } = game.players;
    if (filled.length < min || filled.length > max) {
      return refuse("FORBIDDEN", `${game.name} needs ${min === max ? min : `${min}–${max}`} players; ${filled.length} ${filled.length === 1 ? "sits" : "sit"} here. Add bots or wait for people.`);
    }
    table.seats.forEach((s) => { s.gameSeat = filled.indexOf(s); });
    const runtime = this.runtime(table);
    runtime.game = new TableGame(game, filled.length, newTableSeed());
    runtime.accounts = filled.map((s) => (s.bot ? null : this.host.player(s.sessionId)?.userId || null));
    table.result = "";
    table.turnDeadline = 0;
    table.toAct.clear();
    table.phase = "playing";
    table.version += 1;
    this.sync(table);
    this.host.log.info({ tableId: table.id, gameId: game.id, players: filled.length }, "table game started");
    return { players: filled.length };
  }

  onMove(client: Client, table: Table, msg: Msg<"table:move">): Refusal | { version: number } {
    const game = this.runtime(table).game;
    const seat = this.seatOf(table, client.sessionId);
    if (table.phase !== "playing" || !game) return refuse("NOT_FOUND", "No game is on at this table.");
    if (!seat || seat.gameSeat < 0) return refuse("NOT_YOUR_TURN", "You do not play at this table; sit down before the next game.");
    if (msg.version !== table.version) return refuse("STALE_VERSION", `The table moved on (version ${table.version}, your move was for ${msg.version}); look again and retry.`);
    if (!game.toAct.includes(seat.gameSeat)) return refuse("NOT_YOUR_TURN", "It is not your turn; wait for it.");
    const refused = game.apply(seat.gameSeat, msg.move as MoveBase);
    if (refused) return refuse(refused.code === "INVALID_MESSAGE" ? "INVALID_MESSAGE" : "ILLEGAL_MOVE", refused.message);
    this.afterMove(table);
    return { version: table.version };
  }

  private afterMove(table: Table): void {
    this.host.services.metrics.tableMoves.inc({ game: table.gameId });
    table.version += 1;
    this.sync(table);
  }

  /** Projects the game into the state: the public view, each seat's own, whose turn and until when. */
  private sync(table: Table): void {
    const runtime = this.runtime(table);
    const game = runtime.game;
    if (!game) return;
    table.public = JSON.stringify(game.view(null));
    for (const seat of table.seats) {
      seat.private = seat.gameSeat >= 0 && !seat.bot ? this.privateOf(table, game, seat.gameSeat) : "";
    }
    const result = game.result;
    if (result) return this.finish(table, game, result);
    const before = [...table.toAct];
    const now = game.toAct;
    table.toAct.clear();
    table.toAct.push(...now);
    // In a simultaneous phase (Hearts' passing) the others acting does not restart the clock of
    // those still to act. Otherwise every move starts a new turn, even for the same seat (a Hearts
    // trick's winner leads the next).
    const sameTurn = table.turnDeadline > 0 && before.length > 1 && now.length > 0 && now.every((s) => before.includes(s));
    if (!sameTurn) this.startTurnTimer(table);
    this.scheduleBots(table);
  }

  private privateOf(table: Table, game: TableGame, gameSeat: number): string {
    // A new seq every time, so the field always changes: a seat added to a view late (a reconnect)
    // gets its value with the next patch (Colyseus schema #232).
    const value: SeatPrivate = { seq: ++this.runtime(table).seq, view: game.view(gameSeat) };
    return JSON.stringify(value);
  }

  private startTurnTimer(table: Table): void {
    const runtime = this.runtime(table);
    runtime.turnTimer?.clear();
    const game = runtime.game;
    if (!game) return;
    const ms = game.game.turn.seconds * 1000;
    table.turnDeadline = this.host.clock.now() + ms;
    runtime.turnTimer = this.host.clock.setTimeout(() => this.onTimeout(table), ms);
  }

  /** Time ran out: the rules' default move for every seat still to act (people away included). */
  private onTimeout(table: Table): void {
    const game = this.runtime(table).game;
    if (!game || table.phase !== "playing") return;
    const version = table.version;
    // One default move for each late seat; if that leaves a seat still to act (a Crazy Eights draw),
    // its next move gets a turn of its own.
    for (const gameSeat of game.toAct) {
      if (game.result) break;
      if (game.apply(gameSeat, game.autoMove(gameSeat))) {
        this.host.log.error({ tableId: table.id, gameSeat }, "the game's default move was refused by its own rules");
        return this.finishBroken(table);
      }
    }
    this.host.log.info({ tableId: table.id, version }, "turn timed out; default moves played");
    table.turnDeadline = 0;
    this.afterMove(table);
  }

  private scheduleBots(table: Table): void {
    const runtime = this.runtime(table);
    runtime.botTimer?.clear();
    const game = runtime.game;
    if (!game || table.phase !== "playing") return;
    const botSeats = new Set(table.seats.filter((s) => s.bot).map((s) => s.gameSeat));
    const due = game.toAct.find((s) => botSeats.has(s));
    if (due === undefined) return;
    const version = table.version;
    runtime.botTimer = this.host.clock.setTimeout(() => {
      if (table.version !== version || runtime.game !== game) return;
      if (!game.apply(due, game.autoMove(due))) this.afterMove(table);
    }, this.host.services.config.TABLE_BOT_DELAY_MS);
  }

  private finish(table: Table, game: TableGame, result: NonNullable<TableGame["result"]>): void {
    this.stopTimers(table);
    table.phase = "over";
    table.toAct.clear();
    table.turnDeadline = 0;
    const players = table.seats.filter((s) => s.gameSeat >= 0).sort((a, b) => a.gameSeat - b.gameSeat);
    const shown: TableResult = {
      gameId: game.game.id,
      seats: players.map((s) => ({ name: s.name, bot: s.bot, rank: result.ranks[s.gameSeat], score: result.scores[s.gameSeat], ratingBefore: null, ratingAfter: null })),
      // Nothing is secret any more: everyone sees every hand as it ended.
      revealed: game.hidden().filter((h) => h.owner !== null).map((h) => ({ gameSeat: h.owner as number, cards: [...h.cards] })),
    };
    table.result = JSON.stringify(shown);
    this.host.log.info({ tableId: table.id, gameId: game.game.id, ranks: result.ranks }, "table game over");
    // Rated by the accounts that sat down at the start, so getting up before losing does not dodge it.
    void this.record(table, shown, this.runtime(table).accounts ?? []);
    // Bots finished a game everyone had left: the result stays on show, and the chairs are free.
    if (table.seats.every((s) => s.sessionId === "")) for (const seat of table.seats) { seat.bot = false; seat.name = ""; seat.gameSeat = -1; }
  }

  /** Keeps the result (and rates signed-in seats), then shows the rating changes. */
  private async record(table: Table, shown: TableResult, userIds: Array<string | null>): Promise<void> {
    try {
      const seats = await this.host.write(this.host.services.games.record({
        loungeId: this.host.loungeId, gameId: shown.gameId,
        seats: shown.seats.map((s, gameSeat) => ({ gameSeat, userId: userIds[gameSeat] ?? null, name: s.name, bot: s.bot && !userIds[gameSeat], rank: s.rank, score: s.score })),
      }));
      if (table.result !== JSON.stringify(shown)) return; // a rematch began meanwhile
      seats.forEach((s) => { shown.seats[s.gameSeat].ratingBefore = s.ratingBefore; shown.seats[s.gameSeat].ratingAfter = s.ratingAfter; });
      table.result = JSON.stringify(shown);
    } catch (err) {
      this.host.services.metrics.databaseErrors.inc();
      this.host.log.error({ err, tableId: table.id }, "game result not stored");
    }
  }

  /** A game whose own default move breaks its rules cannot go on: end it without a result. */
  private finishBroken(table: Table): void {
    this.resetTable(table, { keepSeats: true });
  }

  /** Back to open: no game, no timers; bots and people stay seated unless `keepSeats` is false. */
  private resetTable(table: Table, { keepSeats }: { keepSeats: boolean }): void {
    this.stopTimers(table);
    this.runtime(table).game = undefined;
    table.phase = "open";
    table.toAct.clear();
    table.turnDeadline = 0;
    table.public = "";
    table.result = "";
    for (const seat of table.seats) {
      seat.private = "";
      seat.gameSeat = -1;
      if (!keepSeats) { seat.bot = false; seat.name = ""; }
    }
  }

  private stopTimers(table: Table): void {
    const runtime = this.runtime(table);
    runtime.turnTimer?.clear();
    runtime.botTimer?.clear();
    runtime.turnTimer = runtime.botTimer = undefined;
  }

  /**
   * For operators' tools and tests, never sent to clients: what is hidden at a table now, and the
   * moves a game seat could make.
   */
  inspect(tableId: string): { hidden: HiddenCards[]; legalMoves(gameSeat: number): MoveBase[] } | undefined {
    const table = this.host.state.tables.get(tableId);
    const game = table && this.runtime(table).game;
    if (!game) return undefined;
    return { hidden: game.hidden(), legalMoves: (gameSeat) => game.legalMoves(gameSeat) };
  }

  // ---- connections -------------------------------------------------------------------------------

  override onDrop(client: Client): void {
    for (const table of this.host.state.tables.values()) {
      const seat = this.seatOf(table, client.sessionId);
      if (seat) seat.connected = false;
    }
  }

  /** Back on the same seat: the new connection gets the seat in its view, and its hand with the next patch. */
  override onReconnect(client: Client): void {
    for (const table of this.host.state.tables.values()) {
      const seat = this.seatOf(table, client.sessionId);
      if (!seat) continue;
      seat.connected = true;
      client.view ??= new StateView();
      client.view.add(seat);
      const game = this.runtime(table).game;
      if (game && seat.gameSeat >= 0 && table.phase === "playing") seat.private = this.privateOf(table, game, seat.gameSeat);
    }
  }

  protected override onLeave(client: Client): void {
    this.limiter.forget(client.sessionId);
    for (const table of this.host.state.tables.values()) this.leaveTable(client.sessionId, table);
  }

  protected override onDispose(): void {
    for (const table of this.host.state.tables.values()) this.stopTimers(table);
  }
}

// Card tables in a lounge, with real clients: sitting, bots, starting, refusals that change nothing,
// a whole game to its result, ratings and the REST routes for games.
import assert from "node:assert/strict";
import { ColyseusSDK } from "@colyseus/sdk";
import { createLounge, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { patchBarrier, refusal, requestPaced, waitFor } from "../support/wait.ts";
import { api, register } from "../support/accounts.ts";
import { testServer } from "../support/server.ts";
import type { LoungeState } from "../../shared/state/lounge-state.ts";
import type { TableResult } from "../../shared/features/tables.ts";

const T = "table-1";

describe("card tables", function () {
  this.timeout(60_000);
  let clients: LoungeClient[] = [];
  afterEach(async () => { await leaveAll(...clients); clients = []; });

  async function people(...names: string[]): Promise<LoungeClient[]> {
    const { id } = await createLounge({ name: "Tables" });
    const out: LoungeClient[] = [];
    for (const name of names) out.push(await join(id, name, "fox"));
    for (const c of out) c.onMessage("*", () => {});
    clients.push(...out);
    return out;
  }

  const table = (c: LoungeClient) => c.state.tables.get(T)!;

  it("lists the map's card tables with a chair per seat, and seats people who sit down", async () => {
    const [ada, bo] = await people("Ada", "Bo");
    assert.deepEqual([...ada.state.tables.keys()].sort(), ["table-1", "table-2"]);
    assert.equal(table(ada).seats.length, 6, "the Lounge map's tables have six chairs");
    const { seat } = await ada.request<unknown, { seat: number }>("table:sit", { tableId: T });
    await waitFor(() => table(bo).seats[seat]?.name === "Ada" || undefined, { what: "Bo to see Ada seated" });
    assert.equal((await refusal(bo.request("table:sit", { tableId: T, seat }))).code, "TABLE_BUSY");
    assert.equal((await refusal(bo.request("table:sit", { tableId: "table-9" }))).code, "NOT_FOUND");
  });

  it("refuses moves out of turn, for a stale version, from someone not seated and against the rules, changing nothing", async () => {
    const [ada, bo, cy] = await people("Ada", "Bo", "Cy");
    await ada.request("table:sit", { tableId: T });
    await bo.request("table:sit", { tableId: T });
    assert.equal((await refusal(cy.request("table:start", { tableId: T }))).code, "FORBIDDEN", "only seated people start");
    await ada.request("table:start", { tableId: T });
    await waitFor(() => (table(cy).phase === "playing" && table(ada).phase === "playing") || undefined, { what: "the game to start" });
    const before = JSON.stringify(table(cy).toJSON());
    const version = table(ada).version;
    const acting = table(ada).toAct[0];
    const [mover, waiter] = table(ada).seats.find((s) => s.gameSeat === acting)!.sessionId === ada.sessionId ? [ada, bo] : [bo, ada];
    const codeOf = async (c: LoungeClient, payload: unknown) => (await refusal(c.request("table:move", payload))).code;
    assert.equal(await codeOf(waiter, { tableId: T, version, move: { type: "draw" } }), "NOT_YOUR_TURN");
    assert.equal(await codeOf(cy, { tableId: T, version, move: { type: "draw" } }), "NOT_YOUR_TURN");
    assert.equal(await codeOf(mover, { tableId: T, version: version - 1, move: { type: "draw" } }), "STALE_VERSION");
    assert.equal(await codeOf(mover, { tableId: T, version, move: { type: "teleport" } }), "INVALID_MESSAGE");
    assert.equal(await codeOf(mover, { tableId: T, version, move: { type: "play", card: "nonsense" } }), "INVALID_MESSAGE");
    const own = JSON.parse(table(mover).seats.find((s) => s.sessionId === mover.sessionId)!.private).view as { hand: string[] };
    const notMine = ["2C", "3D", "4H", "5S", "9C", "JD"].find((c) => !own.hand.includes(c))!;
    assert.equal(await codeOf(mover, { tableId: T, version, move: { type: "play", card: notMine } }), "ILLEGAL_MOVE");
    await patchBarrier(mover, cy);
    assert.equal(JSON.stringify(table(cy).toJSON()), before, "the table others see did not change");
    assert.equal(table(ada).version, version);
  });

  it("plays a game with bots to its end, keeps the result and rates the signed-in players", async function () {
    const ts = await testServer();
    const { id } = await createLounge({ name: "Rated" });
    const accounts = [await register({ displayName: "Ann" }), await register({ displayName: "Ben" })];
    const seated: LoungeClient[] = [];
    for (const account of accounts) {
      const c = await new ColyseusSDK(ts.baseUrl).joinOrCreate<LoungeState>("lounge", { loungeId: id, sessionToken: account.token });
      c.onMessage("*", () => {});
      seated.push(c as LoungeClient);
    }
    clients.push(...seated);
    const [ann, ben] = seated;
    await ann.request("table:sit", { tableId: T });
    await ben.request("table:sit", { tableId: T });
    await ann.request("table:bots", { tableId: T, count: 1 });
    await ann.request("table:start", { tableId: T });
    // The two people play a simple legal strategy from their own view, one move per version.
    for (let i = 0; i < 500 && table(ann).phase !== "over"; i++) {
      const me = await waitFor(() => table(ann).phase === "over" ? ann : [ann, ben].find((c) => {
        const t = table(c);
        const seat = t.seats.find((s) => s.sessionId === c.sessionId);
        return seat && seat.private && t.toAct.includes(seat.gameSeat);
      }), { what: "a person's turn", timeout: 10_000 });
      if (table(ann).phase === "over") break;
      const t = table(me);
      const view = JSON.parse(t.seats.find((s) => s.sessionId === me.sessionId)!.private).view as { hand: string[]; top: string; suit: string; drew: boolean };
      const play = view.hand.find((c) => c.startsWith("8") || c.slice(-1) === view.suit || c.slice(0, -1) === view.top.slice(0, -1));
      const move = play ? { type: "play", card: play, ...(play.startsWith("8") ? { suit: "H" } : {}) } : { type: view.drew ? "pass" : "draw" };
      const version = t.version;
      await requestPaced(me, "table:move", { tableId: T, version, move }); // a draw and a pass may come fast
      await waitFor(() => table(me).version !== version || undefined, { what: "the move to come back" });
    }
    assert.equal(table(ann).phase, "over");
    const result = await waitFor(() => {
      const r = JSON.parse(table(ben).result) as TableResult;
      return r.seats.every((s) => s.bot || s.ratingAfter !== null) ? r : undefined;
    }, { what: "the rating changes to show" });
    assert.equal(result.seats.length, 3);
    assert.equal(result.seats.filter((s) => s.bot).length, 1);
    // Only the two people are rated, against each other: the better placed gains what the other loses.
    const [p, q] = result.seats.filter((x) => !x.bot).map((s) => ({ ...s, delta: (s.ratingAfter as number) - (s.ratingBefore as number) }));
    assert.equal(p.delta + q.delta, 0);
    if (p.rank === q.rank) assert.equal(p.delta, 0);
    else assert.ok((p.rank < q.rank ? p.delta : q.delta) > 0, `${JSON.stringify(result.seats)}`);
    const board = await api<{ entries: Array<{ displayName: string; games: number }> }>("/api/games/crazy-eights/leaderboard");
    assert.equal(board.status, 200);
    for (const name of ["Ann", "Ben"]) assert.equal(board.body.entries.find((e) => e.displayName === name)?.games, 1);
    const mine = await api<{ games: Array<{ gameId: string; seats: unknown[] }> }>("/api/me/games", { cookie: accounts[0].cookie });
    assert.equal(mine.body.games[0]?.gameId, "crazy-eights");
    assert.equal(mine.body.games[0]?.seats.length, 3);
    const list = await api<{ games: Array<{ id: string }> }>("/api/games");
    assert.deepEqual(list.body.games.map((g) => g.id).sort(), ["crazy-eights", "hearts"]);
    assert.equal((await api("/api/games/poker/leaderboard")).status, 404);
    assert.equal((await api("/api/me/games")).status, 401);
  });
});

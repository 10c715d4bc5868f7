// Hidden cards on the wire: every byte each seat, a spectator and a bystander receive over their
// WebSocket during a whole game of Crazy Eights (the join snapshot, every patch and message, a
// reconnect mid-game, the reveal and the game over) is searched for cards that recipient may not
// see at that moment. A hand put in shared state, or a view leaking a card, fails this test.
import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import WebSocket from "ws";
import { createLounge, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { requestPaced, waitFor } from "../support/wait.ts";
import type { TableFeature } from "../../server/features/tables.ts";
import type { HiddenCards, MoveBase } from "../../shared/games/types.ts";
import type { SeatPrivate } from "../../shared/features/tables.ts";
import type { LoungeState } from "../../shared/state/lounge-state.ts";
import type { ErrorPayload } from "../../shared/errors.ts";

/** Every frame every SDK socket of this process receives, by session id (from the socket's URL). */
const frames = new Map<string, Buffer[]>();
/** A reconnecting socket's URL carries the reconnection token instead of the session id. */
const sessionOfToken = new Map<string, string>();
const originalEmit = WebSocket.prototype.emit;

function record(this: WebSocket, event: string | symbol, ...args: unknown[]): boolean {
  // Server-side sockets (same class, this process) have no URL: only clients are recorded.
  if (event === "message" && this.url) {
    const query = new URL(this.url).searchParams;
    const sessionId = query.get("sessionId") ?? sessionOfToken.get(query.get("reconnectionToken") ?? "");
    if (sessionId) {
      const list = frames.get(sessionId) ?? [];
      const data = args[0];
      list.push(Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer));
      frames.set(sessionId, list);
    }
  }
  return originalEmit.call(this, event, ...args);
}

/** The frames a session received since the last call (its snapshot first, on the first call). */
function takeFrames(sessionId: string): string {
  const list = frames.get(sessionId) ?? [];
  frames.set(sessionId, []);
  // Card names travel as UTF-8 inside JSON strings: latin1 keeps every byte one character.
  return Buffer.concat(list).toString("latin1");
}

/** Cards `viewer` (a game seat, or null for everyone else) may not see: a card listed for several seats (one passed in Hearts) is known to each of them. */
function secretFor(hidden: HiddenCards[], viewer: number | null): string[] {
  const known = new Set(hidden.filter((h) => viewer !== null && h.owner === viewer).flatMap((h) => [...h.cards]));
  return hidden.flatMap((h) => [...h.cards]).filter((card) => !known.has(card));
}

function leaks(bytes: string, secret: string[]): string[] {
  return secret.filter((card) => bytes.includes(`"${card}"`));
}

describe("card tables keep hidden cards off the wire", function () {
  this.timeout(120_000);
  let clients: LoungeClient[] = [];
  before(() => { WebSocket.prototype.emit = record; });
  after(() => { WebSocket.prototype.emit = originalEmit; });
  afterEach(async () => { await leaveAll(...clients); clients = []; });

  it("sends no seat, spectator or bystander a card it may not see, through a whole game with a reconnect", async () => {
    const { id } = await createLounge({ name: "Card night" });
    const ada = await join(id, "Ada", "fox");
    const bo = await join(id, "Bo", "cat");
    const cy = await join(id, "Cy", "owl");
    const dee = await join(id, "Dee", "frog");
    clients = [ada, bo, cy, dee];
    for (const c of clients) {
      c.onMessage("*", () => {});
      sessionOfToken.set(c.reconnectionToken.split(":")[1], c.sessionId);
    }
    const room = matchMaker.getLocalRoomById(id) as unknown as { plugins: { tables: TableFeature }; state: LoungeState };
    const tables = room.plugins.tables;

    await ada.request("table:sit", { tableId: "table-1" });
    await bo.request("table:sit", { tableId: "table-1" });
    await cy.request("table:watch", { tableId: "table-1", on: true });
    await ada.request("table:start", { tableId: "table-1" });
    await waitFor(() => ada.state.tables.get("table-1")?.phase === "playing" || undefined, { what: "the game to start" });
    const seatOf = (c: LoungeClient) => ada.state.tables.get("table-1")!.seats.find((s) => s.sessionId === c.sessionId)!.gameSeat;
    const viewers: Array<[LoungeClient, number | null]> = [[ada, seatOf(ada)], [bo, seatOf(bo)], [cy, null], [dee, null]];

    let version = 0;
    let moves = 0;
    let reconnected = false;
    const received = new Map<string, number>();
    for (;;) {
      const table = tables.inspect("table-1");
      // The server's table is the truth; wait until every client holds its version.
      const state = room.state.tables.get("table-1")!;
      await waitFor(() => viewers.every(([c]) => c.state.tables.get("table-1")?.version === state.version && c.state.tables.get("table-1")?.phase === state.phase) || undefined, { what: "every client to hold the server's version" });
      const over = state.phase === "over";
      // Once over, hands are shown to all: only what nobody holds (the draw pile) stays secret.
      const hidden = over ? (table?.hidden ?? []).filter((h) => h.owner === null) : (table?.hidden ?? []);
      for (const [client, viewer] of viewers) {
        const bytes = takeFrames(client.sessionId);
        received.set(client.sessionId, (received.get(client.sessionId) ?? 0) + bytes.length);
        const found = leaks(bytes, secretFor(hidden, viewer));
        assert.deepEqual(found, [], `${client.sessionId} (seat ${viewer}) received hidden cards at version ${state.version}`);
      }
      // Each seat holds its own hand, and nobody else's.
      for (const [client, viewer] of viewers) {
        const mine = client.state.tables.get("table-1")!.seats.find((s) => s.sessionId === client.sessionId);
        if (viewer === null || over) continue;
        assert.ok(mine?.private, `seat ${viewer} has its own view at version ${state.version}`);
        const view = (JSON.parse(mine.private) as SeatPrivate).view;
        const own = hidden.find((h) => h.owner === viewer)?.cards ?? [];
        for (const card of own) assert.ok(JSON.stringify(view).includes(`"${card}"`), `seat ${viewer} sees its own ${card}`);
      }
      if (over) break;
      assert.ok(state.version > version, `every move moves the version on (${version} → ${state.version})`);
      if (!reconnected && moves === 6) {
        // Mid-game, Bo's connection drops and comes back: the new socket's snapshot is checked too.
        bo.reconnection.minUptime = 0;
        const back = new Promise<void>((resolve) => bo.onReconnect(() => resolve()));
        const serverSide = matchMaker.getLocalRoomById(id)?.clients.getById(bo.sessionId);
        (serverSide?.ref as unknown as { terminate(): void }).terminate();
        await back;
        await waitFor(() => bo.state.tables.get("table-1")?.seats.find((s) => s.sessionId === bo.sessionId)?.connected === true, { what: "Bo back at the table" });
        reconnected = true;
        version -= 1;
        continue;
      }
      const acting = [...state.toAct][0];
      const [mover] = viewers.find(([, seat]) => seat === acting)!;
      const move = (table!.legalMoves(acting) as MoveBase[])[0];
      version = state.version;
      // A seat that draws acts again, so one seat may move faster than the tables' rate limit (8 a
      // second after a burst of 20) on a fast machine: paced like a client, and any other refusal
      // says which move it was.
      await requestPaced(mover, "table:move", { tableId: "table-1", version, move }).catch((err: { reason?: ErrorPayload }) => {
        assert.fail(`seat ${acting}'s move ${JSON.stringify(move)} at version ${version} was refused: ${JSON.stringify(err.reason ?? String(err))}`);
      });
      moves++;
      assert.ok(moves < 2000, "the game ends");
    }
    assert.ok(reconnected, "the game lasted past the reconnect");
    for (const [client] of viewers) assert.ok((received.get(client.sessionId) ?? 0) > 1000, `${client.sessionId}'s bytes were captured`);
    const result = JSON.parse(ada.state.tables.get("table-1")!.result);
    assert.equal(result.seats.length, 2);
    assert.deepEqual(result.seats.map((s: { rank: number }) => s.rank).sort(), [1, 2]);
  });
});

// The lounge's patch tick: with a `@view` field in the state (a card hand), the room skips Colyseus'
// scan of every member on a tick where nothing changed (server/rooms/lounge-room.ts,
// setSerializer). Skipping must never cost a change: a StateView that changed on its own (a seat
// added to someone's view, nothing else) still reaches its client, and only that client.
import assert from "node:assert/strict";
import { matchMaker, type Client } from "@colyseus/core";
import { createLounge, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { patchBarrier, waitFor } from "../support/wait.ts";
import type { LoungeRoom } from "../../server/rooms/lounge-room.ts";
import { patchPacer, SLICE_MS } from "../../server/rooms/patch-pacer.ts";
import type { LoungeState } from "../../shared/state/lounge-state.ts";

describe("lounge patch ticks", () => {
  let clients: LoungeClient[] = [];
  afterEach(async () => { await leaveAll(...clients); clients = []; });

  /** A new lounge with Ada and Bo in it. */
  async function adaAndBo() {
    const { id } = await createLounge();
    const ada = await join(id, "Ada", "fox");
    const bo = await join(id, "Bo", "cat");
    clients.push(ada, bo);
    const room = matchMaker.getLocalRoomById(id) as LoungeRoom;
    return { ada, bo, room, state: room.state as LoungeState };
  }

  it("sends nothing while nothing changes, and a change to one member's view alone still reaches that member only", async () => {
    const { ada, bo, room, state } = await adaAndBo();
    const seat = state.tables.get("table-1")!.seats[0];
    // A secret on a seat nobody has in view yet: in the state, sent to no one.
    seat.private = "ada-only";
    // Every patch so far (Bo's arrival, the secret's tick) has reached both: patches come in order,
    // so once each has seen Ada's typing flag go on and off, nothing earlier is still on its way.
    await patchBarrier(ada, bo);
    await waitFor(() => ada.state.players.get(ada.sessionId)?.typing === false || undefined, { what: "Ada to see her own typing flag clear" });
    assert.equal(ada.state.tables.get("table-1")!.seats[0].private, undefined, "nobody has the seat in view yet");

    let adaPatches = 0, boPatches = 0;
    ada.onStateChange(() => { adaPatches++; });
    bo.onStateChange(() => { boPatches++; });
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual([adaPatches, boPatches], [0, 0], "an idle lounge sends no patch");

    // Only Ada's view changes, in a tick where the state does not.
    const adaClient = room.clients.find((c: Client) => c.sessionId === ada.sessionId)!;
    const { StateView } = await import("@colyseus/schema");
    adaClient.view ??= new StateView();
    adaClient.view.add(seat);
    await waitFor(() => ada.state.tables.get("table-1")!.seats[0].private === "ada-only" || undefined, { what: "Ada to receive the seat her view gained" });
    assert.equal(bo.state.tables.get("table-1")!.seats[0].private, undefined, "Bo's view did not change");
    assert.equal(boPatches, 0, "Bo was sent nothing");
  });

  it("sends a seat's secret only to whoever has the seat in view, before anyone has a view, while someone does and after", async () => {
    const { ada, bo, room, state } = await adaAndBo();
    const table = state.tables.get("table-1")!;
    const seen = (c: LoungeClient) => c.state.tables.get("table-1")!.seats[0].private;
    // Nobody has a view (the lounge patches through Colyseus' unfiltered branch): a secret and a
    // public change in the same tick; the public one arrives, the secret does not.
    table.seats[0].private = "secret-1";
    table.seats[0].name = "Chair one";
    await waitFor(() => (seen(ada) === undefined && bo.state.tables.get("table-1")!.seats[0].name === "Chair one") || undefined, { what: "the public change" });
    assert.equal(ada.state.tables.get("table-1")!.seats[0].name, "Chair one");
    assert.deepEqual([seen(ada), seen(bo)], [undefined, undefined], "no view, no secret");

    // Ada sits: her view holds the seat. Later secrets reach her alone.
    await ada.request("table:sit", { tableId: "table-1", seat: 0 });
    table.seats[0].private = "secret-2";
    table.seats[1].name = "Chair two";
    await waitFor(() => (seen(ada) === "secret-2" && bo.state.tables.get("table-1")!.seats[1].name === "Chair two") || undefined, { what: "Ada's secret and Bo's public change" });
    assert.equal(seen(bo), undefined, "Bo has no seat in view");

    // Ada stands up and her view goes (as a feature may drop it): the lounge is back to nobody
    // with a view, and a new secret reaches no one, while public changes still do.
    const adaClient = room.clients.find((c: Client) => c.sessionId === ada.sessionId)!;
    await ada.request("table:stand", { tableId: "table-1" });
    adaClient.view = undefined;
    table.seats[0].private = "secret-3";
    table.seats[1].name = "Chair two again";
    await waitFor(() => (ada.state.tables.get("table-1")!.seats[1].name === "Chair two again" && bo.state.tables.get("table-1")!.seats[1].name === "Chair two again") || undefined, { what: "the last public change" });
    assert.notEqual(seen(ada), "secret-3");
    assert.equal(seen(bo), undefined);
  });

  it("frames a patch once for all the members it goes to, each member's view apart", async () => {
    const { ada, bo, room, state } = await adaAndBo();
    const cy = await join(room.roomId, "Cy", "owl");
    clients.push(cy);
    await patchBarrier(cy, ada);
    // What each member's socket is handed, from here on.
    const written = new Map<string, Buffer[]>();
    const restore: Array<() => void> = [];
    for (const client of room.clients) {
      const socket = (client.ref as unknown as { _socket: { write: (chunk: Buffer) => boolean } })._socket;
      const write = socket.write;
      const chunks: Buffer[] = [];
      written.set(client.sessionId, chunks);
      socket.write = function (this: unknown, chunk: Buffer, ...rest: unknown[]) { chunks.push(chunk); return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest); };
      restore.push(() => { socket.write = write; });
    }
    try {
      const table = state.tables.get("table-1")!;
      const name = (c: LoungeClient) => c.state.tables.get("table-1")!.seats[1].name;
      table.seats[1].name = "Chair for three";
      await waitFor(() => [ada, bo, cy].every((c) => name(c) === "Chair for three") || undefined, { what: "all three to see the change" });
      // The patch as one whole WebSocket frame (header 0x82 and the bytes in one write), not a
      // header and a payload written apart as ws does.
      const text = Buffer.from("Chair for three");
      const frames = [ada, bo, cy].map((c) => written.get(c.sessionId)!.find((f) => f[0] === 0x82 && f.includes(text)));
      assert.ok(frames.every((f) => f !== undefined), "each socket was written the patch as one frame");
      assert.ok(frames[1] === frames[0] && frames[2] === frames[0], "one frame, the same Buffer written to all three");

      // With a view, a member's patch carries its own secret: Bo (sent to between the other two)
      // gets a frame of his own, and neither neighbour gets his.
      await bo.request("table:sit", { tableId: "table-1", seat: 0 });
      table.seats[0].private = "for-bo";
      table.seats[1].name = "Chair, again";
      await waitFor(() => [ada, bo, cy].every((c) => name(c) === "Chair, again") || undefined, { what: "all three to see the second change" });
      assert.equal(bo.state.tables.get("table-1")!.seats[0].private, "for-bo");
      assert.deepEqual([ada, cy].map((c) => c.state.tables.get("table-1")!.seats[0].private), [undefined, undefined], "the others' frames do not carry Bo's secret");
      const secret = Buffer.from("for-bo");
      assert.ok(written.get(bo.sessionId)!.some((f) => f.includes(secret)), "Bo's socket carried it");
      for (const c of [ada, cy]) assert.ok(!written.get(c.sessionId)!.some((f) => f.includes(secret)), "no other socket did");
    } finally {
      for (const r of restore) r();
    }
  });
  it("counts how long a due tick waited behind other lounges' ticks, once per tick run, from the first that came due", async () => {
    const { room } = await adaAndBo();
    const histogram = room.ctx.metrics.patchWaitSeconds;
    /** Observations so far, and how many of them waited over 10 ms. */
    const read = async () => {
      const values = (await histogram.get()).values;
      const count = values.find((v) => v.metricName === "chill_patch_wait_seconds_count")!.value;
      const quick = values.find((v) => v.metricName === "chill_patch_wait_seconds_bucket" && v.labels.le === 0.01)!.value;
      const sum = values.find((v) => v.metricName === "chill_patch_wait_seconds_sum")!.value;
      return { count, slow: count - quick, sum };
    };
    const busy = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end); };
    const before = await read();
    assert.ok(before.count > 0, "the lounge's own ticks are counted");
    // Another lounge's tick takes a whole slice: this lounge's tick, due now, waits for the next.
    patchPacer.tick({}, () => busy(SLICE_MS + 1));
    room.broadcastPatch();
    busy(20);
    // Due again while the first still waits: one tick runs, counted from the first.
    room.broadcastPatch();
    const after = await waitFor(async () => { const r = await read(); return r.slow > before.slow && r; }, { what: "the waiting tick to run and be counted" });
    assert.equal(after.slow - before.slow, 1, "one tick waited over 10 ms");
    assert.ok(after.sum - before.sum >= 0.02, `it waited at least the 20 ms it was held (counted ${((after.sum - before.sum) * 1000).toFixed(1)} ms)`);
  });
});

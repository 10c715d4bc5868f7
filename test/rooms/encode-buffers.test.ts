// Each lounge keeps two encode buffers (its full state, its patches). They start at
// @colyseus/schema's 16 KB and grow with the lounge's state, ahead of need
// (server/rooms/lounge-room.ts, keepEncodeHeadroom): a small lounge keeps 32 KB for them (each
// StateView keeps its own besides), and a big one grows without schema's overflow warning on every
// joiner, which is what Colyseus' own serializer does once a lounge's state passes the buffer. A
// state that outgrows the buffer at once still reaches a seated player whole, with its hand.
import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import { Decoder, Encoder } from "@colyseus/schema";
import { createLounge, dropConnection, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { waitFor } from "../support/wait.ts";
import { ENCODE_HEADROOM, type LoungeRoom } from "../../server/rooms/lounge-room.ts";
import { LoungeState, Player } from "../../shared/state/lounge-state.ts";

interface Buffers {
  fullEncodeBuffer: Uint8Array;
  sharedOffsetCache: { offset: number };
  encoder: { sharedBuffer: Uint8Array };
  getFullState(client: unknown, timing: unknown): unknown;
}

describe("lounge encode buffers", () => {
  let clients: LoungeClient[] = [];
  const warn = console.warn;
  let warnings: string[] = [];
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => { warnings.push(args.map(String).join(" ")); };
  });
  afterEach(async () => {
    console.warn = warn;
    await leaveAll(...clients);
    clients = [];
  });

  it("keeps 32 KB for a small lounge and grows with a big one's state, ahead of every joiner", async () => {
    const { id } = await createLounge({ capacity: 200 });
    clients.push(await join(id, "Ada", "fox"));
    const room = matchMaker.getLocalRoomById(id) as LoungeRoom;
    const serializer = Reflect.get(room, "_serializer") as Buffers;
    assert.equal(serializer.fullEncodeBuffer.byteLength, Encoder.BUFFER_SIZE);
    assert.equal(serializer.encoder.sharedBuffer.byteLength, Encoder.BUFFER_SIZE);
    assert.equal(Encoder.BUFFER_SIZE, 16 * 1024, "schema's default, not one sized for the biggest lounge");

    // The state grows between joins (here: people seated by hand, each about 100 bytes encoded) by
    // less than the headroom, as it does when people join one at a time.
    const state = room.state as LoungeState;
    let seated = 0;
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 40; i++, seated++) {
        state.players.set(`stand-in-${seated}`, new Player({ sessionId: `stand-in-${seated}`, name: `Stand-in ${seated}`, avatar: "cat", x: seated, y: 7, joinedAt: Date.now() }));
      }
      const joiner = await join(id, `Joiner ${round}`, "fox");
      clients.push(joiner);
      await waitFor(() => joiner.state.players.size === state.players.size || undefined, { what: "the joiner to decode everyone" });
      assert.equal(joiner.state.players.get(`stand-in-${seated - 1}`)?.name, `Stand-in ${seated - 1}`);
      const used = serializer.sharedOffsetCache.offset;
      assert.ok(serializer.fullEncodeBuffer.byteLength >= used + ENCODE_HEADROOM, `full-state buffer ${serializer.fullEncodeBuffer.byteLength} B keeps ${ENCODE_HEADROOM} B past ${used} B`);
      assert.ok(serializer.encoder.sharedBuffer.byteLength >= used + ENCODE_HEADROOM, "so does the patch buffer");
    }
    assert.ok(serializer.sharedOffsetCache.offset > Encoder.BUFFER_SIZE, `the state (${serializer.sharedOffsetCache.offset} B) outgrew the first buffer`);
    assert.deepEqual(warnings.filter((w) => /buffer overflow/.test(w)), [], "no joiner made the encoder overflow");
    // Everyone already in sees the stand-ins too (patches through the grown buffer).
    await waitFor(() => clients[0].state.players.size === state.players.size || undefined, { what: "Ada to see everyone" });
  });

  it("gives a seated player who reconnects the whole state and their hand after the state outgrew the buffer at once", async function () {
    this.timeout(30_000);
    const { id } = await createLounge();
    const ada = await join(id, "Ada", "fox");
    const bo = await join(id, "Bo", "cat");
    clients.push(ada, bo);
    ada.reconnection.minUptime = 0;
    await ada.request("table:sit", { tableId: "table-1" });
    await bo.request("table:sit", { tableId: "table-1" });
    await ada.request("table:start", { tableId: "table-1" });
    const room = matchMaker.getLocalRoomById(id) as LoungeRoom;
    const state = room.state as LoungeState;
    const adaSeat = () => state.tables.get("table-1")!.seats.find((s) => s.sessionId === ada.sessionId)!;
    await waitFor(() => (adaSeat().private && ada.state.tables.get("table-1")!.seats.find((s) => s.sessionId === ada.sessionId)?.private) || undefined, { what: "Ada's hand" });
    const serializer = Reflect.get(room, "_serializer") as Buffers;
    const before = serializer.fullEncodeBuffer.byteLength;

    // 300 people's worth of state (about 30 KB) in one go, with no join between: the next full
    // encode overflows its buffer.
    for (let i = 0; i < 300; i++) {
      state.players.set(`stand-in-${i}`, new Player({ sessionId: `stand-in-${i}`, name: `Stand-in ${i}`, avatar: "cat", x: i, y: 7, joinedAt: Date.now() }));
    }
    await waitFor(() => bo.state.players.size === state.players.size || undefined, { what: "Bo to see the stand-ins" });

    // Ada's connection drops; she comes back to her seat and is sent the full state with her view.
    // (Her SDK applies it over the state it kept, so the frame itself is decoded here, afresh.)
    const sent: Uint8Array[] = [];
    const getFullState = serializer.getFullState;
    serializer.getFullState = (client, timing) => {
      const frame = getFullState(client, timing);
      if ((client as { sessionId?: string } | undefined)?.sessionId === ada.sessionId) sent.push(Uint8Array.from(frame as Uint8Array));
      return frame;
    };
    const back = new Promise<void>((resolve) => ada.onReconnect(() => resolve()));
    await dropConnection(ada);
    await back;
    await waitFor(() => sent.length > 0 || undefined, { what: "Ada's full state" });
    const fresh = new LoungeState();
    new Decoder(fresh).decode(sent[0], { offset: 1 });
    assert.equal(fresh.players.size, state.players.size, "every player in the state Ada was sent");
    assert.equal(fresh.players.get("stand-in-299")?.name, "Stand-in 299");
    const hand = fresh.tables.get("table-1")!.seats.find((s) => s.sessionId === ada.sessionId)?.private;
    assert.ok(hand, "her hand came with it");
    assert.equal(hand, adaSeat().private);
    assert.ok(serializer.fullEncodeBuffer.byteLength > before, "the full-state buffer grew");
    assert.ok(serializer.fullEncodeBuffer.byteLength >= serializer.sharedOffsetCache.offset + ENCODE_HEADROOM, "and keeps its headroom");
    // Bo, never reconnected, sees no hand but his own.
    const boSeat = bo.state.tables.get("table-1")!.seats.find((s) => s.sessionId === ada.sessionId);
    assert.equal(boSeat?.private, undefined);
  });
});

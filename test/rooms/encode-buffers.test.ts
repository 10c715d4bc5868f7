// Each lounge keeps two encode buffers (its full state, its patches). They start at
// @colyseus/schema's 16 KB and grow with the lounge's state, ahead of need
// (server/rooms/lounge-room.ts, keepEncodeHeadroom): a small lounge keeps 32 KB in all, and a big
// one grows without schema's overflow warning on every joiner, which is what Colyseus' own
// serializer does once a lounge's state passes the buffer.
import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import { Encoder } from "@colyseus/schema";
import { createLounge, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { waitFor } from "../support/wait.ts";
import { ENCODE_HEADROOM, type LoungeRoom } from "../../server/rooms/lounge-room.ts";
import { Player, type LoungeState } from "../../shared/state/lounge-state.ts";

interface Buffers { fullEncodeBuffer: Uint8Array; sharedOffsetCache: { offset: number }; encoder: { sharedBuffer: Uint8Array } }

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
});

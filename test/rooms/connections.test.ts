// Each connection's server-side object (Colyseus' WebSocketClient) is read on every patch and
// message. Colyseus deletes its send queue field when the joiner confirms its seat, which puts the
// object in V8's dictionary mode (about 600 bytes more per person, and every field a hash lookup);
// a lounge lets the queue go by setting the field to undefined instead (lounge-room.ts,
// confirmJoin). What was queued for the joiner still arrives, after the state.
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { matchMaker } from "@colyseus/core";
import { createLounge, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { testServer } from "../support/server.ts";
import { waitFor } from "../support/wait.ts";
import type { LoungeRoom } from "../../server/rooms/lounge-room.ts";
import type { LoungeState } from "../../shared/state/lounge-state.ts";
import type { ChatRecent } from "../../shared/protocol.ts";

setFlagsFromString("--allow-natives-syntax");
/** V8's own answer: whether an object keeps its fields in fast mode (not a dictionary). */
const hasFastProperties = new Function("o", "return %HasFastProperties(o)") as (o: object) => boolean;

describe("lounge connections", () => {
  let clients: LoungeClient[] = [];
  afterEach(async () => {
    await leaveAll(...clients);
    clients = [];
  });

  it("keeps each joined connection's object in fast mode, its send queue let go", async () => {
    const probe = { a: 1, b: 2, c: 3 };
    assert.equal(hasFastProperties(probe), true);
    delete (probe as Partial<typeof probe>).a;
    assert.equal(hasFastProperties(probe), false, "the probe itself tells dictionary mode apart");

    const { id } = await createLounge();
    const ada = await join(id, "Ada", "fox");
    const bo = await join(id, "Bo", "cat");
    clients.push(ada, bo);
    const room = matchMaker.getLocalRoomById(id) as LoungeRoom;
    assert.equal(room.clients.length, 2);
    for (const client of room.clients) {
      assert.equal(hasFastProperties(client), true, `${client.sessionId}'s connection object is in dictionary mode`);
      assert.equal((client as unknown as { _enqueuedMessages?: unknown[] })._enqueuedMessages, undefined, "nothing is queued for a joined connection");
    }
  });

  it("delivers what was sent to a joiner before it confirmed its seat, after the state", async () => {
    const { id } = await createLounge();
    const ada = await join(id, "Ada", "fox");
    clients.push(ada);
    await ada.request("chat:send", { text: "before you came", nonce: "q" });
    // The recent window goes out in onJoin, before the joiner confirms its seat: it waits in the
    // connection's queue, and goes out right after the full state.
    const ts = await testServer();
    const bo = await ts.colyseus.sdk.joinOrCreate<LoungeState>("lounge", { loungeId: id, name: "Bo", avatar: "cat" });
    clients.push(bo as LoungeClient);
    const heard = await new Promise<{ texts: string[]; playersThen: number }>((resolve) => {
      bo.onMessage("chat:recent", (r: ChatRecent) => resolve({ texts: r.messages.map((m) => m.text), playersThen: bo.state?.players?.size ?? 0 }));
    });
    assert.deepEqual(heard.texts, ["before you came"]);
    assert.equal(heard.playersThen, 2, "the state had arrived, whole, before the queued message");
    const room = matchMaker.getLocalRoomById(id) as LoungeRoom;
    await waitFor(() => room.clients.length === 2, { what: "Bo's seat" });
    assert.equal(hasFastProperties(room.clients.getById(bo.sessionId)!), true);
  });
});

// A reconnection token is a key to a held seat; for a signed-in seat it must come with that
// account's session, or the seat (and its role) would go to whoever got hold of the token.
import assert from "node:assert/strict";
import { ColyseusSDK } from "@colyseus/sdk";
import { matchMaker } from "@colyseus/core";
import { testServer } from "../support/server.ts";
import { createLounge, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { joinWith, leaveCode, register } from "../support/accounts.ts";
import { waitFor } from "../support/wait.ts";
import { LeaveCode } from "../../shared/protocol.ts";

function dropServerSide(room: LoungeClient): void {
  const client = matchMaker.getLocalRoomById(room.roomId)?.clients.getById(room.sessionId);
  (client?.ref as unknown as { terminate(): void }).terminate();
}

describe("reconnecting to a signed-in seat", () => {
  const open: LoungeClient[] = [];
  afterEach(() => leaveAll(...open.splice(0)));

  it("refuses the seat's reconnection token without the account's session: the seat is given up, not taken over", async () => {
    const owner = await register({ displayName: "Owner" });
    const { id } = await createLounge({ name: "Mine" });
    const seat = await joinWith(id, { bearer: owner.token });
    const watcher = await joinWith(id, {}, { name: "Watcher", avatar: "owl" });
    open.push(seat, watcher);
    seat.reconnection.enabled = false;
    const token = seat.reconnectionToken;
    dropServerSide(seat);
    await waitFor(() => watcher.state.players.get(seat.sessionId)?.connected === false || undefined, { what: "the seat held" });

    // Someone else, with the token but no session, tries to take the held seat.
    const { baseUrl } = await testServer();
    const thief = await new ColyseusSDK(baseUrl).reconnect(token).catch((err: unknown) => err);
    if (!(thief instanceof Error)) {
      open.push(thief as LoungeClient);
      assert.equal(await leaveCode(thief as LoungeClient), LeaveCode.NOT_YOUR_SEAT);
    }
    await waitFor(() => !watcher.state.players.has(seat.sessionId) || undefined, { what: "the seat to be given up, not taken over" });
  });

  it("lets the same account back into its seat", async () => {
    const owner = await register({ displayName: "Back" });
    const { id } = await createLounge({ name: "Again" });
    const seat = await joinWith(id, { bearer: owner.token });
    const watcher = await joinWith(id, {}, { name: "Watcher", avatar: "owl" });
    open.push(seat, watcher);
    seat.reconnection.minUptime = 0;
    const back = new Promise<void>((resolve) => seat.onReconnect(() => resolve()));
    dropServerSide(seat);
    await back;
    await waitFor(() => watcher.state.players.get(seat.sessionId)?.connected === true || undefined, { what: "the owner back in the seat" });
    assert.equal(watcher.state.players.get(seat.sessionId)?.name, "Back");
  });
});

import assert from "node:assert/strict";
import { applyLobbyMessage, mergeListings, type LobbyRoomListing } from "../../client/net/lobby.ts";
import type { LoungeDto } from "../../shared/api.ts";

const dto = (id: string, name: string, online = 0): LoungeDto => ({
  id, name, visibility: "public", capacity: 50, mapId: "lounge", kind: "lounge", createdAt: "2026-01-01T00:00:00.000Z", online, ownerId: null, slowModeSeconds: 0,
});
const listing = (roomId: string, clients: number, name = roomId): LobbyRoomListing => ({ roomId, clients, maxClients: 50, metadata: { name, mapId: "lounge", capacity: 50 } });

describe("live lounge list", () => {
  it("follows the lobby's full list, additions, updates and removals", () => {
    const live = new Map<string, LobbyRoomListing>();
    applyLobbyMessage(live, "rooms", [listing("a", 1), listing("b", 2), { bogus: true }]);
    assert.deepEqual([...live.keys()], ["a", "b"]);
    applyLobbyMessage(live, "+", ["a", listing("a", 4)]);
    applyLobbyMessage(live, "+", ["c", listing("c", 1)]);
    applyLobbyMessage(live, "-", "b");
    assert.deepEqual([...live.entries()].map(([id, l]) => [id, l.clients]), [["a", 4], ["c", 1]]);
  });

  it("shows every public lounge with live head counts, busiest first", () => {
    const live = new Map([["b", listing("b", 3)]]);
    const shown = mergeListings([dto("a", "Quiet corner", 7), dto("b", "Dance hall")], live, true);
    assert.deepEqual(shown.map((l) => [l.name, l.online]), [["Dance hall", 3], ["Quiet corner", 0]],
      "a lounge the connected lobby does not list is empty, whatever the older REST count said");
  });

  it("trusts the REST counts while the lobby is not connected", () => {
    assert.equal(mergeListings([dto("a", "Quiet corner", 7)], new Map(), false)[0].online, 7);
  });

  it("adds open lounges the REST list did not know yet, from the lobby's metadata", () => {
    const shown = mergeListings([], new Map([["n", listing("n", 2, "Just opened")]]), true);
    assert.deepEqual(shown, [{ id: "n", name: "Just opened", online: 2, capacity: 50, mapId: "lounge" }]);
  });
});

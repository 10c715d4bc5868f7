// Seat hoarding: matchmaking reserves a seat before the client connects. One address may hold only
// a few such reservations at once, and an unused one lapses after SEAT_RESERVATION_SECONDS.
import assert from "node:assert/strict";
import { serverOnScratchDatabase } from "../support/process.ts";
import { JoinErrorCode } from "../../shared/join-errors.ts";
import { waitFor } from "../support/wait.ts";

describe("seats reserved by matchmaking but never taken", function () {
  this.timeout(60_000);
  // The test stands behind a "proxy" on loopback, so X-Forwarded-For gives each request its address.
  // Reservations last 5 s: long enough that the first two still hold when the third is asked for on
  // a loaded machine, short enough to watch them lapse.
  const running = serverOnScratchDatabase("chill_reservations", { MAX_OPEN_RESERVATIONS: "2", SEAT_RESERVATION_SECONDS: "5", TRUST_PROXY: "loopback" });

  it("lets one address hold only a few at once, and lets an unused one lapse quickly", async () => {
    const url = running.current().url;
    const created = await fetch(`${url}/api/lounges`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Small", capacity: 3 }) });
    const { id } = (await created.json()) as { id: string };
    const reserve = (from: string) => fetch(`${url}/matchmake/joinOrCreate/lounge`, {
      method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": from },
      body: JSON.stringify({ loungeId: id, name: "Hoarder", avatar: "ghost" }),
    });
    assert.equal((await reserve("203.0.113.7")).status, 200);
    assert.equal((await reserve("203.0.113.7")).status, 200);
    const third = await reserve("203.0.113.7");
    assert.equal(third.status, JoinErrorCode.TOO_MANY_RESERVATIONS);
    assert.match(JSON.stringify(await third.json()), /already joining 2 times at once/);
    assert.equal((await reserve("198.51.100.9")).status, 200, "another address is not held up");
    // Unused, the reservations lapse: the hoarder's address may reserve again, and the lounge is not kept full.
    const again = await waitFor(async () => ((await reserve("203.0.113.7")).status === 200) || undefined, { timeout: 20_000, what: "the reservations to lapse" });
    assert.ok(again);
  });
});

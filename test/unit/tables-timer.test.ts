// The table's clock: turn deadlines in server time, default moves when time runs out, bots on
// their own delay. Run in the feature harness, where time moves only when the test says.
import assert from "node:assert/strict";
import { FeatureHarness } from "../../server/testing/feature-harness.ts";
import { TableFeature } from "../../server/features/tables.ts";
import type { Config } from "../../server/config.ts";
import type { FinishedSeat } from "../../server/db/games.ts";

const BOT_DELAY_MS = 800;

async function tableHarness() {
  const recorded: FinishedSeat[][] = [];
  const harness = await FeatureHarness.create({
    features: { tables: new TableFeature() },
    services: {
      config: { TABLE_BOT_DELAY_MS: BOT_DELAY_MS } as Config,
      games: { record: async (g: { seats: FinishedSeat[] }) => { recorded.push(g.seats); return g.seats.map((s) => ({ ...s, ratingBefore: null, ratingAfter: null })); } } as never,
    },
  });
  return { harness, recorded, table: () => harness.state.tables.get("table-1")! };
}

describe("card table timers (feature harness, manual clock)", () => {
  for (const gameId of ["crazy-eights", "hearts"]) {
    it(`finishes a four-seat game of ${gameId} in which one person never acts: each of their turns ends at its deadline`, async () => {
      const { harness, recorded, table } = await tableHarness();
      const idle = await harness.join({ name: "Idle" });
      assert.deepEqual(await harness.send(idle, "table:sit", { tableId: "table-1" }), { ok: true, reply: { seat: 0 } });
      assert.equal((await harness.send(idle, "table:game", { tableId: "table-1", gameId })).ok, true);
      assert.equal((await harness.send(idle, "table:bots", { tableId: "table-1", count: 3 })).ok, true);
      assert.deepEqual(await harness.send(idle, "table:start", { tableId: "table-1" }), { ok: true, reply: { players: 4 } });
      let idleTurns = 0;
      for (let step = 0; step < 20_000 && table().phase === "playing"; step++) {
        const idleSeat = table().seats[0].gameSeat;
        if (!table().toAct.includes(idleSeat)) { harness.clock.advance(BOT_DELAY_MS); continue; }
        // The deadline is in the state, in server time: clients draw the countdown from it.
        const left = table().turnDeadline - harness.clock.now();
        assert.ok(left > 0 && left <= 30_000, `a deadline within the game's 30 s (${left} ms left)`);
        harness.clock.advance(left - 1);
        assert.ok(table().toAct.includes(idleSeat), "still their turn a moment before the deadline");
        const version = table().version;
        harness.clock.advance(1);
        assert.ok(table().version > version, "the default move was played at the deadline");
        idleTurns++;
      }
      assert.equal(table().phase, "over");
      assert.ok(idleTurns > 0);
      assert.equal(recorded.length, 1, "the result was kept once");
      assert.equal(recorded[0].length, 4);
      assert.equal(harness.clock.timers, 0, "no timer left running after the game");
      await harness.dispose();
    });
  }

  it("lets bots finish a game everyone left, then frees the chairs, and rates the account that sat down", async () => {
    const { harness, recorded, table } = await tableHarness();
    const ada = await harness.join({ name: "Ada", userId: "user-ada" });
    const bo = await harness.join({ name: "Bo" });
    await harness.send(ada, "table:sit", { tableId: "table-1" });
    await harness.send(bo, "table:sit", { tableId: "table-1" });
    await harness.send(ada, "table:start", { tableId: "table-1" });
    await harness.send(ada, "table:stand", { tableId: "table-1" });
    await harness.send(bo, "table:stand", { tableId: "table-1" });
    assert.equal(table().phase, "playing", "bots play on for the people who left");
    for (let i = 0; i < 2000 && table().phase === "playing"; i++) harness.clock.advance(BOT_DELAY_MS);
    assert.equal(table().phase, "over");
    assert.ok(table().seats.every((s) => s.sessionId === "" && !s.bot), "the chairs are free again");
    assert.equal(recorded[0].find((s) => s.gameSeat === 0)?.userId, "user-ada", "Ada is rated as the account that sat down");
    assert.deepEqual(await harness.send(bo, "table:sit", { tableId: "table-1" }), { ok: true, reply: { seat: 0 } });
    await harness.dispose();
  });
});

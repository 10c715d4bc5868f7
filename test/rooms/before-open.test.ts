import assert from "node:assert/strict";
import { RoomRegistry, loungeFeatures } from "../../server/rooms/registry.ts";
import { testServer } from "../support/server.ts";

describe("a lounge room before it has opened", () => {
  it("steps none of its features while onCreate still awaits the lounge record (patches tick from the start)", async () => {
    await testServer(); // the process context rooms are made in
    const Room = new RoomRegistry().addLounge({ name: "not-yet-open", features: loungeFeatures });
    const room = new Room() as unknown as { __init(): void; onBeforePatch(): void; setPatchRate(ms: number | null): void; log: unknown };
    room.__init();
    try {
      const errors: unknown[] = [];
      room.log = { error: (...args: unknown[]) => errors.push(args), warn() {}, info() {}, debug() {}, child() { return this; } };
      // Colyseus calls this on its patch timer, which __init starts before onCreate runs.
      room.onBeforePatch();
      assert.deepEqual(errors, [], "no feature failed for want of its host");
    } finally {
      room.setPatchRate(null);
    }
  });
});

import assert from "node:assert/strict";
import { ChatGate } from "../../server/features/chat-gate.ts";
import { Player } from "../../shared/state/lounge-state.ts";
import { FeatureHarness } from "../../server/testing/feature-harness.ts";

/** The gate sees the host contract: the harness's host, on a clock that moves only when told. */
async function fakeRoom() {
  const harness = await FeatureHarness.create({ features: {} });
  return { room: harness.host, state: harness.state, clock: harness.clock };
}

describe("the chat gate (mutes and slow mode)", () => {
  it("ends a timed mute by itself, on the room's clock", async () => {
    const { room, state, clock } = await fakeRoom();
    state.players.set("s1", new Player({ sessionId: "s1", name: "Ada", avatar: "fox", role: "guest", x: 0, y: 0, joinedAt: 0 }));
    const gate = new ChatGate(room);
    try {
      gate.mute("s1", clock.now() + 80);
      assert.equal(state.players.get("s1")?.muted, true);
      assert.ok(gate.check("s1"), "refused while muted");
      clock.advance(79);
      assert.equal(state.players.get("s1")?.muted, true, "still muted just before the end");
      clock.advance(1);
      assert.equal(state.players.get("s1")?.muted, false, "the mute ran out");
      assert.equal(gate.check("s1"), undefined);
    } finally { gate.dispose(); }
  });

  it("keeps an open-ended mute until unmuted, and paces everyone but moderators in slow mode", async () => {
    const { room, state } = await fakeRoom();
    state.players.set("g", new Player({ sessionId: "g", name: "Guest", avatar: "fox", role: "guest", x: 0, y: 0, joinedAt: 0 }));
    state.players.set("m", new Player({ sessionId: "m", name: "Mod", avatar: "owl", role: "moderator", x: 0, y: 0, joinedAt: 0 }));
    const gate = new ChatGate(room);
    try {
      gate.mute("g", null);
      assert.match(JSON.stringify(gate.check("g")), /MUTED/);
      gate.unmute("g");
      assert.equal(gate.check("g"), undefined);
      state.lounge.slowModeSeconds = 30;
      assert.equal(gate.check("g"), undefined, "the first message in slow mode passes");
      assert.match(JSON.stringify(gate.check("g")), /SLOW_MODE/, "the next one must wait");
      for (let i = 0; i < 3; i++) assert.equal(gate.check("m"), undefined, "moderators are not paced");
      gate.slowModeOff();
      state.lounge.slowModeSeconds = 0;
      assert.equal(gate.check("g"), undefined, "slow mode off: no wait");
    } finally { gate.dispose(); }
  });
});

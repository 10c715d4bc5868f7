import assert from "node:assert/strict";
import { Clock } from "@colyseus/core";
import { ChatGate } from "../../server/features/chat-gate.ts";
import { LoungeState, LoungeInfo, Player } from "../../shared/state/lounge-state.ts";
import type { LoungeRoom } from "../../server/rooms/lounge-room.ts";
import { roleOfPlayer } from "../../server/features/moderation.ts";

/** Just what the gate uses of a room: its state, its clock and roles. */
function fakeRoom() {
  const state = new LoungeState();
  state.lounge = new LoungeInfo({ id: "l", name: "L", mapId: "m", capacity: 10, visibility: "public", ownerId: "", slowModeSeconds: 0 });
  const clock = new Clock(true);
  const room = { state, clock, roleOf: (id: string) => roleOfPlayer(state.players.get(id)) } as unknown as LoungeRoom;
  return { room, state, clock };
}

describe("the chat gate (mutes and slow mode)", () => {
  it("ends a timed mute by itself, on the room's clock", async () => {
    const { room, state } = fakeRoom();
    state.players.set("s1", new Player({ sessionId: "s1", name: "Ada", avatar: "fox", role: "guest", x: 0, y: 0, joinedAt: 0 }));
    const gate = new ChatGate(room);
    try {
      gate.mute("s1", Date.now() + 80);
      assert.equal(state.players.get("s1")?.muted, true);
      assert.ok(gate.check("s1"), "refused while muted");
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(state.players.get("s1")?.muted, false, "the mute ran out");
      assert.equal(gate.check("s1"), undefined);
    } finally { gate.dispose(); }
  });

  it("keeps an open-ended mute until unmuted, and paces everyone but moderators in slow mode", () => {
    const { room, state } = fakeRoom();
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

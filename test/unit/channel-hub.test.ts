import assert from "node:assert/strict";
import { LocalPresence } from "@colyseus/core";
import { ChannelHub } from "../../server/rooms/channel-hub.ts";

describe("presence channels shared by a process' lounges", () => {
  it("subscribes once per channel however many lounges listen, reaches each, and leaves with the last", async () => {
    const presence = new LocalPresence();
    const calls: string[] = [];
    const subscribe = presence.subscribe.bind(presence), unsubscribe = presence.unsubscribe.bind(presence);
    presence.subscribe = (channel, cb) => { calls.push(`sub ${channel}`); return subscribe(channel, cb); };
    presence.unsubscribe = (channel, cb) => { calls.push(`unsub ${channel}`); return unsubscribe(channel, cb); };
    const failures: string[] = [];
    const hub = new ChannelHub(presence, (err) => failures.push(String(err)));
    const heard: string[] = [];
    const listeners = Array.from({ length: 50 }, (_, i) => (m: { n: number }) => { if (i === 3) throw new Error("one lounge's bug"); heard.push(`${i}:${m.n}`); });
    await Promise.all(listeners.map((l) => hub.subscribe("chill:profile-changed", l)));
    assert.deepEqual(calls, ["sub chill:profile-changed"], "one subscription for fifty lounges");
    presence.publish("chill:profile-changed", { n: 1 });
    await new Promise((r) => setImmediate(r));
    assert.equal(heard.length, 49, "every other lounge heard it");
    assert.equal(failures.length, 1, "the failing listener was reported, and stopped nobody");
    for (const l of listeners.slice(1)) hub.unsubscribe("chill:profile-changed", l);
    assert.equal(hub.listenerCount("chill:profile-changed"), 1);
    assert.deepEqual(calls, ["sub chill:profile-changed"], "still subscribed for the one left");
    hub.unsubscribe("chill:profile-changed", listeners[0]);
    assert.deepEqual(calls, ["sub chill:profile-changed", "unsub chill:profile-changed"]);
  });
});

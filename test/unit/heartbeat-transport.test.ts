// The WebSocket heartbeat (server/http/heartbeat-transport.ts): every connection pinged once per
// interval, a slice at a time rather than all in one burst, and one that stops answering cut off
// after the same number of unanswered pings as Colyseus' own heartbeat.
import assert from "node:assert/strict";
import WebSocket from "ws";
import { HeartbeatTransport, PING_SLICE_MS, pingRounds } from "../../server/http/heartbeat-transport.ts";

class FakeSocket {
  readyState: number = WebSocket.OPEN;
  pingCount = 0;
  /** The slice (call of the heartbeat) each ping came in. */
  pings: number[] = [];
  terminated = false;
  constructor(private readonly answers: boolean, private readonly sliceNow: () => number = () => 0) {}
  ping(): void {
    this.pings.push(this.sliceNow());
    // A live client's pong resets the count (Colyseus' "pong" handler does that on a real socket).
    if (this.answers) this.pingCount = 0;
  }
  terminate(): void { this.terminated = true; this.readyState = WebSocket.CLOSED; }
}

describe("WebSocket heartbeat", () => {
  it("pings every connection once per round, a slice at a time, and cuts off one that stops answering", () => {
    let slice = 0;
    const now = () => slice;
    const live = Array.from({ length: 200 }, () => new FakeSocket(true, now));
    const silent = new FakeSocket(false, now);
    const clients = new Set<FakeSocket>([...live, silent]);
    const tick = pingRounds(() => clients as unknown as Set<WebSocket>, 10, 2);
    const perSlice: number[] = [];
    for (; slice < 30; slice++) {
      const before = live.reduce((n, s) => n + s.pings.length, 0) + silent.pings.length;
      tick();
      perSlice.push(live.reduce((n, s) => n + s.pings.length, 0) + silent.pings.length - before);
    }
    // Three rounds: each live connection pinged exactly once in each.
    for (const s of live) {
      assert.deepEqual(s.pings.map((at) => Math.floor(at / 10)), [0, 1, 2], "one ping per round");
      assert.equal(s.terminated, false, "a connection that answers stays");
    }
    // Spread: each slice pings its share (201 connections over 10 slices), not all at once as
    // Colyseus' own heartbeat does.
    assert.ok(Math.max(...perSlice.slice(0, 10)) <= 21, `at most ${Math.max(...perSlice)} pings in one slice`);
    assert.ok(perSlice.slice(0, 10).every((n) => n >= 20), `every slice of the first round pings: ${perSlice.slice(0, 10)}`);
    // Two pings unanswered, then cut off at the third round, as Colyseus' pingMaxRetries: 2 does.
    assert.equal(silent.terminated, true, "the silent connection was cut off");
    assert.equal(silent.pings.length, 2);
  });

  it("lets a connection opened during a round wait for the next round", () => {
    const first = new FakeSocket(true);
    const clients = new Set<FakeSocket>([first]);
    const tick = pingRounds(() => clients as unknown as Set<WebSocket>, 4, 2);
    tick();
    const late = new FakeSocket(true);
    clients.add(late);
    for (let i = 1; i < 4; i++) tick();
    assert.equal(late.pings.length, 0);
    for (let i = 0; i < 4; i++) tick();
    assert.equal(late.pings.length, 1);
    assert.equal(first.pings.length, 2);
  });

  it("runs on the transport's timer a slice at a time once it listens", async () => {
    const intervalMs = 10 * PING_SLICE_MS;
    const live = Array.from({ length: 200 }, () => new FakeSocket(true));
    const silent = new FakeSocket(false);
    const transport = new HeartbeatTransport({ noServer: true });
    Reflect.set(transport, "wss", { clients: new Set([...live, silent]) });
    (Reflect.get(transport, "autoTerminateUnresponsiveClients") as (i: number, r: number) => void).call(transport, intervalMs, 2);
    try {
      // After one and a half slices at most two slices have run (an interval timer that ran late
      // does not catch up in a burst): the first round was not one burst.
      await new Promise((r) => setTimeout(r, PING_SLICE_MS * 1.5));
      const early = live.filter((s) => s.pings.length > 0).length;
      assert.ok(early < live.length / 2, `${early} of ${live.length} pinged after ${PING_SLICE_MS * 1.5} ms`);
      // The silent one is cut off at its third round; by then every live one has been pinged.
      const deadline = Date.now() + 20 * intervalMs;
      while (!silent.terminated && Date.now() < deadline) await new Promise((r) => setTimeout(r, PING_SLICE_MS));
      assert.equal(silent.terminated, true, "the silent connection was cut off");
      assert.ok(live.every((s) => s.pings.length >= 2 && !s.terminated), "every live connection pinged each round and kept");
    } finally {
      clearInterval(Reflect.get(transport, "pingInterval") as NodeJS.Timeout);
    }
  });
});

// The WebSocket heartbeat (server/http/heartbeat-transport.ts): every connection pinged once per
// interval, a slice at a time rather than all in one burst, and one that stops answering cut off
// after the same number of unanswered pings as Colyseus' own heartbeat.
import assert from "node:assert/strict";
import WebSocket from "ws";
import { HeartbeatTransport, PING_SLICE_MS } from "../../server/http/heartbeat-transport.ts";

class FakeSocket {
  readyState: number = WebSocket.OPEN;
  pingCount = 0;
  pings: number[] = [];
  terminated = false;
  constructor(private readonly answers: boolean) {}
  ping(): void {
    this.pings.push(Date.now());
    // A live client's pong resets the count (Colyseus' "pong" handler does that on a real socket).
    if (this.answers) setImmediate(() => { this.pingCount = 0; });
  }
  terminate(): void { this.terminated = true; this.readyState = WebSocket.CLOSED; }
}

/** The transport's heartbeat over these sockets, without a server (as WebSocketTransport starts it once listening). */
function heartbeat(sockets: FakeSocket[], intervalMs: number, maxRetries: number): () => void {
  const transport = new HeartbeatTransport({ noServer: true });
  Reflect.set(transport, "wss", { clients: new Set(sockets) });
  (Reflect.get(transport, "autoTerminateUnresponsiveClients") as (i: number, r: number) => void).call(transport, intervalMs, maxRetries);
  return () => clearInterval(Reflect.get(transport, "pingInterval") as NodeJS.Timeout);
}

describe("WebSocket heartbeat", () => {
  it("pings every connection once per interval, a slice at a time, and cuts off one that stops answering", async () => {
    const intervalMs = 10 * PING_SLICE_MS;
    const live = Array.from({ length: 200 }, () => new FakeSocket(true));
    const silent = new FakeSocket(false);
    const stop = heartbeat([...live, silent], intervalMs, 2);
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 3 * intervalMs + PING_SLICE_MS / 2));
    stop();

    // Three rounds: each live connection pinged three times (give or take the round in progress).
    for (const s of live) assert.ok(s.pings.length >= 2 && s.pings.length <= 4, `pinged ${s.pings.length} times in 3 intervals`);
    assert.ok(live.every((s) => !s.terminated), "a connection that answers stays");
    // Spread: the first round's pings fall in many different slices of the interval, none holding
    // more than its share (Colyseus' own heartbeat pings all 201 at the same moment).
    const firstRound = live.map((s) => Math.floor((s.pings[0] - started) / PING_SLICE_MS));
    const perSlice = new Map<number, number>();
    for (const slot of firstRound) perSlice.set(slot, (perSlice.get(slot) ?? 0) + 1);
    assert.ok(perSlice.size >= 8, `pings in ${perSlice.size} slices of ${intervalMs / PING_SLICE_MS}`);
    assert.ok(Math.max(...perSlice.values()) <= 40, `at most ${Math.max(...perSlice.values())} pings at once`);
    // Two pings unanswered, then cut off at the third round, as Colyseus' pingMaxRetries: 2 does.
    assert.equal(silent.terminated, true, "the silent connection was cut off");
    assert.equal(silent.pings.length, 2);
  });
});

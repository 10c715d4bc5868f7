import assert from "node:assert/strict";
import net from "node:net";
import { matchMaker } from "@colyseus/core";
import { testServer } from "../support/server.ts";
import { createLounge, join, leaveAll } from "../support/lounges.ts";

async function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  const { baseUrl } = await testServer();
  const res = await fetch(`${baseUrl}${path}`, {
    method: "POST", body, headers: { "content-type": "application/json", ...headers },
    // Needed for a streamed (chunked) body.
    duplex: "half",
  } as RequestInit);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe("request size and time limits", () => {
  it("refuses a 2 MB matchmaking body with 413 and reserves nothing", async () => {
    const lounge = await createLounge();
    const options = { loungeId: lounge.id, name: "Big", avatar: "fox", padding: "x".repeat(2 * 1024 * 1024) };
    const res = await post("/matchmake/joinOrCreate/lounge", JSON.stringify(options));
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, "TOO_LARGE");
    assert.deepEqual(await matchMaker.query({ name: "lounge", roomId: lounge.id }), [], "no room was opened and no seat reserved");
    // An ordinary join still works.
    const room = await join(lounge.id, "Small");
    assert.equal(room.state.players.get(room.sessionId)?.name, "Small");
    await leaveAll(room);
  });

  it("asks for a Content-Length instead of reading a chunked matchmaking body", async () => {
    const lounge = await createLounge();
    const chunks = [JSON.stringify({ loungeId: lounge.id, name: "Chunky", avatar: "fox" })];
    const stream = new ReadableStream({ pull(c) { const next = chunks.shift(); if (next) c.enqueue(new TextEncoder().encode(next)); else c.close(); } });
    const res = await post("/matchmake/joinOrCreate/lounge", stream);
    assert.equal(res.status, 411);
    assert.equal(res.body.error.code, "LENGTH_REQUIRED");
    assert.deepEqual(await matchMaker.query({ name: "lounge", roomId: lounge.id }), []);
  });

  it("refuses an oversized API body with a JSON 413", async () => {
    const res = await post("/api/lounges", JSON.stringify({ name: "x", padding: "y".repeat(100_000) }));
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, "TOO_LARGE");
  });

  it("hangs up on a client that never finishes its request headers", async function () {
    this.timeout(30_000);
    const { port, lounge } = await testServer();
    const limitMs = lounge.config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000;
    const socket = net.connect({ host: "127.0.0.1", port });
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const started = Date.now();
    socket.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    let answer = "";
    socket.on("data", (d) => { answer += d.toString(); });
    await new Promise<void>((resolve) => socket.once("close", () => resolve()));
    const openMs = Date.now() - started;
    // Node checks timeouts once a second (connectionsCheckingInterval); a busy machine adds more.
    // Without the limit the socket would stay open until the test's own timeout.
    assert.ok(openMs < limitMs + 10_000, `the socket stayed open ${openMs} ms (limit ${limitMs} ms)`);
    assert.match(answer, /^HTTP\/1\.1 408/);
  });
});

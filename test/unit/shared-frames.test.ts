// One frame made once and written to many connections (server/rooms/shared-frames.ts): what a
// WebSocket client receives must be exactly what `ws.send` would have delivered, in the same order,
// whatever the size, and a frame must never carry stale bytes.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";
import { binaryFrame, FrameCache, writeSharedFrame } from "../../server/rooms/shared-frames.ts";

/** A server and one client connected to it; `received` collects what the client gets. */
async function connected(perMessageDeflate = false) {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const serverSide = new Promise<WebSocket>((resolve) => server.once("connection", resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate });
  const received: Buffer[] = [];
  client.on("message", (data, isBinary) => { assert.ok(isBinary, "a binary message"); received.push(data as Buffer); });
  await new Promise((resolve) => client.once("open", resolve));
  const ws = await serverSide;
  const close = async () => { client.terminate(); await new Promise((resolve) => server.close(resolve)); };
  return { ws, client, received, close };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const bytes = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);

describe("shared frames", () => {
  it("frames a message as the WebSocket protocol says, for each length encoding", () => {
    assert.deepEqual([...binaryFrame(new Uint8Array([7, 8, 9]))], [0x82, 3, 7, 8, 9]);
    assert.deepEqual([...binaryFrame(bytes(125, 1)).subarray(0, 2)], [0x82, 125]);
    assert.deepEqual([...binaryFrame(bytes(126, 1)).subarray(0, 4)], [0x82, 126, 0, 126]);
    assert.deepEqual([...binaryFrame(bytes(65535, 1)).subarray(0, 4)], [0x82, 126, 0xff, 0xff]);
    assert.deepEqual([...binaryFrame(bytes(65536, 1)).subarray(0, 10)], [0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
    assert.equal(binaryFrame(bytes(65536, 1)).length, 65536 + 10);
    assert.deepEqual([...binaryFrame(new Uint8Array(0))], [0x82, 0]);
  });

  it("reuses a frame for the same bytes only, even when the array that carried them was overwritten", () => {
    const cache = new FrameCache();
    const shared = Uint8Array.from([1, 2, 3]);
    const first = cache.frameOf(shared);
    assert.equal(cache.frameOf(Uint8Array.from([1, 2, 3])), first, "the same bytes in another array: the same frame");
    shared[2] = 4; // Colyseus encodes the next patch into the buffer it used before
    const second = cache.frameOf(shared);
    assert.notEqual(second, first);
    assert.deepEqual([...second], [0x82, 3, 1, 2, 4]);
    assert.deepEqual([...first], [0x82, 3, 1, 2, 3], "a frame already handed out is never changed");
    assert.equal(cache.frameOf(Uint8Array.from([1, 2])).length, 4, "a shorter message is framed anew");
    assert.deepEqual([cache.made, cache.reused], [3, 1]);
  });

  it("delivers every size intact and in order with what ws.send sends on the same connection", async () => {
    const { ws, received, close } = await connected();
    try {
      const sizes = [0, 1, 125, 126, 1000, 65535, 65536, 70_000];
      const expected: Buffer[] = [];
      for (const [i, size] of sizes.entries()) {
        const data = bytes(size, i);
        if (i % 2 === 0) assert.equal(writeSharedFrame(ws, data), true, `size ${size} written directly`);
        else ws.send(data, { binary: true });
        expected.push(Buffer.from(data));
      }
      await until(() => received.length === expected.length, "every message");
      received.forEach((got, i) => assert.ok(got.equals(expected[i]), `message ${i} (${sizes[i]} bytes) arrived as sent`));
    } finally {
      await close();
    }
  });

  it("leaves a frame to ws while ws still holds one back, so the order on the connection is kept", async () => {
    const { ws, received, close } = await connected();
    try {
      // ws reads a Blob before sending it: meanwhile its sender queues what follows.
      ws.send(new Blob([Uint8Array.from([1, 1, 1])]));
      const second = Uint8Array.from([2, 2]);
      assert.equal(writeSharedFrame(ws, second), false, "not written past the Blob ws is still reading");
      ws.send(second, { binary: true });
      await until(() => received.length === 2, "both messages");
      assert.deepEqual(received.map((b) => [...b]), [[1, 1, 1], [2, 2]]);
      assert.equal(writeSharedFrame(ws, Uint8Array.from([3])), true, "idle again: written directly");
      await until(() => received.length === 3, "the third message");
    } finally {
      await close();
    }
  });

  it("leaves the sending to ws when the connection compresses or is closing, and for anything but a ws connection", async () => {
    const deflating = await connected(true);
    try {
      assert.notEqual(deflating.ws.extensions, "", "permessage-deflate was negotiated");
      assert.equal(writeSharedFrame(deflating.ws, bytes(10, 0)), false);
    } finally {
      await deflating.close();
    }
    const plain = await connected();
    try {
      plain.ws.close();
      assert.equal(writeSharedFrame(plain.ws, bytes(10, 0)), false, "closing: ws keeps count of what is sent after close");
    } finally {
      await plain.close();
    }
    assert.equal(writeSharedFrame({ send() {} }, bytes(10, 0)), false);
  });
});

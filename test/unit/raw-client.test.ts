// The bench's receive-only client speaks WebSocket itself (bench/raw-client.ts): its frame reader
// must count every frame of a stream however the socket splits it, and see each frame's first
// bytes; its own frames must be ones a WebSocket server accepts.
import assert from "node:assert/strict";
import { once } from "node:events";
import { WebSocketServer } from "ws";
import { FrameReader, clientFrame, openWebSocket } from "../../bench/raw-client.ts";

/** A server's frame (unmasked), as `ws` writes it. */
function serverFrame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : n < 65_536 ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 0xff]) : Buffer.concat([Buffer.from([0x80 | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(n)); return b; })()]);
  return Buffer.concat([head, payload]);
}

const payload = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff));

describe("bench raw client", () => {
  const frames = [
    [0x2, payload(5, 1)], [0x2, payload(0, 0)], [0x9, payload(3, 9)], [0x2, payload(200, 2)],
    [0x2, payload(70_000, 3)], [0x1, payload(125, 4)], [0x8, Buffer.from([0x03, 0xe8, 0x68, 0x69])],
  ] as const;
  const stream = Buffer.concat(frames.map(([op, p]) => serverFrame(op, p)));
  const expected = frames.map(([op, p]) => [op, p.length, p.subarray(0, op >= 0x8 ? p.length : 128).toString("hex")]);

  for (const size of [1, 2, 3, 7, 126, 1000, 65_536, stream.length]) {
    it(`reads every frame's opcode, length and first bytes from chunks of ${size} bytes`, () => {
      const seen: Array<[number, number, string]> = [];
      const reader = new FrameReader((op, length, first) => seen.push([op, length, first.toString("hex")]));
      // Each chunk in one buffer that the next read overwrites, as the client's shared read buffer is.
      const scratch = Buffer.alloc(size);
      for (let at = 0; at < stream.length; at += size) {
        const n = stream.copy(scratch, 0, at, at + size);
        reader.push(scratch.subarray(0, n));
        scratch.fill(0xaa);
      }
      assert.deepEqual(seen, expected);
    });
  }

  /** A TCP server that answers a WebSocket upgrade with `answer` (or closes on it when null). */
  async function upgradeServer(answer: Buffer | null) {
    const { default: net } = await import("node:net");
    const server = net.createServer((socket) => {
      socket.once("data", () => { if (answer) socket.write(answer); else socket.destroy(); });
      socket.on("error", () => {});
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return { url: new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}/p/r?sessionId=s`), close: () => server.close() };
  }

  it("hands over frames that came in the same read as the upgrade's answer", async () => {
    const frame = serverFrame(0x2, payload(40, 8));
    const { url, close } = await upgradeServer(Buffer.concat([Buffer.from("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"), frame]));
    try {
      const got: Buffer[] = [];
      const socket = await openWebSocket(url, (chunk) => got.push(Buffer.from(chunk)), 5000);
      const deadline = Date.now() + 5000;
      while (Buffer.concat(got).length < frame.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.equal(Buffer.concat(got).toString("hex"), frame.toString("hex"));
      socket.destroy();
    } finally {
      close();
    }
  });

  it("says why an upgrade failed: refused, or the connection closed before an answer", async () => {
    const refused = await upgradeServer(Buffer.from("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
    try {
      await assert.rejects(openWebSocket(refused.url, () => {}, 5000), /answered "HTTP\/1\.1 400 Bad Request"/);
    } finally {
      refused.close();
    }
    const hungUp = await upgradeServer(null);
    try {
      await assert.rejects(openWebSocket(hungUp.url, () => {}, 5000), /closed the connection during the WebSocket upgrade/);
    } finally {
      hungUp.close();
    }
  });

  it("sends frames a WebSocket server decodes: short, 16-bit and 64-bit lengths", async () => {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await once(wss, "listening");
    try {
      const { port } = wss.address() as { port: number };
      const received: Buffer[] = [];
      let pongs = 0;
      wss.on("connection", (ws) => {
        ws.on("message", (data: Buffer) => received.push(data));
        ws.on("pong", () => pongs++);
      });
      const { default: net } = await import("node:net");
      const socket = net.connect(port, "127.0.0.1");
      await once(socket, "connect");
      socket.write(`GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      await once(socket, "data");
      const sent = [payload(10, 5), payload(300, 6), payload(70_000, 7)];
      for (const p of sent) socket.write(clientFrame(0x2, p));
      socket.write(clientFrame(0xa, Buffer.alloc(0)));
      const deadline = Date.now() + 5000;
      while ((received.length < sent.length || pongs < 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(received.map((b) => b.toString("hex")), sent.map((b) => b.toString("hex")));
      assert.equal(pongs, 1);
      socket.destroy();
    } finally {
      wss.close();
    }
  });
});

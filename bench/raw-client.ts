// A receive-only bench client that does not decode: it takes a seat the way @colyseus/sdk does
// (POST /matchmake/joinOrCreate/<room>, then a WebSocket to /<processId>/<roomId>?sessionId=…,
// acknowledging JOIN_ROOM), then only counts the frames it receives. It can still send a message or
// a request, encoded as the SDK encodes them, and tells a request's answer apart (ok or refused)
// from the first bytes of the reply. Thousands of these cost the load generator little: the
// WebSocket is spoken here on a plain TCP socket that reads into one buffer for the whole process
// (FrameReader reads each frame's header and first bytes and skips the rest), without a WebSocket
// library's receiver or stream events, and without a buffer made per read (only the start of a
// frame cut off at a read's end is copied).
import net, { type Socket } from "node:net";
import { randomBytes } from "node:crypto";
import { encode, decode, type Iterator } from "@colyseus/schema";
import { Protocol } from "@colyseus/sdk";
import { pack } from "msgpackr";
import { wsFrame } from "../server/rooms/shared-frames.ts";

const JOIN_TIMEOUT_MS = 30_000;
/** ResponseStatus.OK in @colyseus/shared-types: the reply of a request that was not refused. */
const RESPONSE_OK = 0;

export interface SeatReservation { name: string; sessionId: string; roomId: string; processId: string; publicAddress?: string }

/** Frame header of a message (`ROOM_DATA`) or request (`ROOM_REQUEST`), as the SDK's Room writes it. */
export function encodeMessage(type: string, payload: unknown, requestId?: number): Buffer {
  const head = new Uint8Array(8 + type.length * 3);
  const it: Iterator = { offset: 1 };
  if (requestId === undefined) head[0] = Protocol.ROOM_DATA;
  else {
    head[0] = Protocol.ROOM_REQUEST;
    encode.number(head, requestId, it);
  }
  encode.string(head, type, it);
  return Buffer.concat([head.subarray(0, it.offset), pack(payload)]);
}

export async function reserveSeat(httpUrl: string, roomName: string, options: Record<string, unknown>): Promise<SeatReservation> {
  const res = await fetch(`${httpUrl}/matchmake/joinOrCreate/${roomName}`, {
    method: "POST", headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify(options), signal: AbortSignal.timeout(JOIN_TIMEOUT_MS),
  });
  const body = await res.json().catch(() => undefined) as Partial<SeatReservation> & { error?: unknown; code?: unknown } | undefined;
  if (!res.ok || !body?.sessionId || !body.roomId) {
    throw new Error(`matchmaking answered ${res.status}: ${typeof body?.error === "string" ? body.error : JSON.stringify(body)?.slice(0, 120)}`);
  }
  return body as SeatReservation;
}

/** WebSocket opcodes (RFC 6455 §5.2). */
const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;
/** Payload bytes FrameReader hands over of a data frame: a protocol code, a request id, an error's words. */
const PEEK = 128;

/** The most bytes FrameReader needs to see of a frame at once: the longest header and PEEK bytes. */
const FRAME_START = 14 + PEEK;

/**
 * Reads WebSocket frames from a server (unmasked) out of a socket's chunks, however they are split:
 * calls `onFrame` with each frame's opcode, payload length and first bytes (a control frame's whole
 * payload, at most 125 bytes; PEEK bytes of a data frame), and skips the rest of the payload.
 * `first` is only valid during the call; a chunk is not kept after `push` returns (the start of a
 * frame cut off at a chunk's end is copied, at most FRAME_START bytes).
 */
export class FrameReader {
  private pending: Buffer | undefined;
  /** Payload bytes of the current frame still to skip. */
  private skip = 0;

  constructor(private readonly onFrame: (opcode: number, length: number, first: Buffer) => void) {}

  push(chunk: Buffer): void {
    let off = 0;
    if (this.pending) {
      // The frame cut off by the last chunk: its start joined with enough of this one to read it.
      const take = Math.min(chunk.length, FRAME_START);
      const joined = Buffer.concat([this.pending, chunk.subarray(0, take)]);
      const end = this.read(joined, 0);
      if (end < 0) {
        this.pending = joined; // (still short: then this chunk was shorter than FRAME_START)
        return;
      }
      this.pending = undefined;
      off = end - (joined.length - take);
    }
    for (;;) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - off);
        this.skip -= n;
        off += n;
        if (this.skip > 0) return;
      }
      if (off >= chunk.length) return;
      const end = this.read(chunk, off);
      if (end < 0) {
        this.pending = Buffer.from(chunk.subarray(off));
        return;
      }
      off = end;
    }
  }

  /**
   * Reads the frame starting at `off`: -1 if its header and first bytes are not all in `buf`;
   * otherwise hands them over, takes as much of its payload as `buf` holds (the rest is left to
   * `skip`) and returns where it ends in `buf`.
   */
  private read(buf: Buffer, off: number): number {
    const avail = buf.length - off;
    if (avail < 2) return -1;
    const opcode = buf[off] & 0x0f;
    let length = buf[off + 1] & 0x7f;
    let head = 2;
    if (length === 126) {
      if (avail < 4) return -1;
      length = buf.readUInt16BE(off + 2);
      head = 4;
    } else if (length === 127) {
      if (avail < 10) return -1;
      length = Number(buf.readBigUInt64BE(off + 2));
      head = 10;
    }
    if (buf[off + 1] & 0x80) head += 4; // a masked frame (never from a server): its key is skipped, not applied
    const want = Math.min(length, PEEK); // (a control frame's payload is at most 125 bytes)
    if (avail < head + want) return -1;
    this.onFrame(opcode, length, buf.subarray(off + head, off + head + want));
    const rest = length - want;
    const here = Math.min(rest, avail - head - want);
    this.skip = rest - here;
    return off + head + want + here;
  }
}

/**
 * A client frame: FIN, `opcode`, masked as RFC 6455 requires of clients, with an all-zero key, so
 * the payload goes as it is (the server unmasks without judging the key).
 */
export function clientFrame(opcode: number, payload: Uint8Array): Buffer {
  return wsFrame(payload, opcode, true);
}

/**
 * Where every raw socket of this process reads into (`net` socket's `onread`): no buffer made per
 * read and no stream events; a chunk is only valid during its callback (FrameReader copies what it
 * keeps).
 */
const READ_BUFFER = Buffer.alloc(64 * 1024);

/**
 * Opens a WebSocket to `url` on a plain TCP socket: writes the HTTP upgrade, waits for "101", then
 * hands every byte after the handshake to `onBytes`. Rejects with the status line otherwise.
 */
export function openWebSocket(url: URL, onBytes: (chunk: Buffer) => void, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    let head: Buffer | undefined = Buffer.alloc(0);
    const timer = setTimeout(() => fail(new Error(`no answer to the WebSocket upgrade within ${timeoutMs / 1000} s`)), timeoutMs);
    const fail = (err: Error) => { clearTimeout(timer); head = undefined; socket.destroy(); reject(err); };
    const socket = net.connect({
      host: url.hostname, port: Number(url.port || 80), noDelay: true,
      onread: {
        buffer: READ_BUFFER,
        // (Returning false would pause the socket.)
        callback: (n: number, buf: Uint8Array): boolean => {
          const chunk = (buf as Buffer).subarray(0, n);
          if (head === undefined) { onBytes(chunk); return true; }
          head = Buffer.concat([head, chunk]);
          const end = head.indexOf("\r\n\r\n");
          if (end < 0) return true;
          const status = head.subarray(0, head.indexOf("\r\n")).toString("latin1");
          if (!/^HTTP\/1\.1 101 /.test(status)) { fail(new Error(`the WebSocket upgrade was answered "${status}"`)); return true; }
          const rest = head.subarray(end + 4);
          head = undefined;
          clearTimeout(timer);
          resolve(socket);
          if (rest.length > 0) onBytes(rest);
          return true;
        },
      },
    });
    socket.once("error", (err) => { if (head !== undefined) fail(err); });
    socket.once("close", () => { if (head !== undefined) fail(new Error("the server closed the connection during the WebSocket upgrade")); });
    socket.once("connect", () => {
      socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n`
        + `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
  });
}

export class RawClient {
  /** Frames and bytes received since the last reset (the JOIN_ROOM and first state included before it). */
  frames = 0;
  bytes = 0;
  /** Of those, the state patches (ROOM_STATE_PATCH); the rest are messages (chat, acks…). */
  patchFrames = 0;
  patchBytes = 0;
  closed: { code: number; reason: string; at: number } | undefined;
  private nextRequestId = 1;
  private readonly pending = new Map<number, (ok: boolean) => void>();
  private joined: { resolve(): void; reject(err: Error): void } | undefined;
  /** Set by close(): the connection's end is the bench's own doing, not a disconnect. */
  private leaving = false;

  private constructor(readonly sessionId: string, private readonly socket: Socket) {}

  /** Takes a seat in `roomName` and resolves once the server has sent JOIN_ROOM (acknowledged). */
  static async join(httpUrl: string, roomName: string, options: Record<string, unknown>): Promise<RawClient> {
    const seat = await reserveSeat(httpUrl, roomName, options);
    const base = seat.publicAddress ? `http://${seat.publicAddress}` : httpUrl;
    let client: RawClient | undefined;
    const early: Buffer[] = [];
    const reader = new FrameReader((opcode, length, first) => client?.onFrame(opcode, length, first));
    // Frames can follow the handshake in its own chunk, before the client exists: kept until then.
    const socket = await openWebSocket(new URL(`${base}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`), (chunk) => {
      if (client) reader.push(chunk);
      else early.push(Buffer.from(chunk));
    }, JOIN_TIMEOUT_MS);
    client = new RawClient(seat.sessionId, socket);
    const joined = new Promise<void>((resolve, reject) => { client!.joined = { resolve, reject }; });
    const timer = setTimeout(() => client!.fail(new Error("no JOIN_ROOM within 30 s")), JOIN_TIMEOUT_MS);
    socket.on("error", () => {});
    socket.on("close", () => client!.onClose(1006, ""));
    for (const chunk of early) reader.push(chunk);
    try {
      await joined;
    } finally {
      clearTimeout(timer);
    }
    return client;
  }

  private onFrame(opcode: number, length: number, first: Buffer): void {
    if (opcode === Opcode.ping) { this.write(Opcode.pong, first); return; }
    if (opcode === Opcode.close) {
      const code = first.length >= 2 ? first.readUInt16BE(0) : 1005;
      this.onClose(code, first.subarray(2).toString("utf8"));
      if (this.socket.writable) this.socket.end(clientFrame(Opcode.close, first.subarray(0, 2)));
      return;
    }
    if (opcode !== Opcode.binary && opcode !== Opcode.text) return;
    this.frames++;
    this.bytes += length;
    const code = first[0] & 0x1f;
    if (code === Protocol.ROOM_STATE_PATCH) { this.patchFrames++; this.patchBytes += length; }
    if (code === Protocol.JOIN_ROOM && this.joined) {
      this.write(Opcode.binary, Uint8Array.of(Protocol.JOIN_ROOM));
      this.joined.resolve();
      this.joined = undefined;
    } else if (code === Protocol.ERROR && this.joined) {
      this.fail(new Error(`the room refused the seat: ${first.subarray(1).toString("utf8").replace(/[^\x20-\x7e]/g, "").slice(0, 120)}`));
    } else if (code === Protocol.ROOM_RESPONSE && this.pending.size > 0) {
      const it: Iterator = { offset: 1 };
      const id = decode.number(first, it);
      const settle = this.pending.get(id);
      this.pending.delete(id);
      settle?.(first[it.offset] === RESPONSE_OK);
    }
  }

  private onClose(code: number, reason: string): void {
    if (this.closed || this.leaving) return;
    this.closed = { code, reason, at: Date.now() };
    this.fail(new Error(`closed before joining (${code})`));
  }

  /** Ends a join under way with `err` (and the connection). */
  private fail(err: Error): void {
    if (!this.joined) return;
    this.joined.reject(err);
    this.joined = undefined;
    this.socket.destroy();
  }

  private write(opcode: number, payload: Uint8Array): void {
    if (this.open) this.socket.write(clientFrame(opcode, payload));
  }

  get open(): boolean { return !this.closed && !this.leaving && this.socket.writable; }

  resetCounts(): void {
    this.frames = 0;
    this.bytes = 0;
    this.patchFrames = 0;
    this.patchBytes = 0;
  }

  send(type: string, payload: unknown): void {
    this.write(Opcode.binary, encodeMessage(type, payload));
  }

  /** A request: `onReply(true)` when answered, `onReply(false)` when refused or rejected. */
  request(type: string, payload: unknown, onReply: (ok: boolean) => void): void {
    if (!this.open) return onReply(false);
    const id = this.nextRequestId++;
    this.pending.set(id, onReply);
    this.write(Opcode.binary, encodeMessage(type, payload, id));
  }

  /** Requests still unanswered; they count as not acknowledged. */
  get unanswered(): number { return this.pending.size; }

  /** Closes with 1000 (normal); a close the bench asked for is not a disconnect. */
  close(): void {
    if (!this.open) return;
    this.write(Opcode.close, Uint8Array.of(0x03, 0xe8));
    this.leaving = true;
    this.socket.end();
  }
}

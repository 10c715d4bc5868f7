// A receive-only bench client that does not decode: it takes a seat the way @colyseus/sdk does
// (POST /matchmake/joinOrCreate/<room>, then a WebSocket to /<processId>/<roomId>?sessionId=…,
// acknowledging JOIN_ROOM), then only counts the frames it receives. It can still send a message or
// a request, encoded as the SDK encodes them, and tells a request's answer apart (ok or refused)
// from the first bytes of the reply. Thousands of these cost the load generator little.
import WebSocket from "ws";
import { encode, decode, type Iterator } from "@colyseus/schema";
import { Protocol } from "@colyseus/sdk";
import { pack } from "msgpackr";

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

  private constructor(readonly sessionId: string, private readonly socket: WebSocket) {}

  /** Takes a seat in `roomName` and resolves once the server has sent JOIN_ROOM (acknowledged). */
  static async join(httpUrl: string, roomName: string, options: Record<string, unknown>): Promise<RawClient> {
    const seat = await reserveSeat(httpUrl, roomName, options);
    const base = seat.publicAddress ? `ws://${seat.publicAddress}` : httpUrl.replace(/^http/, "ws");
    const socket = new WebSocket(`${base}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`, { perMessageDeflate: false, skipUTF8Validation: true });
    const client = new RawClient(seat.sessionId, socket);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { socket.terminate(); reject(new Error("no JOIN_ROOM within 30 s")); }, JOIN_TIMEOUT_MS);
      socket.once("error", (err) => { clearTimeout(timer); reject(err); });
      socket.once("close", (code) => { clearTimeout(timer); reject(new Error(`closed before joining (${code})`)); });
      socket.on("message", (data: Buffer) => {
        client.frames++;
        client.bytes += data.length;
        const code = data[0] & 0x1f;
        if (code === Protocol.ROOM_STATE_PATCH) { client.patchFrames++; client.patchBytes += data.length; }
        if (code === Protocol.JOIN_ROOM) {
          clearTimeout(timer);
          socket.send(Uint8Array.of(Protocol.JOIN_ROOM));
          socket.removeAllListeners("close");
          socket.removeAllListeners("error");
          socket.on("error", () => {});
          socket.on("close", (closeCode, reason) => { client.closed = { code: closeCode, reason: reason.toString(), at: Date.now() }; });
          resolve();
        } else if (code === Protocol.ERROR) {
          clearTimeout(timer);
          reject(new Error(`the room refused the seat: ${data.subarray(1).toString("utf8").replace(/[^\x20-\x7e]/g, "").slice(0, 120)}`));
        } else if (code === Protocol.ROOM_RESPONSE && client.pending.size > 0) {
          const it: Iterator = { offset: 1 };
          const id = decode.number(data, it);
          const settle = client.pending.get(id);
          client.pending.delete(id);
          settle?.(data[it.offset] === RESPONSE_OK);
        }
      });
    });
    return client;
  }

  get open(): boolean { return this.socket.readyState === WebSocket.OPEN; }

  resetCounts(): void {
    this.frames = 0;
    this.bytes = 0;
    this.patchFrames = 0;
    this.patchBytes = 0;
  }

  send(type: string, payload: unknown): void {
    if (this.open) this.socket.send(encodeMessage(type, payload));
  }

  /** A request: `onReply(true)` when answered, `onReply(false)` when refused or rejected. */
  request(type: string, payload: unknown, onReply: (ok: boolean) => void): void {
    if (!this.open) return onReply(false);
    const id = this.nextRequestId++;
    this.pending.set(id, onReply);
    this.socket.send(encodeMessage(type, payload, id));
  }

  /** Requests still unanswered; they count as not acknowledged. */
  get unanswered(): number { return this.pending.size; }

  close(): void {
    this.socket.removeAllListeners("close");
    this.socket.close(1000);
  }
}

// One WebSocket frame written to many connections. A patch tick sends the same bytes to every
// member of a lounge; through `ws` each send frames them again (a header Buffer, the stream corked,
// two chunks, uncorked: a `writev` of two pieces), about a quarter of the CPU a frame costs on
// loopback. Here the frame (header and bytes in one Buffer) is made once and the same Buffer is
// written to each connection's socket: one `write` of one piece each.
//
// Only where `ws` itself would write the frame at once, unchanged: the connection is open, no
// extension (permessage-deflate) was negotiated, and its sender has nothing queued. Anything else
// goes through `ws.send` as before, so the order of frames on a connection is kept either way. This
// reads a few of `ws`'s private fields; if a `ws` release renames them, every frame simply goes
// through `ws.send` again (and test/unit/shared-frames.test.ts says so: it expects direct writes).
import WebSocket from "ws";

/** `ws`'s internals read here; missing ones (another `ws` version) make every send go through `ws.send`. */
interface WsInternals {
  _socket?: { write(chunk: Buffer): boolean } | null;
  _sender?: { _state?: number; _queue?: unknown[]; _firstFragment?: boolean };
  _isServer?: boolean;
  _extensions?: Record<string, unknown>;
}

/** The sender's state in which it writes a frame straight away (ws/lib/sender.js: DEFAULT). */
const SENDER_IDLE = 0;
/** The one extension `ws` implements (ws/lib/permessage-deflate.js: extensionName). */
const DEFLATE = "permessage-deflate";

/**
 * A final frame (RFC 6455 §5.2) of `opcode` carrying `payload`. `masked`: as a client must send,
 * with an all-zero key, so the payload goes as it is (the bench's raw clients use this).
 */
export function wsFrame(payload: Uint8Array, opcode = 0x2, masked = false): Buffer {
  const length = payload.length;
  const head = (length < 126 ? 2 : length < 65536 ? 4 : 10) + (masked ? 4 : 0);
  const frame = Buffer.allocUnsafe(head + length);
  frame[0] = 0x80 | opcode; // FIN
  const mask = masked ? 0x80 : 0;
  if (length < 126) {
    frame[1] = mask | length;
  } else if (length < 65536) {
    frame[1] = mask | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = mask | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  if (masked) frame.fill(0, head - 4, head); // the all-zero masking key
  frame.set(payload, head);
  return frame;
}

/** A final, unmasked binary frame (server to client) carrying `data`. */
export function binaryFrame(data: Uint8Array): Buffer {
  return wsFrame(data);
}

/**
 * The last frame made, reused while the same bytes are sent again. Keyed by the bytes, not by the
 * array that carried them: Colyseus encodes into buffers it reuses, so an array seen before may
 * hold other bytes by now. A frame is never changed once made (a socket may still hold it queued).
 */
export class FrameCache {
  private frame: Buffer | undefined = undefined;
  private payload: Buffer | undefined = undefined;
  /** Frames made and frames reused, since this cache was made. */
  made = 0;
  reused = 0;

  frameOf(data: Uint8Array): Buffer {
    const payload = this.payload;
    if (payload !== undefined && sameBytes(payload, data)) {
      this.reused++;
      return this.frame as Buffer;
    }
    const frame = binaryFrame(data);
    this.frame = frame;
    this.payload = frame.subarray(frame.length - data.length);
    this.made++;
    return frame;
  }
}

/** Whether two arrays hold the same bytes (a patch is a few dozen: a loop beats a native call). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  const length = a.length;
  if (length !== b.length) return false;
  if (length > 64) return Buffer.compare(a, b) === 0;
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The process's cache: frames are sent one connection after another, so one entry is enough. */
export const sharedFrames = new FrameCache();

/**
 * Writes `data` to `ws` as one binary message from `frames`, when `ws` would have written it at
 * once itself; returns false without sending anything otherwise (send it with `ws.send` then).
 * Called for every member on every patch: a handful of property reads; a frame is allocated only
 * when the bytes differ from the last ones sent (once a patch, or once per member with a view).
 */
export function writeSharedFrame(ws: unknown, data: Uint8Array, frames: FrameCache = sharedFrames): boolean {
  if (!(ws instanceof WebSocket) || ws.readyState !== WebSocket.OPEN || !(data instanceof Uint8Array)) return false;
  const { _socket: socket, _sender: sender, _extensions: extensions, _isServer: isServer } = ws as unknown as WsInternals;
  // A server's frames go unmasked; a client's (ws on the other side) would need a mask.
  if (isServer !== true || socket == null) return false;
  // Idle: nothing queued, and not halfway through a message sent in fragments.
  if (sender?._state !== SENDER_IDLE || sender._queue?.length !== 0 || sender._firstFragment !== true) return false;
  // `ws` knows one extension; with it negotiated, frames are compressed (and flagged) by `ws`.
  if (extensions === undefined || extensions[DEFLATE] !== undefined) return false;
  socket.write(frames.frameOf(data));
  return true;
}

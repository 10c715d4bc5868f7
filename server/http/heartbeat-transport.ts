// The WebSocket transport, with its heartbeat spread over time. @colyseus/ws-transport pings every
// connection of the process in one synchronous loop every 3 s: at 5,000 people that is 5,000
// frames written back to back, a 30–50 ms block of the event loop during which no chat message,
// walk or patch moves (the bench's event-loop delay p99, bare Colyseus' as much as ours). Here each
// connection is still pinged once per interval and dropped after the same number of unanswered
// pings, but a slice of the connections at a time, every PING_SLICE_MS, so the work comes in small
// pieces between other events.
import { WebSocketTransport } from "@colyseus/ws-transport";
import WebSocket from "ws";

/** How often a slice of the connections is pinged. */
export const PING_SLICE_MS = 100;

/** A connection as the transport keeps it: Colyseus counts unanswered pings on it (a pong resets it). */
type Pinged = WebSocket & { pingCount?: number };

const noop = () => undefined;

export class HeartbeatTransport extends WebSocketTransport {
  // Called by WebSocketTransport once its server listens, with its pingInterval and pingMaxRetries;
  // it clears `this.pingInterval` when the server closes.
  protected override autoTerminateUnresponsiveClients(pingInterval: number, pingMaxRetries: number): void {
    const slices = Math.max(1, Math.round(pingInterval / PING_SLICE_MS));
    this.pingInterval = setInterval(pingRounds(() => this.wss.clients as Set<Pinged>, slices, pingMaxRetries), pingInterval / slices);
  }
}

/**
 * One slice of the heartbeat per call: `slices` calls make a round in which every connection that
 * was connected at the round's start is pinged once (a connection opened meanwhile joins the next).
 */
export function pingRounds(clients: () => Iterable<Pinged>, slices: number, maxRetries: number): () => void {
  let round: Pinged[] = [];
  let slice = 0;
  return () => {
    if (slice === 0) round = [...clients()];
    pingSlice(round, Math.floor((round.length * slice) / slices), Math.floor((round.length * (slice + 1)) / slices), maxRetries);
    slice = (slice + 1) % slices;
  };
}

/** Pings round[from..to): one that left `maxRetries` pings unanswered is cut off, as Colyseus does. */
export function pingSlice(round: readonly Pinged[], from: number, to: number, maxRetries: number): void {
  for (let i = from; i < to; i++) {
    const client = round[i];
    if (client.readyState !== WebSocket.OPEN) continue;
    if ((client.pingCount ?? 0) >= maxRetries) { client.terminate(); continue; }
    client.pingCount = (client.pingCount ?? 0) + 1;
    client.ping(noop);
  }
}

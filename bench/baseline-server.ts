// The bench's baseline: a bare Colyseus 0.18 room with nothing of Chill Lounge in it, run beside the
// lounge server with the same workload (bench/load.ts). A players map of x/y (and the facing, so
// observers can see a walk start), a move message carrying the same {dx, dy} as `avatar:walk`, and
// a chat message broadcast to the room. No database, no validation library, no simulation tick:
// a move sets the player's fields once, so this is about the least a Colyseus room can do for
// these messages. Started as its own process: `PORT=2600 node --import tsx bench/baseline-server.ts`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Room, defineRoom, defineServer, type Client } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { schema, t, type SchemaType } from "@colyseus/schema";
import { AVATAR_SPEED, facingOf } from "../shared/movement.ts";

export const BASELINE_ROOM = "bare";
/** Room names and payloads of the baseline (the lounge's are in shared/features/). */
export const baselineMessages = { move: "move", chat: "chat" } as const;

const BarePlayer = schema({ x: t.float32(), y: t.float32(), dir: t.string().default("down") }, "BarePlayer");
type BarePlayer = SchemaType<typeof BarePlayer>;
const BareState = schema({ players: t.map(BarePlayer) }, "BareState");
type BareState = SchemaType<typeof BareState>;

const SIZE = 1000;
const clamp = (v: number) => Math.min(SIZE, Math.max(0, v));
const step = (v: unknown) => (v === 1 || v === -1 || v === 0 ? v : 0);

class BareRoom extends Room<{ state: BareState }> {
  override state = new BareState();
  /** Where each walker is heading and since when: x/y are brought up to date at the next intent. */
  private readonly heading = new Map<string, { dx: number; dy: number; since: number }>();

  override onCreate(options: { room?: string }): void {
    this.maxClients = 10_000;
    this.setMetadata({ room: options.room ?? "" });
    this.onMessage(baselineMessages.move, (client, raw: { dx?: unknown; dy?: unknown } | undefined) => {
      const player = this.state.players.get(client.sessionId);
      if (!player) return;
      const now = Date.now();
      const was = this.heading.get(client.sessionId);
      if (was) {
        const seconds = (now - was.since) / 1000;
        player.x = clamp(player.x + was.dx * AVATAR_SPEED * seconds);
        player.y = clamp(player.y + was.dy * AVATAR_SPEED * seconds);
      }
      const dx = step(raw?.dx), dy = step(raw?.dy);
      if (dx === 0 && dy === 0) this.heading.delete(client.sessionId);
      else {
        this.heading.set(client.sessionId, { dx, dy, since: now });
        player.dir = facingOf(dx, dy, player.dir as ReturnType<typeof facingOf>);
      }
    });
    this.onMessage(baselineMessages.chat, (client, raw: { text?: unknown; nonce?: unknown } | undefined) => {
      const text = typeof raw?.text === "string" ? raw.text.slice(0, 500) : "";
      const nonce = typeof raw?.nonce === "string" ? raw.nonce.slice(0, 64) : "";
      if (text) this.broadcast(baselineMessages.chat, { from: client.sessionId, text, nonce, at: Date.now() });
    });
  }

  override onJoin(client: Client): void {
    this.state.players.set(client.sessionId, new BarePlayer({ x: SIZE / 2, y: SIZE / 2 }));
  }

  override onLeave(client: Client): void {
    this.state.players.delete(client.sessionId);
    this.heading.delete(client.sessionId);
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 2600);
  const server = defineServer({
    transport: new WebSocketTransport(),
    greet: false,
    rooms: { [BASELINE_ROOM]: defineRoom(BareRoom).filterBy(["room"]) },
    express: (app) => { app.get("/health", (_req, res) => { res.json({ ok: true }); }); },
  });
  // Colyseus shuts down gracefully on SIGTERM/SIGINT by itself.
  await server.listen(port, process.env.HOST ?? "127.0.0.1");
}

// Only when run as the server's entry point: the load part imports the names above.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

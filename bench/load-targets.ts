// The two servers the load part compares: Chill Lounge (server/main.ts on Postgres or PGlite) and
// the bare Colyseus baseline (bench/baseline-server.ts). Each says how it starts, how its rooms
// are made, and how the same workload is spoken to it.
import { randomBytes } from "node:crypto";
import { MAX_CAPACITY } from "../shared/api.ts";
import { RoomName } from "../shared/rooms.ts";
import { serviceUp, createScratchDatabase } from "../test/support/services.ts";
import { BASELINE_ROOM, baselineMessages } from "./baseline-server.ts";
import type { LoadServer } from "./options.ts";
import type { Target } from "./worker-protocol.ts";

export interface LoadTarget {
  name: LoadServer;
  label: string;
  /** Entry point, relative to the project root. */
  script: string;
  /** Settings the bench changes from the server's defaults, passed in its environment. */
  overrides: Record<string, string>;
  messages: Omit<Target, "url">;
  /** Makes `count` rooms on the running server; returns each room's key for seats. */
  makeRooms(url: string, count: number): Promise<string[]>;
  /** Join options of a person in `room`. */
  joinOptions(room: string, person: number): Record<string, unknown>;
  /**
   * The server's Prometheus histograms of how long storing a chat message took (`chatStore`) and
   * how long a due patch tick waited behind other rooms' (`patchWait`), at /metrics with `token`.
   */
  histograms?: { token: string; chatStore: string; patchWait: string };
}

/** The bench's METRICS_TOKEN for the lounge, which turns its /metrics on. */
const METRICS_TOKEN = randomBytes(16).toString("hex");

async function createLounges(url: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${url}/api/lounges`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: `Bench lounge ${i + 1}`, capacity: MAX_CAPACITY }),
    });
    const body: unknown = await res.json().catch(() => undefined);
    const id = typeof body === "object" && body !== null && "id" in body && typeof body.id === "string" ? body.id : undefined;
    if (!res.ok || !id) throw new Error(`POST /api/lounges answered ${res.status}: ${JSON.stringify(body)}`);
    ids.push(id);
  }
  return ids;
}

export const loungeTarget: LoadTarget = {
  name: "lounge",
  label: "Chill Lounge",
  script: "server/main.ts",
  overrides: {
    // Every bench person joins from loopback, many at once; the bench creates many lounges.
    MAX_OPEN_RESERVATIONS: "1000",
    LOUNGE_CREATE_IP_BURST: "100000",
    // On a busy machine a socket can take longer than the default 5 s to follow its reservation.
    SEAT_RESERVATION_SECONDS: "60",
    METRICS_TOKEN,
  },
  histograms: { token: METRICS_TOKEN, chatStore: "chill_chat_store_seconds", patchWait: "chill_patch_wait_seconds" },
  // Lounge chat is not in the state: each message comes as `chat:message`, which observers catch as any broadcast with a nonce.
  messages: { roomName: RoomName.lounge, chat: { type: "chat:send", request: true }, walkType: "avatar:walk" },
  makeRooms: createLounges,
  joinOptions: (room, person) => ({ loungeId: room, name: `bench ${person}`, avatar: "fox" }),
};

export const bareTarget: LoadTarget = {
  name: "bare",
  label: "bare Colyseus",
  script: "bench/baseline-server.ts",
  overrides: {},
  messages: { roomName: BASELINE_ROOM, chat: { type: baselineMessages.chat, request: false }, walkType: baselineMessages.move },
  makeRooms: async (_url, count) => Array.from({ length: count }, (_, i) => `room-${i + 1}`),
  joinOptions: (room) => ({ room }),
};

export const loadTargets: Record<LoadServer, LoadTarget> = { lounge: loungeTarget, bare: bareTarget };

export interface LoadDatabase {
  kind: "postgres" | "pglite";
  url: string | undefined;
  /** How it was chosen, for the report. */
  description: string;
  drop(): Promise<void>;
}

/**
 * BENCH_DATABASE_URL when set; else a scratch database on the local Postgres (the tests' server)
 * when it answers, dropped afterwards; else embedded PGlite in the server's temp DATA_DIR.
 */
export async function chooseDatabase(databaseUrl: string | undefined, forcePglite: boolean): Promise<LoadDatabase> {
  const none = async () => {};
  if (databaseUrl) return { kind: "postgres", url: databaseUrl, description: "Postgres from BENCH_DATABASE_URL", drop: none };
  if (!forcePglite && await serviceUp("postgres")) {
    const scratch = await createScratchDatabase("chill_bench");
    return { kind: "postgres", url: scratch.url, description: `Postgres, scratch database ${new URL(scratch.url).pathname.slice(1)} on ${new URL(scratch.url).host} (dropped afterwards)`, drop: scratch.drop };
  }
  const why = forcePglite ? "BENCH_DATABASE=pglite" : "no Postgres answered at TEST_DATABASE_URL or 127.0.0.1:5432";
  return { kind: "pglite", url: undefined, description: `embedded PGlite in a temp DATA_DIR (${why})`, drop: none };
}

// One bench worker process: joins its share of headless SDK clients to their lounges; while the
// runner measures, every client chats and takes short walks on a fixed schedule, and records when
// it sees the other members' messages and avatars. Raw observations go back to the runner, which
// pairs them across workers (bench/figures.ts).
import { Callbacks, Client, type Room } from "@colyseus/sdk";
import type { LoungeState } from "../shared/state/lounge-state.ts";
import { getMap, defaultMapId, type LoungeMap } from "../shared/maps/index.ts";
import { AVATAR_SPEED, facingOf, type Point } from "../shared/movement.ts";
import { isErrorPayload } from "../shared/errors.ts";
import type { ChatEntry } from "../shared/features/chat.ts";
import type { ChatSend, Counters, Disconnect, FromWorker, ToWorker, WalkIntent, WalkSeen, WorkerJob } from "./worker-protocol.ts";
import { RoomName } from "../shared/rooms.ts";

type LoungeRoom = Room<unknown, LoungeState>;

/** Chat nonces of this bench: `b:<send time>:<worker>.<client>.<seq>`; the send time is what we measure from. */
const NONCE_PREFIX = "b:";
const REQUEST_TIMEOUT_MS = 10_000;

const counters: Counters = { chatSent: 0, chatAcked: 0, chatRefused: 0, deliveries: 0, walksSent: 0, walksSeen: 0, disconnects: 0 };
const chat: ChatSend[] = [];
const deliveries = new Map<string, number[]>();
const walks: WalkIntent[] = [];
const seen: WalkSeen[] = [];
const disconnects: Disconnect[] = [];
const serverErrors: Record<string, number> = {};
const rooms: LoungeRoom[] = [];
let pendingRequests = 0;
/** Observations count from the start of measuring until the runner collects. */
let phase = { from: Infinity, until: Infinity, collecting: false };

const tell = (message: FromWorker) => new Promise<void>((resolve) => {
  if (!process.send) return resolve();
  process.send(message, undefined, undefined, () => resolve());
});

function sentAtOf(nonce: string): number | undefined {
  if (!nonce.startsWith(NONCE_PREFIX)) return undefined;
  const at = Number(nonce.split(":")[1]);
  return Number.isFinite(at) ? at : undefined;
}

function describe(err: unknown): string {
  if (err instanceof Error && "reason" in err && isErrorPayload(err.reason)) return err.reason.code;
  if (err instanceof Error) return err.message.slice(0, 120);
  return String(err).slice(0, 120);
}

/** Records what this client sees of the others: chat arriving, avatars starting to move. */
function watch(room: LoungeRoom): void {
  const callbacks = Callbacks.get(room);
  // Each stored message comes once, as a message (the recent window on joining is not a delivery).
  room.onMessage("chat:message", (message: ChatEntry) => {
    const sentAt = sentAtOf(message.nonce);
    if (sentAt === undefined || message.authorSessionId === room.sessionId || sentAt < phase.from || phase.collecting) return;
    const list = deliveries.get(message.nonce) ?? [];
    list.push(Date.now() - sentAt);
    deliveries.set(message.nonce, list);
    counters.deliveries++;
  });
  callbacks.onAdd("players", (player, sessionId) => {
    if (sessionId === room.sessionId) return;
    // `moving` turns true in the server tick that first moves the avatar, in the same patch as x/y.
    callbacks.listen(player, "moving", (moving, previous) => {
      if (!moving || previous || Date.now() < phase.from || phase.collecting) return;
      seen.push([room.sessionId, sessionId, Date.now(), player.dir]);
      counters.walksSeen++;
    });
  });
  room.onMessage("error", (payload: unknown) => {
    const code = isErrorPayload(payload) ? payload.code : "unknown";
    serverErrors[code] = (serverErrors[code] ?? 0) + 1;
  });
  room.onMessage("*", () => {});
  room.onLeave((code, reason) => {
    if (phase.collecting) return;
    disconnects.push({ sessionId: room.sessionId, at: Date.now(), code, reason: reason ?? "" });
    counters.disconnects++;
  });
}

async function joinAll(job: WorkerJob, client: Client): Promise<void> {
  let next = 0;
  const joinOne = async (index: number) => {
    const loungeId = job.loungeIds[index];
    const started = Date.now();
    try {
      const room = await client.joinOrCreate<LoungeState>(RoomName.lounge, { loungeId, name: `bench w${job.worker} c${index}`, avatar: "fox" });
      room.reconnection.enabled = false;
      watch(room);
      rooms.push(room);
      await tell({ type: "joined", sessionId: room.sessionId, loungeId, ms: Date.now() - started });
    } catch (err) {
      await tell({ type: "join-failed", loungeId, error: describe(err) });
    }
  };
  const lanes = Array.from({ length: Math.min(job.joinConcurrency, job.loungeIds.length) }, async () => {
    while (next < job.loungeIds.length) await joinOne(next++);
  });
  await Promise.all(lanes);
}

const DIRECTIONS: ReadonlyArray<readonly [number, number]> = [[1, 0], [-1, 0], [0, 1], [0, -1]];

/** How far (px, in 8 px steps up to `reach`) an avatar at `pos` can walk in a direction before a wall. */
function clearance(map: LoungeMap, pos: Point, dx: number, dy: number, reach: number): number {
  let d = 0;
  while (d < reach && map.isWalkable(pos.x + dx * (d + 8), pos.y + dy * (d + 8))) d += 8;
  return d;
}

/** A direction the avatar can walk the whole hold in, facing another way than last time when it can. */
function pickDirection(map: LoungeMap, pos: Point, lastFacing: string, reach: number): readonly [number, number] {
  const scored = DIRECTIONS.map((d) => ({ d, clear: clearance(map, pos, d[0], d[1], reach) }));
  const best = Math.max(...scored.map((s) => s.clear));
  const open = scored.filter((s) => s.clear === best);
  const fresh = open.filter((s) => facingOf(s.d[0], s.d[1]) !== lastFacing);
  const pool = fresh.length > 0 ? fresh : open;
  return pool[Math.floor(Math.random() * pool.length)].d;
}

/** Runs `fn` at `from + offset`, then every `period` ms, until `until`; late runs catch up, as a fixed schedule. */
function schedule(from: number, until: number, period: number, offset: number, fn: () => void): void {
  let next = from + offset;
  const tick = () => {
    if (next >= until) return;
    fn();
    next += period;
    setTimeout(tick, Math.max(0, next - Date.now()));
  };
  setTimeout(tick, Math.max(0, next - Date.now()));
}

function sendChat(room: LoungeRoom, label: string): void {
  if (!room.connection.isOpen) return;
  const at = Date.now();
  const nonce = `${NONCE_PREFIX}${at}:${label}.${counters.chatSent}`;
  const entry: ChatSend = { nonce, sessionId: room.sessionId, at, ackMs: null };
  chat.push(entry);
  counters.chatSent++;
  pendingRequests++;
  room.request("chat:send", { text: `bench message sent at ${at}`, nonce }, { timeout: REQUEST_TIMEOUT_MS }).then(
    () => { entry.ackMs = Date.now() - at; counters.chatAcked++; },
    (err: unknown) => { entry.error = describe(err); counters.chatRefused++; },
  ).finally(() => { pendingRequests--; });
}

function walk(room: LoungeRoom, job: WorkerJob, last: { facing: string }): void {
  const me = room.state.players?.get(room.sessionId);
  if (!room.connection.isOpen || !me) return;
  const map = getMap(room.state.lounge?.mapId ?? defaultMapId) ?? getMap(defaultMapId);
  if (!map) return;
  const reach = (AVATAR_SPEED * job.walkHoldMs) / 1000 + 16;
  const [dx, dy] = pickDirection(map, { x: me.x, y: me.y }, last.facing, reach);
  last.facing = facingOf(dx, dy);
  walks.push({ sessionId: room.sessionId, at: Date.now(), facing: last.facing });
  counters.walksSent++;
  room.send("avatar:walk", { dx, dy });
  setTimeout(() => { if (room.connection.isOpen) room.send("avatar:walk", { dx: 0, dy: 0 }); }, job.walkHoldMs);
}

function measure(job: WorkerJob, from: number, until: number): void {
  phase = { from, until, collecting: false };
  rooms.forEach((room, i) => {
    // Spread all clients of all workers evenly over each period (worker w takes every W-th slot).
    const slot = (i * job.workers + job.worker) / Math.max(1, rooms.length * job.workers);
    const label = `${job.worker}.${i}`;
    schedule(from, until, job.chatEveryMs, Math.floor((slot % 1) * job.chatEveryMs), () => sendChat(room, label));
    const last = { facing: "" };
    schedule(from, until, job.walkEveryMs, Math.floor(((slot + 0.5) % 1) * job.walkEveryMs), () => walk(room, job, last));
  });
}

async function collect(job: WorkerJob): Promise<void> {
  phase.collecting = true;
  const cpu = cpuMeasured ?? process.cpuUsage(cpuAtStart);
  // Requests settle within their timeout; wait for them so every send has an outcome.
  const deadline = Date.now() + REQUEST_TIMEOUT_MS + 1000;
  while (pendingRequests > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await tell({
    type: "results", worker: job.worker, chat, deliveries: [...deliveries], walks, seen, disconnects, serverErrors,
    cpuMs: (cpu.user + cpu.system) / 1000,
  });
  await Promise.race([Promise.allSettled(rooms.map((r) => r.leave(true))), new Promise((r) => setTimeout(r, 3000))]);
  process.exit(0);
}

let job: WorkerJob | undefined;
let cpuAtStart = process.cpuUsage();
/** CPU used from the start to the end of the measured phase (not the drain after it). */
let cpuMeasured: NodeJS.CpuUsage | undefined;
let progress: ReturnType<typeof setInterval> | undefined;

process.on("disconnect", () => process.exit(0));
process.on("message", (message: ToWorker) => {
  if (message.type === "job") {
    job = message;
    void joinAll(message, new Client(message.url)).then(() => tell({ type: "ready" }));
  } else if (message.type === "start" && job) {
    setTimeout(() => { cpuAtStart = process.cpuUsage(); }, message.at - Date.now());
    setTimeout(() => { cpuMeasured = process.cpuUsage(cpuAtStart); }, message.until - Date.now());
    measure(job, message.at, message.until);
    progress = setInterval(() => { void tell({ type: "progress", counters: { ...counters } }); }, 1000);
  } else if (message.type === "collect" && job) {
    clearInterval(progress);
    void collect(job);
  }
});

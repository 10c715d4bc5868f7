// One load-generator worker process: takes its share of the seats. Observers are @colyseus/sdk
// clients that decode every patch and record when they see a chat message or another avatar turn;
// everyone else is a raw socket that only counts frames (bench/raw-client.ts). While the runner
// measures, walkers walk and chat messages go out at this worker's share of the chat rate. Raw
// observations go back to the runner, which pairs them across workers (bench/figures.ts).
import { Callbacks, Client, type Room } from "@colyseus/sdk";
import { facingOf } from "../shared/movement.ts";
import { RawClient } from "./raw-client.ts";
import type { ChatSend, Disconnect, FromWorker, JoinSeats, Seat, StartMeasuring, Target, ToWorker, WalkIntent, WalkSeen } from "./worker-protocol.ts";

/** Chat nonces of this bench: `b:<send time>:<worker>.<seq>`; the send time is what we measure from. */
const NONCE_PREFIX = "b:";
const REQUEST_WAIT_MS = 10_000;
/** Each walker goes round a square, one side per walk, so it keeps to where it started and every walk faces a new way. */
const WALK_LOOPS: ReadonlyArray<ReadonlyArray<readonly [number, number]>> = [
  [[1, 0], [0, 1], [-1, 0], [0, -1]],
  [[-1, 0], [0, -1], [1, 0], [0, 1]],
];

interface Observer { room: Room; name: string; seen: Set<string> }
interface Walker { client: RawClient; room: string; loop: ReadonlyArray<readonly [number, number]>; next: number; at: number }

let workerIndex = 0;
let target: Target | undefined;
const observers: Observer[] = [];
const walkers: Walker[] = [];
/** Raw clients that send chat (everyone but the observers), in a shuffled order. */
const speakers: Array<{ client: RawClient; room: string }> = [];
const raw: RawClient[] = [];

let chat: ChatSend[] = [];
let deliveries = new Map<string, number[]>();
let walks: WalkIntent[] = [];
let seen: WalkSeen[] = [];
let disconnects: Disconnect[] = [];
/** Disconnects already sent in an earlier phase's results. */
const reported = new Set<string>();
let phase = { from: Infinity, until: Infinity };
let timers: NodeJS.Timeout[] = [];
let counters = { chatSent: 0, chatAcked: 0, walksSent: 0, disconnects: 0 };
let cpuAtStart = process.cpuUsage();
let cpuMeasured: NodeJS.CpuUsage | undefined;

const tell = (message: FromWorker) => new Promise<void>((resolve) => {
  if (!process.send) return resolve();
  process.send(message, undefined, undefined, () => resolve());
});

const inPhase = (at: number) => at >= phase.from && at <= phase.until + 5000;

function sentAtOf(nonce: unknown): number | undefined {
  if (typeof nonce !== "string" || !nonce.startsWith(NONCE_PREFIX)) return undefined;
  const at = Number(nonce.split(":")[1]);
  return Number.isFinite(at) ? at : undefined;
}

function describe(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 120);
}

/** An observer records each chat message (from the state or a broadcast) once, and every turn of another avatar. */
function watch(observer: Observer, t: Target): void {
  const { room } = observer;
  const sawChat = (nonce: unknown) => {
    const now = Date.now();
    const sentAt = sentAtOf(nonce);
    if (sentAt === undefined || !inPhase(now) || observer.seen.has(nonce as string)) return;
    observer.seen.add(nonce as string);
    const list = deliveries.get(nonce as string) ?? [];
    list.push(now - sentAt);
    deliveries.set(nonce as string, list);
  };
  const callbacks = Callbacks.get(room as Parameters<typeof Callbacks.get>[0]) as unknown as {
    onAdd(path: string, cb: (item: Record<string, unknown>, key: string) => void): void;
    listen(item: unknown, field: string, cb: (value: unknown, previous: unknown) => void): void;
  };
  room.onMessage("*", (_type: unknown, payload: unknown) => {
    if (typeof payload === "object" && payload !== null && "nonce" in payload) sawChat(payload.nonce);
  });
  callbacks.onAdd("players", (player, sessionId) => {
    if (sessionId === room.sessionId) return;
    callbacks.listen(player, "dir", (dir, previous) => {
      const now = Date.now();
      if (previous === undefined || dir === previous || !inPhase(now)) return;
      seen.push([room.sessionId, sessionId, now, String(dir)]);
    });
  });
  room.onLeave((code, reason) => {
    disconnects.push({ sessionId: room.sessionId, at: Date.now(), code, reason: reason ?? "" });
    counters.disconnects++;
  });
}

async function takeSeat(job: JoinSeats, seat: Seat, sdk: Client): Promise<void> {
  const started = Date.now();
  try {
    if (seat.role === "observer") {
      const room = await sdk.joinOrCreate(job.target.roomName, seat.options);
      room.reconnection.enabled = false;
      const observer = { room, name: room.sessionId, seen: new Set<string>() };
      watch(observer, job.target);
      observers.push(observer);
      await tell({ type: "joined", sessionId: room.sessionId, room: seat.room, role: seat.role, ms: Date.now() - started });
      return;
    }
    const client = await RawClient.join(job.target.url, job.target.roomName, seat.options);
    raw.push(client);
    speakers.splice(Math.floor(Math.random() * (speakers.length + 1)), 0, { client, room: seat.room });
    if (seat.role === "walker") walkers.push({ client, room: seat.room, loop: WALK_LOOPS[seat.walkPhase % WALK_LOOPS.length], next: 0, at: seat.walkAt });
    await tell({ type: "joined", sessionId: client.sessionId, room: seat.room, role: seat.role, ms: Date.now() - started });
  } catch (err) {
    await tell({ type: "join-failed", room: seat.room, error: describe(err) });
  }
}

async function joinAll(job: JoinSeats): Promise<void> {
  workerIndex = job.worker;
  target = job.target;
  const sdk = new Client(job.target.url);
  let next = 0;
  const lanes = Array.from({ length: Math.min(job.joinConcurrency, job.seats.length) }, async () => {
    while (next < job.seats.length) await takeSeat(job, job.seats[next++], sdk);
  });
  await Promise.all(lanes);
  await tell({ type: "ready" });
}

/** Runs `fn` at `from + offset`, then every `period` ms, until `until`; late runs catch up, as a fixed schedule. */
function schedule(from: number, until: number, period: number, offset: number, fn: () => void): void {
  let next = from + offset;
  const tick = () => {
    if (next >= until) return;
    fn();
    next += period;
    timers.push(setTimeout(tick, Math.max(0, next - Date.now())));
  };
  timers.push(setTimeout(tick, Math.max(0, next - Date.now())));
}

function sendChat(t: Target, speaker: { client: RawClient; room: string }): void {
  if (!speaker.client.open) return;
  const at = Date.now();
  const nonce = `${NONCE_PREFIX}${at}:${workerIndex}.${counters.chatSent}`;
  const entry: ChatSend = { nonce, room: speaker.room, at, acked: null };
  chat.push(entry);
  counters.chatSent++;
  const payload = { text: `bench message sent at ${at}`, nonce };
  if (!t.chat.request) { speaker.client.send(t.chat.type, payload); return; }
  speaker.client.request(t.chat.type, payload, (ok) => {
    entry.acked = ok;
    if (ok) counters.chatAcked++;
  });
}

/** One walk as the lounge's client sends it: hold a direction (`{dx, dy}`), then let go (`{0, 0}`). */
function walk(t: Target, walker: Walker, holdMs: number): void {
  if (!walker.client.open) return;
  const [dx, dy] = walker.loop[walker.next++ % walker.loop.length];
  walks.push({ sessionId: walker.client.sessionId, room: walker.room, at: Date.now(), facing: facingOf(dx, dy) });
  counters.walksSent++;
  walker.client.send(t.walkType, { dx, dy });
  timers.push(setTimeout(() => walker.client.send(t.walkType, { dx: 0, dy: 0 }), holdMs));
}

function measure(m: StartMeasuring): void {
  const t = target;
  if (!t) return;
  phase = { from: m.at, until: m.until };
  for (const client of raw) client.resetCounts();
  timers.push(setTimeout(() => { cpuAtStart = process.cpuUsage(); for (const client of raw) client.resetCounts(); }, m.at - Date.now()));
  timers.push(setTimeout(() => { cpuMeasured = process.cpuUsage(cpuAtStart); }, m.until - Date.now()));
  // Each walker's offset comes with its seat, so both servers get the same walks in each room at
  // the same moments (an offset by join order paired walkers up in one server and not the other).
  for (const walker of walkers) {
    schedule(m.at, m.until, m.walkEveryMs, Math.floor(walker.at * m.walkEveryMs), () => walk(t, walker, m.walkHoldMs));
  }
  if (m.chatPerSecond > 0 && speakers.length > 0) {
    let next = 0;
    const period = 1000 / m.chatPerSecond;
    schedule(m.at, m.until, period, Math.floor(Math.random() * period), () => sendChat(t, speakers[next++ % speakers.length]));
  }
  timers.push(setInterval(() => {
    void tell({ type: "progress", ...counters, disconnects: counters.disconnects + raw.filter((c) => c.closed).length });
  }, 1000));
}

async function collect(): Promise<void> {
  for (const timer of timers) clearTimeout(timer);
  timers = [];
  const cpu = cpuMeasured ?? process.cpuUsage(cpuAtStart);
  // Requests settle when answered: give the last ones a moment so every send has an outcome.
  const deadline = Date.now() + REQUEST_WAIT_MS;
  while (raw.some((c) => c.unanswered > 0 && c.open) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const client of raw) {
    if (client.closed && !reported.has(client.sessionId)) disconnects.push({ sessionId: client.sessionId, ...client.closed });
  }
  for (const d of disconnects) reported.add(d.sessionId);
  await tell({
    type: "results", worker: workerIndex, chat, deliveries: [...deliveries], walks, seen,
    rawFrames: raw.reduce((n, c) => n + c.frames, 0), rawBytes: raw.reduce((n, c) => n + c.bytes, 0),
    rawPatchFrames: raw.reduce((n, c) => n + c.patchFrames, 0), rawPatchBytes: raw.reduce((n, c) => n + c.patchBytes, 0), rawClients: raw.length,
    disconnects, cpuMs: (cpu.user + cpu.system) / 1000,
  });
  chat = []; deliveries = new Map(); walks = []; seen = []; cpuMeasured = undefined;
  disconnects = [];
  for (const observer of observers) observer.seen.clear();
  phase = { from: Infinity, until: Infinity };
}

async function leave(): Promise<void> {
  for (const client of raw) client.close();
  await Promise.race([Promise.allSettled(observers.map((o) => o.room.leave(true))), new Promise((r) => setTimeout(r, 3000))]);
  process.exit(0);
}

process.on("disconnect", () => process.exit(0));
process.on("message", (message: ToWorker) => {
  if (message.type === "join") void joinAll(message);
  else if (message.type === "start") measure(message);
  else if (message.type === "collect") void collect();
  else if (message.type === "leave") void leave();
});

// `npm run bench -- --only tables`: card tables of four bots in one server process. A lounge per two
// tables; one SDK client per lounge seats itself, fills three chairs with bots, starts Crazy Eights
// and gets up (a bot takes its seat), and does so again after every game. Prints moves applied per
// second (with every view delivered to the lounge's client) per core of server CPU, move → seen
// latency, and, as the baseline measured in the same run, the rules engine alone in this process.
import { ColyseusSDK, type Room } from "@colyseus/sdk";
import { ServerProcess } from "./server-process.ts";
import { percentiles } from "./figures.ts";
import { crazyEights } from "../shared/games/crazy-eights.ts";
import { seededRng } from "../shared/games/cards.ts";
import type { LoungeState } from "../shared/state/lounge-state.ts";
import { RoomName } from "../shared/rooms.ts";

export interface TableBenchOptions { lounges: number; seconds: number; databaseUrl: string | undefined }

const TURN_MS = crazyEights.turn.seconds * 1000;

/** The rules alone: whole games of Crazy Eights by the default move, as fast as one core runs them. */
function engineMovesPerSecond(ms: number): number {
  const end = performance.now() + ms;
  let moves = 0;
  for (let seed = 1; performance.now() < end; seed++) {
    const rng = seededRng(seed);
    let state = crazyEights.setup(4, rng);
    while (!crazyEights.result(state)) {
      const seat = crazyEights.toAct(state)[0];
      const next = crazyEights.move(state, seat, crazyEights.turn.auto(state, seat, rng), rng);
      if ("refused" in next) throw new Error(`the default move was refused: ${next.message}`);
      state = next;
      moves++;
    }
  }
  return moves / (ms / 1000);
}

/** Sits, fills the table with bots, starts and gets up; again whenever a game there ends. */
async function keepTablesBusy(room: Room<unknown, LoungeState>, tableId: string): Promise<void> {
  await room.request("table:sit", { tableId });
  await room.request("table:bots", { tableId, count: 3 });
  await room.request("table:start", { tableId });
  await room.request("table:stand", { tableId });
}

export async function runTableBench(opts: TableBenchOptions, root: string, say: (line: string) => void): Promise<number> {
  say(`Tables: ${opts.lounges * 2} tables of four bots in ${opts.lounges} lounges, ${opts.seconds} s; baseline: the rules engine alone.`);
  const engine = engineMovesPerSecond(2000);
  say(`  rules engine alone: ${engine.toFixed(0)} moves/s on one core`);
  const server = await ServerProcess.prepare({ TABLE_BOT_DELAY_MS: "0", LOUNGE_CREATE_IP_BURST: "100000", MAX_OPEN_RESERVATIONS: "1000" }, opts.databaseUrl);
  try {
    await server.start(root, 90_000);
    const rooms: Array<Room<unknown, LoungeState>> = [];
    const versions = new Map<string, number>();
    const latencies: number[] = [];
    let moves = 0;
    let measuring = false;
    for (let i = 0; i < opts.lounges; i++) {
      const res = await fetch(`${server.url}/api/lounges`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `Tables ${i + 1}`, visibility: "unlisted" }) });
      const { id } = await res.json() as { id: string };
      const room = await new ColyseusSDK(server.url).joinOrCreate<LoungeState>(RoomName.lounge, { loungeId: id, name: `Host ${i + 1}`, avatar: "owl" });
      room.onMessage("*", () => {});
      if (!room.state?.tables) await new Promise<void>((resolve) => room.onStateChange.once(() => resolve()));
      rooms.push(room);
      room.onStateChange((state) => {
        for (const [tableId, table] of state.tables) {
          const key = `${id}/${tableId}`;
          const before = versions.get(key) ?? table.version;
          versions.set(key, table.version);
          if (!measuring) continue;
          moves += table.version - before;
          // The deadline restarts at every move to a new seat: it dates the move in server time.
          if (table.version === before + 1 && table.turnDeadline > 0) latencies.push(Date.now() - (table.turnDeadline - TURN_MS));
          if (table.phase === "over" && before !== table.version) void keepTablesBusy(room, tableId).catch(() => undefined);
        }
      });
      for (const tableId of room.state.tables.keys()) await keepTablesBusy(room, tableId);
    }
    const cpuStart = await server.cpuSeconds();
    const ownStart = process.cpuUsage();
    const wallStart = performance.now();
    measuring = true;
    await new Promise((r) => setTimeout(r, opts.seconds * 1000));
    measuring = false;
    const wall = (performance.now() - wallStart) / 1000;
    const serverCores = (await server.cpuSeconds() - cpuStart) / wall;
    const own = process.cpuUsage(ownStart);
    const ownCores = (own.user + own.system) / 1e6 / wall;
    const lat = percentiles(latencies);
    say(`  applied: ${(moves / wall).toFixed(0)} moves/s with views to every client; server CPU ${(serverCores * 100).toFixed(0)} % of a core`);
    say(`  per core of server CPU: ${(moves / wall / Math.max(serverCores, 0.01)).toFixed(0)} moves/s (the rules engine alone: ${engine.toFixed(0)})`);
    say(`  move → seen: p50 ${lat.p50?.toFixed(0) ?? "–"} ms, p95 ${lat.p95?.toFixed(0) ?? "–"} ms, max ${lat.max?.toFixed(0) ?? "–"} ms (${lat.samples} samples; patches go out every 50 ms)`);
    say(`  load generator CPU: ${(ownCores * 100).toFixed(0)} % of a core${ownCores > 0.8 ? " — VOID: the load generator saturated, the figures above measure it, not the server" : ""}`);
    await Promise.all(rooms.map((r) => r.leave(true).catch(() => undefined)));
    return ownCores > 0.8 ? 1 : 0;
  } finally {
    await server.stop();
  }
}

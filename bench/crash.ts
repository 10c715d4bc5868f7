// `npm run bench -- --only crash`: how long a lounge is out after `kill -9` of the process hosting
// it (two processes on Redis and Postgres). Each round: a lounge with a person inside (the page's
// own connection code, client/net/lounge-connection.ts), kill -9 of its host, then the time until
// a newcomer is in through the survivor, and until the person inside is back by themselves. A new
// process replaces the killed one for the next round. The goal (issue 15): joinable within 5 s.
import { Client } from "@colyseus/sdk";
import { startServerProcess, type ServerProcess } from "../test/support/process.ts";
import { createScratchDatabase, serviceUp, TEST_REDIS_URL } from "../test/support/services.ts";
import { LoungeConnection } from "../client/net/lounge-connection.ts";
import { percentiles } from "./figures.ts";
import { freePort } from "./server-process.ts";

const GOAL_MS = 5000;
const GIVE_UP_MS = 60_000;
/** A Redis database of this run's own (listings left by earlier runs are swept at start-up). */
const REDIS_DB = 1 + (process.pid % 15);

async function startProcess(databaseUrl: string, redisUrl: string): Promise<ServerProcess> {
  const port = await freePort();
  // Every person of the bench joins from loopback, the newcomer over and over while the lounge is
  // out: the per-address limit on joins under way (3) is for the public, not for this.
  return startServerProcess({ PORT: String(port), DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, PUBLIC_ADDRESS: `127.0.0.1:${port}`, DEFAULT_LOUNGE: "false", MAX_OPEN_RESERVATIONS: "1000" }, { timeout: 90_000 });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + GIVE_UP_MS;
  const start = Date.now();
  for (;;) {
    const value = await probe().catch((err: unknown) => { if (process.env.BENCH_DEBUG) console.log(Date.now() - start, what, err instanceof Error ? err.message : err); return undefined; });
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${GIVE_UP_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function runCrashBench(rounds: number, say: (line: string) => void): Promise<number> {
  say(`Crash bench: ${rounds} rounds of kill -9 of the process hosting a lounge (two processes, Redis, Postgres)`);
  if (!await serviceUp("postgres") || !await serviceUp("redis")) {
    say("  skipped: it needs Postgres (TEST_DATABASE_URL) and Redis (TEST_REDIS_URL) running");
    return 0;
  }
  const redis = new URL(TEST_REDIS_URL);
  redis.pathname = `/${REDIS_DB}`;
  const db = await createScratchDatabase("chill_bench_crash");
  const servers: ServerProcess[] = [];
  const reopen: number[] = [];
  const back: number[] = [];
  try {
    servers.push(await startProcess(db.url, redis.toString()), await startProcess(db.url, redis.toString()));
    for (let round = 1; round <= rounds; round++) {
      const created = await fetch(`${servers[0].url}/api/lounges`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `Crash ${round}` }) });
      const { id } = (await created.json()) as { id: string };
      const first = await new Client(servers[0].url).joinOrCreate("lounge", { loungeId: id, name: "Opener", avatar: "fox" });
      first.reconnection.enabled = false;
      const host = servers.find((s) => s.lines.some((l) => l.includes("lounge opened") && l.includes(id))) ?? servers[0];
      const survivor = servers.find((s) => s !== host) ?? servers[1];
      const inside = new LoungeConnection(survivor.url, { loungeId: id, name: "Inside", avatar: "cat" });
      await inside.join();
      const seat = inside.sessionId;

      const exited = new Promise((r) => host.child.once("exit", r));
      host.child.kill("SIGKILL");
      await exited;
      const killedAt = Date.now();
      const newcomer = await until("a newcomer to get in", () => new Client(survivor.url).joinOrCreate("lounge", { loungeId: id, name: "Newcomer", avatar: "owl" }));
      reopen.push(Date.now() - killedAt);
      await until("the person inside to be back", async () => (inside.connected && inside.sessionId !== seat) || undefined);
      back.push(Date.now() - killedAt);
      say(`  round ${round}: joinable again after ${(reopen.at(-1)! / 1000).toFixed(1)} s, the person inside back by themselves after ${(back.at(-1)! / 1000).toFixed(1)} s`);
      if ((reopen.at(-1) ?? 0) > GOAL_MS) {
        // Say why: what the survivor logged since the kill (warnings and errors; info with BENCH_DEBUG).
        const since = survivor.lines.filter((l) => { try { const e = JSON.parse(l) as { time: number; level: number }; return e.time >= killedAt && (e.level >= 40 || !!process.env.BENCH_DEBUG); } catch { return false; } });
        for (const line of since.slice(0, 20)) say(`    survivor: ${line}`);
      }
      newcomer.reconnection.enabled = false;
      await Promise.allSettled([newcomer.leave(true), inside.leave()]);
      servers.splice(servers.indexOf(host), 1);
      servers.push(await startProcess(db.url, redis.toString()));
    }
  } finally {
    await Promise.allSettled(servers.map((s) => s.stop("SIGKILL")));
    await db.drop();
  }
  const s = (ms: number | null) => `${((ms ?? NaN) / 1000).toFixed(1)} s`;
  const r = percentiles(reopen);
  const b = percentiles(back);
  say(`  kill -9 → joinable through the survivor: p50 ${s(r.p50)}, max ${s(r.max)} (goal under ${GOAL_MS / 1000} s: ${(r.max ?? Infinity) < GOAL_MS ? "met" : "NOT MET"})`);
  say(`  kill -9 → the person inside back by themselves: p50 ${s(b.p50)}, max ${s(b.max)}`);
  return 0;
}

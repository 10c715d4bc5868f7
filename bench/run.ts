// `npm run bench`: starts a lounge server, drives N headless @colyseus/sdk clients from W worker
// processes across L lounges, and prints throughput, latencies and server cost per client.
//   npm run bench -- --clients 200 --lounges 10 --workers 4 --seconds 30
import { fork, spawn } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import net from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i >= 0 ? process.argv[i + 1] : process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
};
const opts = { clients: arg("clients", 200), lounges: arg("lounges", 10), workers: arg("workers", 4), seconds: arg("seconds", 30) };

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)); });
});
const TICKS = 100; // USER_HZ on Linux
async function cpuTicks(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1].split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}
async function rssMiB(pid: number): Promise<number> {
  const m = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

const dataDir = await mkdtemp(path.join(tmpdir(), "chill-bench-"));
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const env = {
  PATH: process.env.PATH ?? "", PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info",
  DATA_DIR: dataDir, DATABASE_URL: process.env.BENCH_DATABASE_URL ?? "",
  // Every client chats once a second; lift the per-person chat limit so the bench measures the server.
  CHAT_BURST: "1000", CHAT_PER_SECOND: "1000",
};
console.log(`chill lounge bench: ${opts.clients} clients, ${opts.lounges} lounges, ${opts.workers} workers, ${opts.seconds} s measured`);
console.log(`server: ${env.DATABASE_URL ? "Postgres (BENCH_DATABASE_URL)" : "embedded PGlite"}, CHAT_BURST/CHAT_PER_SECOND lifted to 1000`);

const server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
const workers: ReturnType<typeof fork>[] = [];
const cleanup = async () => {
  for (const w of workers) w.kill("SIGKILL");
  server.kill("SIGTERM");
  await rm(dataDir, { recursive: true, force: true });
};
process.once("SIGINT", () => { void cleanup().then(() => process.exit(130)); });

try {
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s:\n${log}`)), 60_000);
    let up = false;
    const onData = (b: Buffer) => {
      if (up) return; // keep draining the pipe, stop keeping the log
      log += b;
      if (log.includes("chill lounge listening")) { up = true; clearTimeout(timer); resolve(); }
    };
    server.stdout.on("data", onData);
    server.stderr.on("data", onData);
    server.once("exit", (code) => { clearTimeout(timer); reject(new Error(`the server exited (${code}) before listening:\n${log}`)); });
  });
  const pid = server.pid ?? 0;
  const loungeIds: string[] = [];
  for (let i = 0; i < opts.lounges; i++) {
    const res = await fetch(`${url}/api/lounges`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `Bench ${i}`, capacity: 200 }) });
    loungeIds.push(((await res.json()) as { id: string }).id);
  }
  const per = Math.ceil(opts.clients / opts.workers);
  let joined = 0, joinFailed = 0;
  const results: Array<{ chatLatency: number[]; moveLatency: number[]; acked: number; failed: number; joinFailed: number; connected: number }> = [];
  const ready = Promise.all(Array.from({ length: opts.workers }, (_, w) => new Promise<void>((resolve) => {
    const count = Math.max(0, Math.min(per, opts.clients - w * per));
    const worker = fork(fileURLToPath(new URL("./worker.ts", import.meta.url)), { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    workers.push(worker);
    let mine = 0;
    worker.on("message", (m: { type: string } & (typeof results)[number]) => {
      if (m.type === "joined" || m.type === "join-failed") {
        if (m.type === "joined") joined++; else joinFailed++;
        if (++mine === count) resolve();
      } else if (m.type === "result") results.push(m);
    });
    worker.send({ url, loungeIds, clients: count, offset: w * per, seconds: opts.seconds, worker: w });
    if (count === 0) resolve();
  })));
  const progress = setInterval(() => process.stdout.write(`\r  ramp-up: ${joined}/${opts.clients} joined, ${joinFailed} failed   `), 500);
  await ready;
  clearInterval(progress);
  console.log(`\r  ramp-up: ${joined}/${opts.clients} joined, ${joinFailed} failed   `);

  const cpu0 = await cpuTicks(pid);
  const t0 = Date.now();
  for (const w of workers) w.send("go");
  const ticker = setInterval(async () => {
    process.stdout.write(`\r  measuring: ${Math.round((Date.now() - t0) / 1000)}/${opts.seconds} s, server RSS ${(await rssMiB(pid)).toFixed(0)} MiB   `);
  }, 2000);
  await new Promise((r) => setTimeout(r, opts.seconds * 1000));
  const cpu1 = await cpuTicks(pid);
  const rss = await rssMiB(pid);
  const elapsed = (Date.now() - t0) / 1000;
  clearInterval(ticker);
  await new Promise<void>((resolve) => { const t = setInterval(() => { if (results.length === workers.length) { clearInterval(t); resolve(); } }, 100); });

  const chat = results.flatMap((r) => r.chatLatency);
  const moves = results.flatMap((r) => r.moveLatency);
  const acked = results.reduce((n, r) => n + r.acked, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const cpuPct = ((cpu1 - cpu0) / TICKS / elapsed) * 100;
  const figures = {
    clients: opts.clients, connected: joined, joinFailed, lounges: opts.lounges, workers: opts.workers, seconds: opts.seconds,
    chatAckedPerSecond: acked / elapsed, chatRefusedOrFailed: failed,
    chatDeliveryMs: { samples: chat.length, p50: pct(chat, 50), p95: pct(chat, 95), p99: pct(chat, 99) },
    moveIntentToVisibleMs: { samples: moves.length, p50: pct(moves, 50), p95: pct(moves, 95), p99: pct(moves, 99) },
    serverCpuPercentOfOneCore: cpuPct, serverRssMiB: rss,
    serverCpuPercentPerClient: cpuPct / Math.max(1, joined), serverRssMiBPerClient: rss / Math.max(1, joined),
  };
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log("\n");
  console.table({
    "clients connected": `${joined} (${joinFailed} failed) in ${opts.lounges} lounges`,
    "chat messages/s (acknowledged)": `${figures.chatAckedPerSecond.toFixed(1)} (${failed} refused/failed)`,
    "chat send → every member p50/p95/p99": `${ms(figures.chatDeliveryMs.p50)} / ${ms(figures.chatDeliveryMs.p95)} / ${ms(figures.chatDeliveryMs.p99)} (${chat.length} deliveries)`,
    "walk intent → seen by others p50/p95/p99": `${ms(figures.moveIntentToVisibleMs.p50)} / ${ms(figures.moveIntentToVisibleMs.p95)} / ${ms(figures.moveIntentToVisibleMs.p99)} (${moves.length} observations)`,
    "server CPU (% of one core)": `${cpuPct.toFixed(1)} % total, ${figures.serverCpuPercentPerClient.toFixed(3)} % per client`,
    "server RSS": `${rss.toFixed(0)} MiB total, ${(figures.serverRssMiBPerClient * 1024).toFixed(0)} KiB per client`,
  });
  console.log("walk intent → seen: from a client sending avatar:walk to another client of the same worker seeing its avatar turn (includes the 50 ms tick and patch intervals).");
  const out = path.join(root, "bench", "results");
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, "latest.json"), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`figures written to bench/results/latest.json`);
} finally {
  await cleanup();
}

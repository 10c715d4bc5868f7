// Clock-offset error under injected network jitter. The server runs in this process, so server and
// client read the same clock and the true offset is exactly 0: the estimate *is* the error. Each
// profile puts a TCP proxy between the SDK client and the server that delays every chunk (in order,
// like a real link) by a base delay plus random jitter, separately in each direction.
// `npm run bench` runs it as part of the playback part (bench/playback-sync.ts); alone:
//   npm run bench:clock [-- --seconds 10]
import net from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { Client } from "@colyseus/sdk";
import { loadConfig } from "../server/config.ts";
import { createLoungeServer } from "../server/app.ts";
import { fileURLToPath } from "node:url";
import { ClockSync } from "../client/net/clock-sync.ts";
import type { ClockPong } from "../shared/protocol.ts";
import { RoomName } from "../shared/rooms.ts";

interface Profile { name: string; up: () => number; down: () => number }

const spiky = (base: number, jitter: number, spikeChance: number, spike: number) => () =>
  base + Math.random() * jitter + (Math.random() < spikeChance ? Math.random() * spike : 0);

const profiles: Profile[] = [
  { name: "loopback (no injection)", up: () => 0, down: () => 0 },
  { name: "LAN 1 ms ± 1", up: spiky(1, 1, 0, 0), down: spiky(1, 1, 0, 0) },
  { name: "Wi-Fi 5 ms + 0–20 jitter, 5% spikes to 100", up: spiky(5, 20, 0.05, 100), down: spiky(5, 20, 0.05, 100) },
  { name: "mobile 40 ms + 0–80 jitter, 10% spikes to 300", up: spiky(40, 80, 0.1, 300), down: spiky(40, 80, 0.1, 300) },
  { name: "asymmetric: up 5 ms, down 60 ms (+0–10)", up: spiky(5, 10, 0, 0), down: spiky(60, 10, 0, 0) },
];

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : Number(process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
}

/** Forwards `listenPort` → `targetPort`, delaying each chunk in order by the profile's delays. */
function jitterProxy(targetPort: number, profile: Profile): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const relay = (from: net.Socket, to: net.Socket, delay: () => number) => {
    let releaseAt = 0;
    from.on("data", (chunk) => {
      const at = Math.max(releaseAt, performance.now() + delay());
      releaseAt = at;
      setTimeout(() => { if (!to.destroyed) to.write(chunk); }, at - performance.now());
    });
    from.on("close", () => setTimeout(() => to.destroy(), Math.max(0, releaseAt - performance.now()) + 5));
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    sockets.add(client); sockets.add(upstream);
    client.setNoDelay(true); upstream.setNoDelay(true);
    relay(client, upstream, profile.up);
    relay(upstream, client, profile.down);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({
    port: (server.address() as net.AddressInfo).port,
    close() { for (const s of sockets) s.destroy(); server.close(); },
  })));
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export interface ClockJitterRow { profile: string; rttP50Ms: number; errorP50Ms: number; errorP95Ms: number; errorMaxMs: number; samples: number }

/**
 * For each network profile: an SDK client joins `loungeId` on `port` through a jitter proxy, pings
 * every 250 ms for `seconds`, and records |offset estimate| (the error, as the true offset is 0).
 */
export async function measureClockJitter(port: number, loungeId: string, seconds: number, say: (line: string) => void = (l) => console.log(l)): Promise<ClockJitterRow[]> {
  const rows: ClockJitterRow[] = [];
  for (const profile of profiles) {
    const proxy = await jitterProxy(port, profile);
    try {
      const room = await new Client(`http://127.0.0.1:${proxy.port}`).joinOrCreate(RoomName.lounge, { loungeId, name: "bench", avatar: "robot" });
      room.onMessage("*", () => {});
      const sync = new ClockSync({ request: (type, payload) => room.request<typeof payload, ClockPong>(type, payload) });
      await sync.burst(8, 30);
      const errors: number[] = [];
      const rtts: number[] = [];
      const end = performance.now() + seconds * 1000;
      while (performance.now() < end) {
        const t0 = performance.timeOrigin + performance.now();
        await sync.sample();
        rtts.push(performance.timeOrigin + performance.now() - t0);
        errors.push(Math.abs(sync.estimator.offset ?? NaN));
        await new Promise((r) => setTimeout(r, 250));
      }
      await room.leave(true);
      const row = { profile: profile.name, rttP50Ms: pct(rtts, 50), errorP50Ms: pct(errors, 50), errorP95Ms: pct(errors, 95), errorMaxMs: Math.max(...errors), samples: errors.length };
      rows.push(row);
      say(`  clock offset, ${profile.name}: error p95 ${row.errorP95Ms.toFixed(2)} ms`);
    } finally {
      proxy.close();
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const seconds = arg("seconds", 8);
  const dataDir = await mkdtemp(path.join(tmpdir(), "chill-bench-clock-"));
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  const lounge = await createLoungeServer({ config, log: pino({ level: "silent" }) });
  const port = await lounge.listen();
  const record = await lounge.context.lounges.create({ name: "Clock bench", visibility: "unlisted", capacity: 50, mapId: "lounge" });
  console.log(`clock-offset error under injected jitter — ${seconds} s per profile, one ping every 250 ms, estimator keeps the 8 latest samples\n`);
  let rows: ClockJitterRow[] = [];
  try {
    rows = await measureClockJitter(port, record.id, seconds);
  } finally {
    await lounge.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log("");
  console.table(rows.map((r) => ({
    profile: r.profile, "rtt p50": `${r.rttP50Ms.toFixed(1)} ms`, "error p50": `${r.errorP50Ms.toFixed(2)} ms`,
    "error p95": `${r.errorP95Ms.toFixed(2)} ms`, "error max": `${r.errorMaxMs.toFixed(2)} ms`, samples: String(r.samples),
  })));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

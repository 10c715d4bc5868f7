// Preloaded into a bench server process (`node --expose-gc --import bench/gc-hook.ts …`):
// - SIGWINCH runs a full garbage collection and prints one line `{"benchMemory":{…process.memoryUsage()}}`,
//   so the bench reads memory after a collection rather than whenever V8 last ran one.
// - SIGURG prints `{"benchStalls":{…}}`: how late the event loop ran (its delay p50/p99/max, ms) and
//   the garbage collector's pauses since the last SIGURG, then starts counting afresh, so the bench
//   can say whether slow deliveries were the server's stalls.
// (Not SIGUSR1/SIGUSR2: Node starts its inspector on one and Colyseus shuts down on the other.
// SIGWINCH and SIGURG are ignored by default.) Nothing else changes in the server.
// With BENCH_HEAP_SNAPSHOT=<dir>, each SIGWINCH also writes a V8 heap snapshot there after printing
// (compare two sizes' snapshots in Chrome DevTools' Memory panel to see what each person keeps).
import path from "node:path";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { writeHeapSnapshot } from "node:v8";

let snapshots = 0;
process.on("SIGWINCH", () => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stderr.write(`${JSON.stringify({ benchMemory: process.memoryUsage() })}\n`);
  const dir = process.env.BENCH_HEAP_SNAPSHOT;
  if (dir) writeHeapSnapshot(path.join(dir, `${process.pid}.${++snapshots}.heapsnapshot`));
});

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let pauses: number[] = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) pauses.push(e.duration); }).observe({ entryTypes: ["gc"] });

process.on("SIGURG", () => {
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const sorted = [...pauses].sort((a, b) => a - b);
  const stalls = {
    loopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
    gc: { pauses: sorted.length, totalMs: Math.round(sorted.reduce((a, b) => a + b, 0)), p99Ms: Math.round((sorted[Math.floor(sorted.length * 0.99)] ?? 0) * 10) / 10, maxMs: Math.round((sorted.at(-1) ?? 0) * 10) / 10 },
  };
  process.stderr.write(`${JSON.stringify({ benchStalls: stalls })}\n`);
  loop.reset();
  pauses = [];
});

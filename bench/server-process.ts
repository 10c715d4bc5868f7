// The lounge server under test, as a child process: started on a free loopback port with a temp
// DATA_DIR, watched for warnings and errors in its log, measured through /proc, and stopped.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import net from "node:net";
import { fileURLToPath } from "node:url";

export interface ServerLogSummary {
  /** pino level name → lines at that level (warn and above; the server runs with LOG_LEVEL=warn). */
  counts: Record<string, number>;
  /** The first distinct problems, `level: msg (count)`. */
  samples: string[];
}

/** How the server process is started: its entry point and the CPUs it may run on. */
export interface Launch { script?: string; cpus?: string }

/** The server's event-loop delay and GC pauses over a phase (bench/gc-hook.ts). */
export interface Stalls {
  loopDelayMs: { p50: number; p99: number; max: number };
  gc: { pauses: number; totalMs: number; p99Ms: number; maxMs: number };
}

/** Preloaded into the server: SIGWINCH runs a full garbage collection (bench/gc-hook.ts). */
const GC_HOOK = fileURLToPath(new URL("./gc-hook.ts", import.meta.url));

const LEVELS: Record<number, string> = { 40: "warn", 50: "error", 60: "fatal" };

/** CPU ticks per second of /proc/<pid>/stat times (USER_HZ). */
const TICKS_PER_SECOND = (() => {
  try { return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100; } catch { return 100; }
})();

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export class ServerProcess {
  readonly url: string;
  private child: ChildProcess | undefined;
  private output = "";
  private readonly problems = new Map<string, number>();
  private readonly counts: Record<string, number> = {};
  private exited: { code: number | null; signal: string | null } | undefined;
  private stopping = false;
  /** process.memoryUsage() as the server printed it after the last collectGarbage(). */
  private lastMemoryUsage: NodeJS.MemoryUsage | undefined;

  private constructor(readonly port: number, readonly dataDir: string, readonly env: Record<string, string>, private readonly launch: Launch) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /**
   * Picks a port and a temp DATA_DIR; `overrides` are the server settings the bench changes.
   * `launch.script` is the entry point (server/main.ts by default), `launch.cpus` a taskset list.
   */
  static async prepare(overrides: Record<string, string>, databaseUrl: string | undefined, launch: Launch = {}): Promise<ServerProcess> {
    const dataDir = await mkdtemp(path.join(tmpdir(), "chill-bench-"));
    const port = await freePort();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "",
      PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn",
      DATABASE_URL: databaseUrl ?? "", REDIS_URL: "",
      ...(process.env.BENCH_HEAP_SNAPSHOT ? { BENCH_HEAP_SNAPSHOT: path.resolve(process.env.BENCH_HEAP_SNAPSHOT) } : {}),
      ...overrides,
    };
    return new ServerProcess(port, dataDir, env, launch);
  }

  get pid(): number | undefined { return this.child?.pid; }
  get hasExited(): boolean { return this.exited !== undefined; }
  get exitDescription(): string {
    return this.exited ? `exited with ${this.exited.signal ?? `code ${this.exited.code}`}` : "running";
  }

  /** Starts `node --import tsx server/main.ts` (or the launch's script) and resolves once /health answers 200. */
  async start(root: string, timeoutMs: number): Promise<void> {
    // `node --import tsx` rather than the tsx CLI: the CLI runs the server in a grandchild, and the
    // pid we measure in /proc must be the server's own (taskset execs node in its own process).
    // BENCH_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it exits (open it in
    // Chrome's DevTools, Performance tab, or `npx speedscope`), to see where the server's time goes.
    const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(process.env.BENCH_CPU_PROF)] : [];
    // BENCH_NODE_FLAGS="--perf-basic-prof …": more flags for both servers' node (e.g. for `perf`).
    const extra = (process.env.BENCH_NODE_FLAGS ?? "").split(/\s+/).filter(Boolean);
    const node = [process.execPath, "--expose-gc", ...profile, ...extra, "--import", "tsx", "--import", GC_HOOK, this.launch.script ?? "server/main.ts"];
    const [command, ...args] = this.launch.cpus ? ["taskset", "-c", this.launch.cpus, ...node] : node;
    const child = spawn(command, args, { cwd: root, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    let partial = "";
    const onData = (chunk: Buffer) => {
      const text = partial + chunk.toString("utf8");
      const lines = text.split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) this.onLine(line);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => { this.exited = { code, signal }; });

    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`the server ${this.exitDescription} before it answered /health.\n${this.tail()}`);
      try {
        const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the server did not answer ${this.url}/health within ${timeoutMs / 1000} s.\n${this.tail()}`);
  }

  private onLine(line: string): void {
    if (!line.trim()) return;
    // BENCH_SERVER_OUTPUT=<file>: every line the servers print is appended there too (with
    // BENCH_NODE_FLAGS="--trace-deopt", say).
    if (process.env.BENCH_SERVER_OUTPUT) appendFileSync(process.env.BENCH_SERVER_OUTPUT, `${line}\n`);
    if (line.startsWith('{"benchStalls"')) {
      try { this.lastStalls = (JSON.parse(line) as { benchStalls: Stalls }).benchStalls; } catch { /* a torn line */ }
      return;
    }
    if (line.startsWith('{"benchMemory"')) {
      try { this.lastMemoryUsage = (JSON.parse(line) as { benchMemory: NodeJS.MemoryUsage }).benchMemory; } catch { /* a torn line: keep the last */ }
      return;
    }
    if (this.output.length < 20_000) this.output += `${line}\n`;
    let level = "output";
    let msg = line.slice(0, 200);
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed === "object" && parsed !== null) {
        const entry = parsed as { level?: unknown; msg?: unknown; err?: { message?: unknown } };
        level = typeof entry.level === "number" ? LEVELS[entry.level] ?? `level ${entry.level}` : level;
        msg = typeof entry.msg === "string" ? entry.msg : msg;
        if (typeof entry.err?.message === "string") msg += `: ${entry.err.message.slice(0, 160)}`;
      }
    } catch {
      // not a pino line (a crash trace, a warning from Node): keep it as "output"
    }
    this.counts[level] = (this.counts[level] ?? 0) + 1;
    const key = `${level}: ${msg}`;
    if (this.problems.has(key) || this.problems.size < 12) this.problems.set(key, (this.problems.get(key) ?? 0) + 1);
  }

  logSummary(): ServerLogSummary {
    return { counts: { ...this.counts }, samples: [...this.problems].map(([k, n]) => `${k} (×${n})`) };
  }

  private tail(): string {
    const lines = this.output.trim().split("\n").slice(-25);
    return lines.length && lines[0] ? `Last lines of its output:\n  ${lines.join("\n  ")}` : "It printed nothing.";
  }

  /** CPU time the server process has used so far (all its threads), in seconds. */
  async cpuSeconds(): Promise<number> {
    const stat = await readFile(`/proc/${this.pid}/stat`, "utf8");
    // The command name may contain spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime + stime
  }

  /**
   * The main thread's time on a CPU and time runnable but waiting for one (seconds), from
   * /proc/<pid>/schedstat. The event loop runs there: waiting time is the machine starving it.
   */
  async mainThreadSchedule(): Promise<{ runningSeconds: number; waitingSeconds: number }> {
    const [running, waiting] = (await readFile(`/proc/${this.pid}/schedstat`, "utf8")).trim().split(" ").map(Number);
    return { runningSeconds: running / 1e9, waitingSeconds: waiting / 1e9 };
  }

  /** Resident memory now and at its peak, in MiB. */
  async memory(): Promise<{ rssMiB: number; peakMiB: number }> {
    const status = await readFile(`/proc/${this.pid}/status`, "utf8");
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rssMiB: kib("VmRSS") / 1024, peakMiB: kib("VmHWM") / 1024 };
  }

  /**
   * A full garbage collection in the server (through bench/gc-hook.ts), then a moment to return
   * memory; resolves with the heap the server reported after it (undefined if it did not answer).
   */
  async collectGarbage(settleMs = 500): Promise<{ heapUsedMiB: number; externalMiB: number } | undefined> {
    this.lastMemoryUsage = undefined;
    if (this.child && !this.exited) this.child.kill("SIGWINCH");
    await new Promise((r) => setTimeout(r, settleMs));
    // Set by onLine() meanwhile; TypeScript cannot see that across the await.
    const m = this.lastMemoryUsage as NodeJS.MemoryUsage | undefined;
    return m && { heapUsedMiB: m.heapUsed / 2 ** 20, externalMiB: m.external / 2 ** 20 };
  }

  private lastStalls: Stalls | undefined;

  /**
   * How late the server's event loop ran and its garbage collector's pauses since the last call
   * (through bench/gc-hook.ts); the first call starts the count. Undefined if it did not answer.
   */
  async stalls(settleMs = 300): Promise<Stalls | undefined> {
    this.lastStalls = undefined;
    if (this.child && !this.exited) this.child.kill("SIGURG");
    await new Promise((r) => setTimeout(r, settleMs));
    return this.lastStalls as Stalls | undefined;
  }

  /** SIGTERM (graceful shutdown), SIGKILL after `graceMs`, then removes the temp DATA_DIR. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const child = this.child;
    if (child && !this.exited) {
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await Promise.race([gone, new Promise((r) => setTimeout(r, graceMs + 2000))]);
      clearTimeout(timer);
    }
    await rm(this.dataDir, { recursive: true, force: true });
  }

  /** Last-resort cleanup from an exit handler, where nothing can be awaited. */
  killNow(): void {
    if (this.child && !this.exited) this.child.kill("SIGKILL");
  }
}

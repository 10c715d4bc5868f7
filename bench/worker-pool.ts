// The load generator's worker processes (bench/worker.ts, forked, pinned when asked): they take
// seats in batches, measure in phases, and report who joined which room, running counters, and
// each phase's results.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { pin } from "./pinning.ts";
import type { FromWorker, PhaseResults, Role, ToWorker } from "./worker-protocol.ts";

interface WorkerHandle {
  index: number;
  proc: ChildProcess;
  ready: boolean;
  progress?: Extract<FromWorker, { type: "progress" }>;
  results?: PhaseResults;
  /** How it exited (signal or code), once it has. */
  exit?: string;
}

export class WorkerPool {
  private readonly handles: WorkerHandle[] = [];
  /** Observers by room: what "seen by every observer" waits for. */
  readonly observersIn = new Map<string, number>();
  readonly joinedByRole: Record<Role, number> = { observer: 0, walker: 0, receiver: 0 };
  joinMs: number[] = [];
  joinErrors: Record<string, number> = {};
  /** Wakes waitFor() when anything arrives. */
  private wake: () => void = () => {};

  /** Forks `count` workers, each pinned to `cpus` when given. */
  constructor(count: number, cpus: string | undefined) {
    for (let index = 0; index < count; index++) {
      const proc = fork(fileURLToPath(new URL("./worker.ts", import.meta.url)), { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
      if (cpus && proc.pid) pin(proc.pid, cpus);
      const handle: WorkerHandle = { index, proc, ready: false };
      this.handles.push(handle);
      proc.on("message", (m: FromWorker) => this.onMessage(handle, m));
      proc.once("exit", (code, signal) => { handle.exit = signal ?? `code ${code}`; this.wake(); });
    }
  }

  private onMessage(handle: WorkerHandle, m: FromWorker): void {
    if (m.type === "joined") {
      this.joinMs.push(m.ms);
      this.joinedByRole[m.role]++;
      if (m.role === "observer") this.observersIn.set(m.room, (this.observersIn.get(m.room) ?? 0) + 1);
    } else if (m.type === "join-failed") {
      this.joinErrors[m.error] = (this.joinErrors[m.error] ?? 0) + 1;
    } else if (m.type === "ready") handle.ready = true;
    else if (m.type === "progress") handle.progress = m;
    else if (m.type === "results") handle.results = m;
    this.wake();
  }

  get size(): number { return this.handles.length; }
  get joined(): number { return this.joinedByRole.observer + this.joinedByRole.walker + this.joinedByRole.receiver; }
  get failed(): number { return Object.values(this.joinErrors).reduce((a, b) => a + b, 0); }

  /** A running counter summed over the workers' latest progress reports. */
  total(key: "chatSent" | "chatAcked" | "walksSent" | "disconnects"): number {
    return this.handles.reduce((n, w) => n + (w.progress?.[key] ?? 0), 0);
  }

  sendTo(index: number, message: ToWorker): void {
    const w = this.handles[index];
    if (w.exit === undefined && w.proc.connected) w.proc.send(message);
  }

  /** Sends to every live worker; "ready" and "results" are awaited afresh after a join or a collect. */
  send(message: ToWorker | ((index: number) => ToWorker)): void {
    for (const w of this.handles) {
      const m = typeof message === "function" ? message(w.index) : message;
      if (m.type === "join") w.ready = false;
      if (m.type === "collect") w.results = undefined;
      this.sendTo(w.index, m);
    }
  }

  /** Waits until every live worker is ready (or has results); false on timeout. Calls onTick every ~2 s. */
  async waitFor(what: "ready" | "results", timeoutMs: number, onTick?: () => void): Promise<boolean> {
    const done = (w: WorkerHandle) => w.exit !== undefined || (what === "ready" ? w.ready : w.results !== undefined);
    const deadline = Date.now() + timeoutMs;
    let lastTick = Date.now();
    while (!this.handles.every(done)) {
      if (Date.now() > deadline) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.wake = () => { clearTimeout(timer); resolve(); };
      });
      if (onTick && Date.now() - lastTick >= 2000) { lastTick = Date.now(); onTick(); }
    }
    return true;
  }

  results(): PhaseResults[] {
    return this.handles.flatMap((w) => (w.results ? [w.results] : []));
  }

  /** Workers that exited or sent nothing back, described for the report. */
  failures(): string[] {
    return this.handles.filter((w) => !w.results).map((w) => `worker ${w.index} sent no results (${w.exit ? `exited: ${w.exit}` : "timed out"})`);
  }

  /** Asks every worker to leave its seats and exit; kills what is left after `graceMs`. */
  async close(graceMs = 4000): Promise<void> {
    this.send({ type: "leave" });
    const gone = Promise.all(this.handles.map((w) => w.exit !== undefined ? undefined : new Promise((r) => w.proc.once("exit", r))));
    await Promise.race([gone, new Promise((r) => setTimeout(r, graceMs))]);
    this.killAll();
  }

  killAll(): void {
    for (const w of this.handles) if (w.exit === undefined) w.proc.kill("SIGKILL");
  }
}

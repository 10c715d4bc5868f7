// The client worker processes of a bench run (bench/worker.ts, forked), and what they report:
// who joined which lounge, running counters, and the results at the end.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Membership } from "./figures.ts";
import type { Counters, FromWorker, ToWorker, WorkerJob, WorkerResults } from "./worker-protocol.ts";

interface WorkerHandle {
  index: number;
  proc: ChildProcess;
  ready: boolean;
  counters?: Counters;
  results?: WorkerResults;
  /** How it exited (signal or code), once it has. */
  exit?: string;
}

export class WorkerPool {
  private readonly handles: WorkerHandle[] = [];
  readonly membership: Membership = { loungeOf: new Map(), sizeOf: new Map() };
  readonly joinMs: number[] = [];
  readonly joinErrors: Record<string, number> = {};
  /** Wakes waitFor() when anything arrives. */
  private wake: () => void = () => {};

  /** Forks one worker and gives it its clients' lounges. */
  spawn(job: Omit<WorkerJob, "type">): void {
    const proc = fork(fileURLToPath(new URL("./worker.ts", import.meta.url)), { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const handle: WorkerHandle = { index: job.worker, proc, ready: false };
    this.handles.push(handle);
    proc.on("message", (m: FromWorker) => {
      if (m.type === "joined") {
        this.joinMs.push(m.ms);
        this.membership.loungeOf.set(m.sessionId, m.loungeId);
        this.membership.sizeOf.set(m.loungeId, (this.membership.sizeOf.get(m.loungeId) ?? 0) + 1);
      } else if (m.type === "join-failed") {
        this.joinErrors[m.error] = (this.joinErrors[m.error] ?? 0) + 1;
      } else if (m.type === "ready") handle.ready = true;
      else if (m.type === "progress") handle.counters = m.counters;
      else if (m.type === "results") handle.results = m;
      this.wake();
    });
    proc.once("exit", (code, signal) => { handle.exit = signal ?? `code ${code}`; this.wake(); });
    proc.send({ type: "job", ...job } satisfies ToWorker);
  }

  get joined(): number { return this.membership.loungeOf.size; }
  get failed(): number { return Object.values(this.joinErrors).reduce((a, b) => a + b, 0); }

  /** A counter summed over the workers' latest progress reports. */
  total(key: keyof Counters): number {
    return this.handles.reduce((n, w) => n + (w.counters?.[key] ?? 0), 0);
  }

  send(message: ToWorker): void {
    for (const w of this.handles) if (w.exit === undefined && w.proc.connected) w.proc.send(message);
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

  results(): WorkerResults[] {
    return this.handles.flatMap((w) => (w.results ? [w.results] : []));
  }

  /** Workers that exited or sent nothing back, described for the report. */
  failures(): string[] {
    return this.handles.filter((w) => !w.results).map((w) => `worker ${w.index} sent no results (${w.exit ? `exited: ${w.exit}` : "timed out"})`);
  }

  killAll(): void {
    for (const w of this.handles) if (w.exit === undefined) w.proc.kill("SIGKILL");
  }
}

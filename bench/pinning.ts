// Keeps the server under test and the load generator off each other's cores when `taskset` exists:
// the server on CPU 0, the generator's workers on the rest. Without it (or on one core) they share.
import { execFileSync } from "node:child_process";
import os from "node:os";

export interface Pinning {
  /** taskset CPU lists, or undefined when not pinned. */
  server: string | undefined;
  generator: string | undefined;
  /** How many cores the generator may use: what its CPU share is measured against. */
  generatorCores: number;
  /** One line for the report. */
  description: string;
}

function hasTaskset(): boolean {
  try { execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" }); return true; } catch { return false; }
}

export function planPinning(cpus = os.cpus().length, taskset = hasTaskset()): Pinning {
  if (!taskset || cpus < 2) {
    const why = taskset ? "one CPU" : "no taskset";
    return { server: undefined, generator: undefined, generatorCores: cpus, description: `not pinned (${why}): server and load generator share ${cpus} CPU${cpus === 1 ? "" : "s"}` };
  }
  const generator = cpus === 2 ? "1" : `1-${cpus - 1}`;
  return {
    server: "0", generator, generatorCores: cpus - 1,
    description: `taskset: server on CPU 0, load generator on CPU ${generator} (other processes are not pinned)`,
  };
}

/** Moves a running process (all its threads) onto `cpus`. */
export function pin(pid: number, cpus: string): void {
  execFileSync("taskset", ["-a", "-p", "-c", cpus, String(pid)], { stdio: "ignore" });
}

/**
 * `--pin-postgres`: moves the local Postgres (every process named `postgres`, the postmaster
 * included, so the backends it starts for the server follow) onto `cpus`, the load generator's, so
 * the server under test has its core to itself, as it would with its database on another machine.
 * Returns how to put each process back on the CPUs it had, and a line for the report. Needs the
 * right to change those processes (root, or the user Postgres runs as).
 */
export function pinPostgres(cpus: string): { restore(): void; description: string } {
  let pids: number[];
  try {
    pids = execFileSync("pgrep", ["-x", "postgres"], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    return { restore: () => undefined, description: "--pin-postgres: no local postgres process found, not pinned" };
  }
  const moved: Array<{ pid: number; cpus: string }> = [];
  const restore = () => {
    for (const m of moved.splice(0)) {
      try { pin(m.pid, m.cpus); } catch { /* gone meanwhile */ }
    }
  };
  try {
    for (const pid of pids) {
      const was = /list:\s*(\S+)/.exec(execFileSync("taskset", ["-p", "-c", String(pid)], { encoding: "utf8" }))?.[1];
      if (!was) continue;
      pin(pid, cpus);
      moved.push({ pid, cpus: was });
    }
  } catch (err) {
    restore();
    const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
    return { restore: () => undefined, description: `--pin-postgres: could not move Postgres (${why}); run as root or as Postgres' user, or pin it yourself with taskset` };
  }
  return { restore, description: `Postgres (${moved.length} processes) pinned to CPU ${cpus} for the run (--pin-postgres), put back after` };
}

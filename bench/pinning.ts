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
    description: `taskset: server on CPU 0, load generator on CPU ${generator} (Postgres and other processes are not pinned)`,
  };
}

/** Moves a running process (all its threads) onto `cpus`. */
export function pin(pid: number, cpus: string): void {
  execFileSync("taskset", ["-a", "-p", "-c", cpus, String(pid)], { stdio: "ignore" });
}

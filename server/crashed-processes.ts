// Frees the lounges of a server process that died without shutting down (kill -9, out of memory,
// a crashed host), so another process can open them again within seconds.
//
// With Redis, a lounge's room listing names the process that hosts it. A process that exits
// gracefully removes its listings; one that is killed leaves them, and Colyseus 0.18 clears them
// only when a later join happens to try that room (a 2 s IPC timeout, then a health check) or
// when a process starts. Until then every reconnection is sent to the dead process. Here each
// process repeats Colyseus' own start-up check (`healthCheckProcessId`) every DEAD_PROCESS_CHECK_MS
// for processes whose IPC channel is gone from Redis: a killed process's connections close with
// it, so its channel disappears at once, and the health check then drops its listings and
// stats. (A process that was only stalled restores its listings itself: Colyseus' "swept" receipt.)
import { matchMaker } from "@colyseus/core";
import type { Logger } from "pino";

/** Listings are scanned for orphans every this many checks (stats cover the usual case). */
const LISTING_SCAN_EVERY = 10;

export class CrashedProcessSweeper {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running = false;
  private checks = 0;

  constructor(private readonly log: Logger, private readonly everyMs: number) {}

  start(): void {
    if (this.everyMs <= 0 || this.timer) return;
    this.timer = setInterval(() => { void this.tick(); }, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    // A check waits up to Colyseus' IPC timeout (2 s): never stack them.
    if (this.running) return;
    this.running = true;
    try {
      await this.sweep(this.checks++ % LISTING_SCAN_EVERY === 0);
    } catch (err) {
      this.log.warn({ err }, "could not check for crashed processes; trying again");
    } finally {
      this.running = false;
    }
  }

  /**
   * Checks every other process that has no IPC channel in Redis, and releases those that do not
   * answer. `scanListings` also looks at the processes named by room listings: one whose stats
   * were already dropped (a room creation timed out on it) may still hold listings.
   */
  async sweep(scanListings: boolean): Promise<string[]> {
    const listening = new Set((await matchMaker.presence.channels("p:*")).map((c) => c.slice(2)));
    const candidates = new Set((await matchMaker.stats.fetchAll()).map((s) => s.processId));
    if (scanListings) for (const room of await matchMaker.query({})) candidates.add(room.processId);
    candidates.delete(matchMaker.processId);
    const silent = [...candidates].filter((id) => id && !listening.has(id));
    const released: string[] = [];
    await Promise.all(silent.map(async (processId) => {
      const alive = await matchMaker.healthCheckProcessId(processId);
      if (alive) return;
      released.push(processId);
      this.log.warn({ processId }, "a server process stopped answering; its lounges were released and open again on the next join");
    }));
    return released;
  }
}

/**
 * Before a join is matched to a lounge's listing: when the process it names has no IPC channel in
 * Redis (it was killed), run Colyseus' health check on it now. Matchmaking then finds the lounge
 * free, instead of first waiting out a seat reservation on the dead process (2 s) and only then
 * checking it. False when the listing was released (the lounge opens again on this join).
 */
export async function listingStands(listing: { processId?: string } | undefined): Promise<boolean> {
  if (!listing) return false;
  if (!listing.processId || listing.processId === matchMaker.processId) return true;
  if ((await matchMaker.presence.channels(`p:${listing.processId}`)).length > 0) return true;
  return matchMaker.healthCheckProcessId(listing.processId);
}

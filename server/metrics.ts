// What an operator graphs, in Prometheus' text format (GET /metrics): the process (CPU, memory,
// event-loop lag), lounges and people, messages received by type and refused by code, chat store
// latency, how long patch ticks wait (saturation), card-table moves and errors. One registry per
// server, so tests and several servers in one process never mix their counts.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export class Metrics {
  readonly registry = new Registry();
  readonly messagesReceived = new Counter({ name: "chill_messages_received_total", help: "Client messages received, by type (unknown types counted as 'unknown').", labelNames: ["type"], registers: [this.registry] });
  readonly messagesRefused = new Counter({ name: "chill_messages_refused_total", help: "Client messages refused with an error, by code.", labelNames: ["code"], registers: [this.registry] });
  readonly chatStoreSeconds = new Histogram({ name: "chill_chat_store_seconds", help: "Time to store a chat message before it is acknowledged.", buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [this.registry] });
  readonly patchWaitSeconds = new Histogram({ name: "chill_patch_wait_seconds", help: "How long a lounge's patch tick, once due, waited behind other lounges' ticks before it ran (server/rooms/patch-pacer.ts). Near the patch interval and above, the process is saturated: its lounges patch late and less often.", buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1], registers: [this.registry] });
  readonly tableMoves = new Counter({ name: "chill_table_moves_total", help: "Card-table moves applied (people, bots and timeouts).", labelNames: ["game"], registers: [this.registry] });
  readonly databaseErrors = new Counter({ name: "chill_database_errors_total", help: "Database writes that failed (chat, moderation, results).", registers: [this.registry] });
  readonly joins = new Counter({ name: "chill_joins_total", help: "People who took a seat in a lounge.", registers: [this.registry] });
  private readonly rooms = new Set<{ clients: { length: number } }>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "chill_" });
    // Read at scrape time from the rooms themselves: no bookkeeping that could drift.
    const rooms = this.rooms;
    new Gauge({
      name: "chill_lounges_open", help: "Lounge rooms open in this process.", registers: [this.registry],
      collect() { this.set(rooms.size); },
    });
    new Gauge({
      name: "chill_people_connected", help: "People connected to lounges in this process.", registers: [this.registry],
      collect() {
        let people = 0;
        for (const room of rooms) people += room.clients.length;
        this.set(people);
      },
    });
  }

  /** A lounge room opened (counted until `roomClosed`). */
  roomOpened(room: { clients: { length: number } }): void {
    this.rooms.add(room);
  }

  roomClosed(room: { clients: { length: number } }): void {
    this.rooms.delete(room);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

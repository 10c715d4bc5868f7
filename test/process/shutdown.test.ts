import assert from "node:assert/strict";
import postgres from "postgres";
import { Client } from "@colyseus/sdk";
import { requireService, createScratchDatabase } from "../support/services.ts";
import { startServerProcess, type ServerProcess } from "../support/process.ts";
import type { ChatAck } from "../../shared/protocol.ts";

describe("graceful shutdown (SIGTERM)", function () {
  this.timeout(60_000);
  let db: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let server: ServerProcess | undefined;

  before(async function () {
    await requireService(this, "postgres");
    db = await createScratchDatabase("chill_shutdown");
    server = await startServerProcess({ DATABASE_URL: db.url });
  });
  after(async () => {
    await server?.stop("SIGKILL");
    await db?.drop();
  });

  it("keeps every acknowledged chat message, then exits cleanly", async () => {
    assert.ok(server && db);
    const res = await fetch(`${server.url}/api/lounges`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Closing time" }) });
    const { id } = (await res.json()) as { id: string };
    const client = new Client(server.url);
    const room = await client.joinOrCreate("lounge", { loungeId: id, name: "Ada", avatar: "fox" });
    room.reconnection.enabled = false;
    room.onMessage("*", () => {});
    // Five messages in flight (the burst), and SIGTERM while they are.
    const sends = Array.from({ length: 5 }, (_, i) => room.request<unknown, ChatAck>("chat:send", { text: `last call ${i}`, nonce: `n${i}` }));
    const firstAck = await sends[0];
    const exitCode = server.stop("SIGTERM");
    const outcomes = await Promise.allSettled(sends);
    assert.equal(await exitCode, 0, `exit code; log:\n${server.lines.slice(-10).join("\n")}`);
    const acked = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value.id] : []));
    assert.ok(acked.includes(firstAck.id));
    const sql = postgres(db.url, { max: 1 });
    try {
      const rows = await sql<{ id: string }[]>`select id from chat_messages where lounge_id = ${id}`;
      const stored = new Set(rows.map((r) => Number(r.id)));
      for (const ackId of acked) assert.ok(stored.has(ackId), `acknowledged message ${ackId} is stored`);
    } finally {
      await sql.end();
    }
    assert.ok(server.lines.some((l) => l.includes("database closed")), "closed the database before exiting");
  });
});

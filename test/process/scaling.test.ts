import assert from "node:assert/strict";
import { Client, type Room } from "@colyseus/sdk";
import { requireService, createScratchDatabase, TEST_REDIS_URL } from "../support/services.ts";
import { startServerProcess, type ServerProcess } from "../support/process.ts";
import { waitFor } from "../support/wait.ts";
import { freePort } from "../support/services.ts";
import type { ChatAck } from "../../shared/protocol.ts";
import type { LoungeState } from "../../shared/state/lounge-state.ts";

describe("two server processes sharing Redis and Postgres", function () {
  this.timeout(90_000);
  let db: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  const servers: ServerProcess[] = [];
  const rooms: Room[] = [];

  before(async function () {
    await requireService(this, "postgres");
    await requireService(this, "redis");
    db = await createScratchDatabase("chill_scaling");
    // A Redis database of its own, so parallel runs and other suites do not see these rooms.
    const redis = new URL(TEST_REDIS_URL);
    redis.pathname = `/${1 + (process.pid % 15)}`;
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      servers.push(await startServerProcess({
        PORT: String(port), DATABASE_URL: db.url, REDIS_URL: redis.toString(), PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      }));
    }
  });
  after(async () => {
    await Promise.allSettled(rooms.map((r) => r.leave(true)));
    await Promise.allSettled(servers.map((s) => s.stop("SIGTERM")));
    await db?.drop();
  });

  it("lets a client that asked process B join a lounge created through process A, and chat crosses", async () => {
    const [a, b] = servers;
    const listening = JSON.parse(a.lines.find((l) => l.includes("chill lounge listening")) ?? "{}");
    assert.equal(listening.presence, "redis");
    assert.equal(listening.database, "postgres");
    const health = await (await fetch(`${b.url}/health`)).json();
    assert.deepEqual([health.ok, health.checks.redis, health.checks.database], [true, "ok", "ok (postgres)"]);

    const created = await fetch(`${a.url}/api/lounges`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Across processes" }) });
    const { id } = (await created.json()) as { id: string };
    const viaA = await new Client(a.url).joinOrCreate<LoungeState>("lounge", { loungeId: id, name: "Ada", avatar: "fox" });
    const viaB = await new Client(b.url).joinOrCreate<LoungeState>("lounge", { loungeId: id, name: "Bo", avatar: "cat" });
    rooms.push(viaA, viaB);
    assert.equal(viaA.roomId, id);
    assert.equal(viaB.roomId, id);
    await waitFor(() => viaB.state.players?.size === 2 && viaA.state.players?.size === 2, { what: "both to see each other" });

    const fromA = await viaA.request<unknown, ChatAck>("chat:send", { text: "hello from A's side", nonce: "a" });
    const fromB = await viaB.request<unknown, ChatAck>("chat:send", { text: "hello from B's side", nonce: "b" });
    await waitFor(() => viaB.state.chat.some((m) => m.id === fromA.id), { what: "A's message at B" });
    await waitFor(() => viaA.state.chat.some((m) => m.id === fromB.id), { what: "B's message at A" });

    // Either process answers the lounge list with the live count from the shared driver.
    for (const s of servers) {
      const list = await (await fetch(`${s.url}/api/lounges`)).json();
      assert.equal(list.lounges.find((l: { id: string }) => l.id === id)?.online, 2, s.url);
    }
  });
});

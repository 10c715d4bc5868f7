import assert from "node:assert/strict";
import { Client, type Room } from "@colyseus/sdk";
import { twoProcesses } from "../support/process.ts";
import { leaveAll } from "../support/lounges.ts";
import { waitFor } from "../support/wait.ts";
import { recordChat } from "../support/chat-log.ts";
import type { ChatAck } from "../../shared/protocol.ts";
import type { LoungeState } from "../../shared/state/lounge-state.ts";

describe("two server processes sharing Redis and Postgres", function () {
  this.timeout(90_000);
  // A Redis database of its own, so parallel runs and other suites do not see these rooms.
  const { servers } = twoProcesses("chill_scaling", 1 + (process.pid % 15));
  const rooms: Room[] = [];
  after(() => leaveAll(...rooms));

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
    const atA = recordChat(viaA);
    const viaB = await new Client(b.url).joinOrCreate<LoungeState>("lounge", { loungeId: id, name: "Bo", avatar: "cat" });
    const atB = recordChat(viaB);
    rooms.push(viaA, viaB);
    assert.equal(viaA.roomId, id);
    assert.equal(viaB.roomId, id);
    await waitFor(() => viaB.state.players?.size === 2 && viaA.state.players?.size === 2, { what: "both to see each other" });

    const fromA = await viaA.request<unknown, ChatAck>("chat:send", { text: "hello from A's side", nonce: "a" });
    const fromB = await viaB.request<unknown, ChatAck>("chat:send", { text: "hello from B's side", nonce: "b" });
    await waitFor(() => atB.find(fromA.id), { what: "A's message at B" });
    await waitFor(() => atA.find(fromB.id), { what: "B's message at A" });

    // Either process answers the lounge list with the live count from the shared driver.
    for (const s of servers) {
      const list = await (await fetch(`${s.url}/api/lounges`)).json();
      assert.equal(list.lounges.find((l: { id: string }) => l.id === id)?.online, 2, s.url);
    }
  });
});

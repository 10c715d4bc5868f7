// The operator's overview across processes: every process sharing Redis is listed with its address,
// and a lounge's people are listed by either process, whichever hosts the lounge.
import assert from "node:assert/strict";
import { Client, type Room } from "@colyseus/sdk";
import { twoProcesses } from "../support/process.ts";
import { leaveAll } from "../support/lounges.ts";
import { waitFor } from "../support/wait.ts";
import type { OperatorOverview } from "../../shared/operator.ts";
import type { LoungeState } from "../../shared/state/lounge-state.ts";

describe("the operator's overview with two processes sharing Redis", function () {
  this.timeout(90_000);
  const rooms: Room[] = [];
  // Before the processes stop (after hooks run in order), so the clients do not try to reconnect.
  after(() => leaveAll(...rooms));
  const { servers } = twoProcesses("chill_operator", 1 + ((process.pid + 7) % 15), { OPERATORS: "night_operator" });

  it("lists both processes, the lounge on one of them and its people, asked of either process", async () => {
    const [a, b] = servers;
    const json = { "content-type": "application/json" };
    const registered = await fetch(`${a.url}/api/auth/register`, { method: "POST", headers: json, body: JSON.stringify({ username: "night_operator", password: "operator horse battery" }) });
    assert.equal(registered.status, 201);
    const cookie = (registered.headers.getSetCookie().find((c) => c.startsWith("chill_session=")) ?? "").split(";")[0];
    const created = await fetch(`${a.url}/api/lounges`, { method: "POST", headers: json, body: JSON.stringify({ name: "Two processes" }) });
    const { id } = (await created.json()) as { id: string };
    rooms.push(await new Client(a.url).joinOrCreate<LoungeState>("lounge", { loungeId: id, name: "Ada", avatar: "fox" }));
    rooms.push(await new Client(b.url).joinOrCreate<LoungeState>("lounge", { loungeId: id, name: "Bo", avatar: "cat" }));

    const addresses = servers.map((s) => `127.0.0.1:${s.port}`).sort();
    // The lounge runs on one process: for the other, its people come over Redis from the room itself.
    for (const asked of [a, b]) {
      let overview: OperatorOverview | undefined;
      await waitFor(async () => {
        const res = await fetch(`${asked.url}/api/operator/overview`, { headers: { cookie } });
        assert.equal(res.status, 200);
        overview = (await res.json()) as OperatorOverview;
        return overview.processes.length === 2 && overview.lounges.find((l) => l.id === id)?.people === 2;
      }, { what: `both processes and the lounge's 2 people in ${asked.url}'s overview`, timeout: 15_000 })
        .catch((err: Error) => { throw new Error(`${err.message}; the last overview: ${JSON.stringify(overview)}`); });
      assert.ok(overview);
      assert.deepEqual(overview.processes.map((p) => p.address).sort(), addresses);
      assert.deepEqual(overview.processes.map((p) => p.draining), [false, false]);
      const host = overview.lounges.find((l) => l.id === id)?.processId;
      assert.equal(overview.processes.find((p) => p.processId === host)?.lounges, 1);
      assert.deepEqual(overview.people.filter((p) => p.loungeId === id).map((p) => p.name).sort(), ["Ada", "Bo"]);
      assert.deepEqual(overview.unreachable, []);
    }
  });
});

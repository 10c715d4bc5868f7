import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@colyseus/sdk";
import { startServerProcess, type ServerProcess } from "../support/process.ts";
import { freePort } from "../support/services.ts";
import type { ChatAck } from "../../shared/protocol.ts";

describe("npm start on the embedded defaults (no Postgres, no Redis)", function () {
  this.timeout(90_000);
  let dataDir: string;
  let server: ServerProcess | undefined;

  before(async () => { dataDir = await mkdtemp(path.join(tmpdir(), "chill-embedded-")); });
  after(async () => {
    await server?.stop("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });

  it("says which backends it uses, and keeps lounges and chat across a restart", async () => {
    server = await startServerProcess({ DATA_DIR: dataDir });
    const listening = JSON.parse(server.lines.find((l) => l.includes("chill lounge listening")) ?? "{}");
    assert.equal(listening.database, "pglite");
    assert.equal(listening.presence, "in-process");
    const health = await (await fetch(`${server.url}/health`)).json();
    assert.equal(health.ok, true);
    // A first start on an empty database has one public lounge to walk into.
    const listed = (await (await fetch(`${server.url}/api/lounges`)).json()) as { lounges: Array<{ name: string }> };
    assert.deepEqual(listed.lounges.map((l) => l.name), ["The Lounge"]);

    const created = await fetch(`${server.url}/api/lounges`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Embedded" }) });
    const { id } = (await created.json()) as { id: string };
    const room = await new Client(server.url).joinOrCreate("lounge", { loungeId: id, name: "Ada", avatar: "fox" });
    room.onMessage("*", () => {});
    const ack = await room.request<unknown, ChatAck>("chat:send", { text: "kept on disk", nonce: "k" });
    await room.leave(true);
    assert.equal(await server.stop("SIGTERM"), 0);

    server = await startServerProcess({ DATA_DIR: dataDir });
    const again = (await (await fetch(`${server.url}/api/lounges`)).json()) as { lounges: Array<{ name: string }> };
    assert.equal(again.lounges.filter((l) => l.name === "The Lounge").length, 1, "made once, not at every start");
    const page = await (await fetch(`${server.url}/api/lounges/${id}/messages`)).json();
    assert.deepEqual(page.messages.map((m: { id: number; text: string }) => [m.id, m.text]), [[ack.id, "kept on disk"]]);
  });

  it("exits with status 1 and one log line saying what to do when DATABASE_URL points at nothing", async () => {
    const nothing = await freePort();
    await assert.rejects(startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: `postgres://lounge:secret@127.0.0.1:${nothing}/lounge` }), (err: Error) => {
      assert.match(err.message, /exited with 1 before listening/);
      const fatal = err.message.split("\n").map((l) => { try { return JSON.parse(l); } catch { return undefined; } })
        .find((l) => l?.level === 60);
      assert.ok(fatal, `a structured fatal line in:\n${err.message}`);
      assert.match(fatal.msg, /Nothing answers there: start PostgreSQL/);
      assert.doesNotMatch(err.message, /secret/, "the password stays out of the log");
      return true;
    });
  });
});

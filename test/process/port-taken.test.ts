import assert from "node:assert/strict";
import net from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServerProcess } from "../support/process.ts";
import { createScratchDatabase, requireService } from "../support/services.ts";

/** Holds a port on loopback, the way another server would. */
async function occupyPort(): Promise<net.Server> {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve()));
  return blocker;
}

function assertExitsSayingPortTaken(err: Error, port: number): true {
  assert.match(err.message, /exited with 1 before listening/, err.message.slice(0, 2000));
  const fatal = err.message.split("\n").map((l) => { try { return JSON.parse(l); } catch { return undefined; } }).find((l) => l?.level === 60);
  assert.ok(fatal, `a structured fatal line in:\n${err.message.slice(0, 2000)}`);
  assert.match(fatal.msg, new RegExp(`Port ${port} is already in use`));
  return true;
}

describe("starting on a port that is taken", function () {
  this.timeout(60_000);
  let blocker: net.Server;
  let port: number;
  before(async () => {
    blocker = await occupyPort();
    port = (blocker.address() as net.AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it("exits with status 1 saying so, with DATABASE_URL set", async function () {
    await requireService(this, "postgres");
    const db = await createScratchDatabase("chill_port");
    try {
      await assert.rejects(startServerProcess({ PORT: String(port), DATABASE_URL: db.url }, { timeout: 20_000 }), (err: Error) => assertExitsSayingPortTaken(err, port));
    } finally {
      await db.drop();
    }
  });

  it("exits with status 1 saying so, on the embedded database", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "chill-port-"));
    try {
      await assert.rejects(startServerProcess({ PORT: String(port), DATA_DIR: dataDir }, { timeout: 30_000 }), (err: Error) => assertExitsSayingPortTaken(err, port));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { testServer } from "../support/server.ts";
import { createLounge, join, leaveAll } from "../support/lounges.ts";
import { waitFor, nextMessage } from "../support/wait.ts";
import { libraryDir, type CatalogTrack } from "../../server/tracks/catalog.ts";
import { TrackStore } from "../../server/tracks/store.ts";
import { guardedLookup, isForbiddenAddress, ownAddresses, ForbiddenAddressError } from "../../server/tracks/url-guard.ts";
import type { ErrorPayload } from "../../shared/errors.ts";

const mp3 = () => readFile(path.join(libraryDir, "neon-drizzle.mp3"));

async function post(loungeId: string, body: BodyInit, contentType: string, query = "") {
  const { baseUrl } = await testServer();
  const res = await fetch(`${baseUrl}/api/lounges/${loungeId}/tracks${query}`, { method: "POST", headers: { "content-type": contentType, "x-display-name": "Ada" }, body });
  return { status: res.status, body: await res.json() };
}

describe("adding tracks to a lounge", () => {
  it("stores an uploaded file, reads its duration from the audio and serves it with ranges", async () => {
    const { id } = await createLounge();
    const res = await post(id, await mp3(), "audio/mpeg", "?title=My%20upload&durationMs=1");
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const track = res.body as CatalogTrack;
    assert.equal(track.title, "My upload");
    assert.ok(Math.abs(track.durationMs - 30_041) < 100, `duration ${track.durationMs} comes from the audio`);
    assert.match(track.url, /^\/media\/.+\.mp3$/);
    const { baseUrl } = await testServer();
    const ranged = await fetch(`${baseUrl}${track.url}`, { headers: { range: "bytes=0-9" } });
    assert.equal(ranged.status, 206);
    const listed = await (await fetch(`${baseUrl}/api/lounges/${id}/tracks`)).json();
    assert.ok(listed.tracks.some((t: CatalogTrack) => t.id === track.id));
  });

  it("refuses bytes that are not playable audio, and keeps nothing", async () => {
    const { id } = await createLounge();
    const res = await post(id, new TextEncoder().encode("<html>definitely not audio</html>".repeat(50)), "audio/mpeg");
    assert.equal(res.status, 415);
    assert.equal(res.body.error.code, "NOT_AUDIO");
    const { lounge } = await testServer();
    assert.deepEqual(await lounge.context.tracks.store.listForLounge(id), []);
  });

  it("copies a track from a URL", async () => {
    const { id } = await createLounge();
    const { baseUrl } = await testServer();
    const res = await post(id, JSON.stringify({ url: `${baseUrl}/tracks/neon-drizzle.mp3`, title: "Linked" }), "application/json");
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.title, "Linked");
    assert.ok(res.body.durationMs > 29_000);
    const bad = await post(id, JSON.stringify({ url: "ftp://example.com/a.mp3" }), "application/json");
    assert.equal(bad.status, 400);
  });

  it("refuses URLs on private networks, special-purpose ranges and this host's own addresses unless allowed", async () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "192.168.0.1", "172.20.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "[::1]", "::ffff:10.0.0.1", "fd00::1", "fe80::1%eth0", "64:ff9b::a00:1", "224.0.0.1"]) {
      assert.equal(isForbiddenAddress(ip), true, ip);
    }
    assert.equal(isForbiddenAddress("93.184.216.34"), false);
    assert.equal(isForbiddenAddress("2606:2800:220:1:248:1893:25c8:1946"), false);
    // A public address is refused when it is one of this host's own.
    assert.equal(isForbiddenAddress("93.184.216.34", new Set(["93.184.216.34"])), true);
    // …also written as IPv6 in hex, as `new URL("http://[::ffff:93.184.216.34]/").hostname` prints it.
    assert.equal(isForbiddenAddress(new URL("http://[::ffff:93.184.216.34]/").hostname, new Set(["93.184.216.34"])), true);
    const own = [...ownAddresses()];
    assert.ok(own.includes("127.0.0.1"), `interfaces read: ${own.join(", ")}`);
    for (const ip of own) assert.equal(isForbiddenAddress(ip), true, `own address ${ip}`);

    const { lounge } = await testServer();
    const strict = new TrackStore(lounge.database.db, "/nonexistent", { maxBytes: 1e6, maxMs: 1e6, allowPrivateUrls: false });
    // Every interface of this machine, whatever range it is in (here one sits in a documentation range).
    for (const ip of own) {
      const host = ip.includes(":") ? `[${ip.replace(/%.*$/, "")}]` : ip;
      await assert.rejects(strict.addFromUrl(`http://${host}:${lounge.config.PORT}/tracks/neon-drizzle.mp3`, { loungeId: "x", addedBy: "t" }),
        (err: Error & { code?: string }) => { assert.equal(err.code, "INVALID_URL", `${ip}: ${err.message}`); return true; });
    }
    await assert.rejects(strict.addFromUrl(`http://localhost:${lounge.config.PORT}/tracks/neon-drizzle.mp3`, { loungeId: "x", addedBy: "t" }), /private networks or on this server/);
  });

  it("refuses a name that resolves to a public and a private address at once", async () => {
    const twoFaced = guardedLookup((_host, _opts, cb) => cb(null, [{ address: "93.184.216.34", family: 4 }, { address: "10.0.0.5", family: 4 }]));
    const outcome = await new Promise<unknown>((resolve) => twoFaced("rebind.example", { all: true }, (err) => resolve(err)));
    assert.ok(outcome instanceof ForbiddenAddressError);
    const publicOnly = guardedLookup((_host, _opts, cb) => cb(null, [{ address: "93.184.216.34", family: 4 }]));
    const address = await new Promise<unknown>((resolve) => publicOnly("ok.example", {}, (_err, a) => resolve(a)));
    assert.equal(address, "93.184.216.34");
  });

  it("lets the lounge queue its own upload, but not another lounge", async () => {
    const mine = await createLounge();
    const other = await createLounge();
    const track = (await post(mine.id, await mp3(), "audio/mpeg")).body as CatalogTrack;
    const a = await join(mine.id, "Ada");
    const b = await join(other.id, "Bo");
    try {
      a.send("playback:add", { trackId: track.id });
      await waitFor(() => a.state.playback.current.trackId === track.id && a.state.playback.current.url === track.url);
      const err = nextMessage<ErrorPayload>(b, "error");
      b.send("playback:add", { trackId: track.id });
      assert.equal((await err).code, "NOT_FOUND");
    } finally {
      await leaveAll(a, b);
    }
  });
});

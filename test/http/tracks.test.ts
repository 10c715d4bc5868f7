import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { testServer } from "../support/server.ts";
import { createLounge, join, leaveAll } from "../support/lounges.ts";
import { waitFor, nextMessage } from "../support/wait.ts";
import { libraryDir, type CatalogTrack } from "../../server/tracks/catalog.ts";
import { TrackStore, isPrivateAddress } from "../../server/tracks/store.ts";
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

  it("refuses URLs on private networks unless allowed", async () => {
    assert.equal(isPrivateAddress("127.0.0.1"), true);
    assert.equal(isPrivateAddress("10.1.2.3"), true);
    assert.equal(isPrivateAddress("192.168.0.1"), true);
    assert.equal(isPrivateAddress("::1"), true);
    assert.equal(isPrivateAddress("93.184.216.34"), false);
    const { lounge } = await testServer();
    const strict = new TrackStore(lounge.database.db, "/nonexistent", { maxBytes: 1e6, maxMs: 1e6, allowPrivateUrls: false });
    await assert.rejects(strict.addFromUrl("http://127.0.0.1:1/x.mp3", { loungeId: "x", addedBy: "t" }), /private networks/);
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

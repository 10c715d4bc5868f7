import assert from "node:assert/strict";
import { testServer } from "../support/server.ts";
import { createLounge, join, leaveAll } from "../support/lounges.ts";
import { waitFor } from "../support/wait.ts";
import type { ChatPageDto, LoungeDto } from "../../shared/api.ts";

async function api(path: string, init: RequestInit & { json?: unknown } = {}) {
  const { baseUrl } = await testServer();
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${baseUrl}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) }, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe("HTTP API", () => {
  it("creates a lounge with defaults and links to it", async () => {
    const res = await api("/api/lounges", { method: "POST", json: { name: "  Jazz corner " } });
    assert.equal(res.status, 201);
    const dto = res.body as LoungeDto;
    assert.equal(dto.name, "Jazz corner");
    assert.equal(dto.visibility, "public");
    assert.equal(dto.capacity, 50);
    assert.equal(dto.mapId, "lounge");
    assert.equal(res.headers.get("location"), `/api/lounges/${dto.id}`);
    const got = await api(`/api/lounges/${dto.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.name, "Jazz corner");
  });

  it("refuses bad lounge input with a JSON error that says what is wrong", async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /name/],
      [{ name: "x", capacity: 500 }, /at most 200/],
      [{ name: "x", mapId: "moon" }, /mapId/],
      [{ name: "x", visibility: "secret" }, /visibility/],
      [{ name: "x", owner: "me" }, /owner|Unrecognized/i],
    ];
    for (const [json, pattern] of cases) {
      const res = await api("/api/lounges", { method: "POST", json });
      assert.equal(res.status, 400, JSON.stringify(json));
      assert.equal(res.body.error.code, "INVALID_REQUEST");
      assert.match(res.body.error.message, pattern);
    }
    const bad = await api("/api/lounges", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, "INVALID_JSON");
  });

  it("lists public lounges with how many people are inside, and hides unlisted ones", async () => {
    const pub = await createLounge({ name: "Listed" });
    const hidden = await createLounge({ name: "Unlisted", visibility: "unlisted" });
    const a = await join(pub.id, "Ada");
    try {
      const res = await api("/api/lounges");
      const lounges = res.body.lounges as LoungeDto[];
      assert.equal(lounges.find((l) => l.id === pub.id)?.online, 1);
      assert.equal(lounges.some((l) => l.id === hidden.id), false);
      assert.equal((await api(`/api/lounges/${hidden.id}`)).status, 200, "unlisted is reachable by id");
    } finally {
      await leaveAll(a);
    }
  });

  it("answers unknown lounges and routes with a JSON 404", async () => {
    const res = await api("/api/lounges/does-not-exist");
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "NOT_FOUND");
    const route = await api("/api/nothing-here");
    assert.equal(route.status, 404);
    assert.equal(route.body.error.code, "NOT_FOUND");
  });

  it("pages chat history newest first with a cursor, lounge by lounge", async () => {
    const lounge = await createLounge();
    const other = await createLounge();
    const { lounge: server } = await testServer();
    for (let i = 0; i < 120; i++) {
      await server.context.chat.insert({ loungeId: lounge.id, authorSessionId: "s", authorUserId: null, authorName: "Ada", text: `message ${i}` });
    }
    await server.context.chat.insert({ loungeId: other.id, authorSessionId: "s", authorUserId: null, authorName: "Bo", text: "elsewhere" });
    const seen: string[] = [];
    let cursor: number | null | undefined;
    let pages = 0;
    do {
      const res = await api(`/api/lounges/${lounge.id}/messages?limit=50${cursor ? `&before=${cursor}` : ""}`);
      assert.equal(res.status, 200);
      const page = res.body as ChatPageDto;
      seen.push(...page.messages.map((m) => m.text));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.equal(seen.length, 120);
    assert.deepEqual(seen.slice(0, 2), ["message 119", "message 118"]);
    assert.equal(seen.at(-1), "message 0");
    assert.equal(seen.includes("elsewhere"), false);
    const bad = await api(`/api/lounges/${lounge.id}/messages?limit=1000`);
    assert.equal(bad.status, 400);
  });

  it("reports health with the database it checked", async () => {
    const res = await api("/health");
    assert.equal(res.status, 200);
    assert.equal(res.body.ok, true);
    assert.match(res.body.checks.database, /^ok/);
  });
});

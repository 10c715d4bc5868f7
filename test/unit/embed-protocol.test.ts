// The host↔widget protocol: the loader's hand-written check agrees with the zod schemas on good
// and bad messages, and the allowlist rules (origins, frame-ancestors) say what the issue asks.
import assert from "node:assert/strict";
import { widgetEvent, hostCommand } from "../../shared/embed/protocol.ts";
import { widgetEventProblem } from "../../shared/embed/host-check.ts";
import { frameAncestors, mayEmbed, normalizeOrigin, embedOriginsBody } from "../../shared/embed/allowlist.ts";
import { resolvePalette, widgetTheme } from "../../shared/embed/theme.ts";

const good: unknown[] = [
  { v: 1, type: "ready" },
  { v: 1, type: "joined", loungeId: "abc", sessionId: "s1", name: "Ada" },
  { v: 1, type: "message", id: 3, author: "Ada", text: "hi", at: 1700000000000, self: true },
  { v: 1, type: "people", people: [{ sessionId: "s1", name: "Ada", avatar: "fox" }] },
  { v: 1, type: "people", people: [] },
  { v: 1, type: "nowPlaying", title: null, artist: null, status: "idle" },
  { v: 1, type: "nowPlaying", title: "Late night tea", artist: "Chill", status: "playing" },
  { v: 1, type: "error", code: "JOIN_403", message: "Private." },
];

const bad: unknown[] = [
  null, "ready", 42, [], {},
  { type: "ready" },
  { v: 2, type: "ready" },
  { v: "1", type: "ready" },
  { v: 1, type: "nope" },
  { v: 1, type: "toString" },
  { v: 1, type: "ready", extra: true },
  { v: 1, type: "joined", loungeId: "abc", sessionId: "s1" },
  { v: 1, type: "message", id: "3", author: "Ada", text: "hi", at: 1, self: true },
  { v: 1, type: "message", id: 3, author: "Ada", text: "hi", at: 1, self: "yes" },
  { v: 1, type: "people", people: [{ sessionId: "s1", name: "Ada" }] },
  { v: 1, type: "people", people: [{ sessionId: "s1", name: "Ada", avatar: "fox", evil: 1 }] },
  { v: 1, type: "people", people: "everyone" },
  { v: 1, type: "nowPlaying", title: 5, artist: null, status: "idle" },
  { v: 1, type: "error", code: "X" },
];

describe("embed protocol", () => {
  it("the loader's check accepts exactly what the zod schema accepts", () => {
    for (const m of good) {
      assert.ok(widgetEvent.safeParse(m).success, `zod accepts ${JSON.stringify(m)}`);
      assert.equal(widgetEventProblem(m), undefined, `the loader accepts ${JSON.stringify(m)}`);
    }
    for (const m of bad) {
      assert.ok(!widgetEvent.safeParse(m).success, `zod refuses ${JSON.stringify(m)}`);
      assert.notEqual(widgetEventProblem(m), undefined, `the loader refuses ${JSON.stringify(m)}`);
    }
  });

  it("takes host commands of version 1 only, with checked payloads", () => {
    assert.ok(hostCommand.safeParse({ v: 1, type: "sendChat", text: "hi" }).success);
    assert.ok(hostCommand.safeParse({ v: 1, type: "setUser", name: "Ada", avatar: "owl" }).success);
    assert.ok(hostCommand.safeParse({ v: 1, type: "setTheme", theme: { accent: "#3b82f6", radius: 4, mode: "dark" } }).success);
    assert.ok(!hostCommand.safeParse({ v: 2, type: "sendChat", text: "hi" }).success);
    assert.ok(!hostCommand.safeParse({ v: 1, type: "sendChat", text: "   " }).success);
    assert.ok(!hostCommand.safeParse({ v: 1, type: "setUser", avatar: "dragon" }).success);
    assert.ok(!hostCommand.safeParse({ v: 1, type: "open" }).success, "open/close/toggle stay in the loader");
  });

  it("keeps theme values to colours, lengths and font names (they end up in CSS)", () => {
    assert.ok(widgetTheme.safeParse({ accent: "rgb(10, 20, 30)", font: "'Inter', sans-serif" }).success);
    assert.ok(!widgetTheme.safeParse({ accent: "red; background: url(https://evil.example/x)" }).success);
    assert.ok(!widgetTheme.safeParse({ font: "x; } body { display:none" }).success);
    assert.equal(resolvePalette({}, true).background, "#241b2f");
    assert.equal(resolvePalette({}, false).background, "#fbf4ec");
    assert.equal(resolvePalette({ mode: "dark", accent: "#123456" }, false).accent, "#123456");
  });

  it("normalizes owner-listed origins and refuses anything that is not one", () => {
    assert.equal(normalizeOrigin("https://Example.com/"), "https://example.com");
    assert.equal(normalizeOrigin("http://localhost:8080"), "http://localhost:8080");
    assert.equal(normalizeOrigin("https://example.com/blog"), undefined);
    assert.equal(normalizeOrigin("javascript:alert(1)"), undefined);
    assert.equal(normalizeOrigin("https://user:pw@example.com"), undefined);
    assert.ok(!embedOriginsBody.safeParse({ origins: ["example.com"] }).success);
    assert.deepEqual(embedOriginsBody.parse({ origins: ["https://a.example/"] }).origins, ["https://a.example"]);
  });

  it("frames public lounges anywhere and private ones nowhere until the owner lists sites", () => {
    assert.equal(frameAncestors("public", []), "*");
    assert.equal(frameAncestors("unlisted", []), "*");
    assert.equal(frameAncestors("private", []), "'none'");
    assert.equal(frameAncestors("private", ["https://a.example"]), "'self' https://a.example");
    assert.ok(mayEmbed("public", [], "https://any.example"));
    assert.ok(!mayEmbed("private", [], "https://any.example"));
    assert.ok(mayEmbed("public", ["https://a.example"], "https://a.example"));
    assert.ok(!mayEmbed("public", ["https://a.example"], "https://b.example"));
  });
});

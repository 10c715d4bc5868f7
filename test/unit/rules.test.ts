import assert from "node:assert/strict";
import { RateLimiter } from "../../server/features/rate-limit.ts";
import { sanitizeChatText, sanitizeDisplayName } from "../../shared/text.ts";
import { clientMessages, joinOptions } from "../../shared/protocol.ts";
import { loadConfig } from "../../server/config.ts";

describe("rate limiter", () => {
  it("allows a burst, then one per interval, and says when to retry", () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 5, perSecond: 1 }, () => now);
    for (let i = 0; i < 5; i++) assert.deepEqual(limiter.take("a"), { ok: true });
    const refused = limiter.take("a");
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.retryInMs, 1000);
    now = 999;
    assert.equal(limiter.take("a").ok, false);
    now = 2000;
    assert.equal(limiter.take("a").ok, true);
    assert.equal(limiter.take("b").ok, true, "keys are independent");
  });

  it("refills no higher than the burst after a long pause", () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 2, perSecond: 1 }, () => now);
    now = 60_000;
    assert.equal(limiter.take("a").ok, true);
    assert.equal(limiter.take("a").ok, true);
    assert.equal(limiter.take("a").ok, false);
  });
});

describe("chat text", () => {
  it("strips control and bidi characters, keeps newlines, trims", () => {
    assert.equal(sanitizeChatText("  hi\u0000\u0007 there\u202E \n\n\n\nbye  "), "hi there\n\nbye");
    assert.equal(sanitizeChatText("<b>bold</b>"), "<b>bold</b>", "markup is kept as text, never interpreted");
  });

  it("flattens display names to one line", () => {
    assert.equal(sanitizeDisplayName(" Ada\n  Lovelace\t"), "Ada Lovelace");
  });

  it("measures the 500-character limit after cleaning", () => {
    const ok = clientMessages["chat:send"].safeParse({ text: `${"a".repeat(500)}\u0000\u0000`, nonce: "n" });
    assert.equal(ok.success, true);
    const tooLong = clientMessages["chat:send"].safeParse({ text: "a".repeat(501), nonce: "n" });
    assert.equal(tooLong.success, false);
  });

  it("refuses names that are empty once cleaned", () => {
    assert.equal(joinOptions.safeParse({ name: " \u0000 ", avatar: "fox" }).success, false);
    assert.equal(joinOptions.safeParse({ name: "Ada", avatar: "fox" }).success, true);
  });
});

describe("configuration", () => {
  it("has working defaults with nothing set", () => {
    const config = loadConfig({});
    assert.equal(config.PORT, 2567);
    assert.equal(config.DATABASE_URL, undefined);
    assert.equal(config.REDIS_URL, undefined);
    assert.equal(config.pgliteDir, ".data/pglite");
    assert.equal(config.RECONNECT_SECONDS, 30);
  });

  it("names the variable that is wrong", () => {
    assert.throws(() => loadConfig({ PORT: "eighty" }), /PORT/);
    assert.throws(() => loadConfig({ DATABASE_URL: "not a url" }), /DATABASE_URL/);
  });

  it("treats an empty URL as unset", () => {
    assert.equal(loadConfig({ REDIS_URL: "" }).REDIS_URL, undefined);
  });
});

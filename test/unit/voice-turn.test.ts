// TURN credentials handed out on voice:join: one per person, expiring, checkable by the TURN server.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { FeatureHarness } from "../../server/testing/feature-harness.ts";
import { VoiceFeature } from "../../server/features/voice.ts";
import type { Config } from "../../server/config.ts";
import type { VoiceJoined } from "../../shared/features/voice.ts";

const SECRET = "turn-shared-secret-0123456789";

describe("voice: TURN credentials", () => {
  it("gives each person who joins voice their own TURN credential that expires, and nobody outside voice any", async () => {
    const config = {
      ICE_SERVERS: [{ urls: "stun:stun.example.org:3478" }],
      TURN_URLS: ["turn:turn.example.org:3478?transport=udp"], TURN_SECRET: SECRET, TURN_TTL_SECONDS: 600,
    } as unknown as Config;
    const harness = await FeatureHarness.create({ features: { voice: new VoiceFeature() }, services: { config } });
    const ada = await harness.join({ name: "Ada" });
    const bo = await harness.join({ name: "Bo" });
    const a = (await harness.send(ada, "voice:join")) as { ok: true; reply: VoiceJoined };
    const b = (await harness.send(bo, "voice:join")) as { ok: true; reply: VoiceJoined };
    const turnOf = (j: VoiceJoined) => j.iceServers.find((s) => String(s.urls).startsWith("turn:"))!;
    const [ta, tb] = [turnOf(a.reply), turnOf(b.reply)];
    assert.deepEqual(a.reply.iceServers[0], { urls: "stun:stun.example.org:3478" });
    assert.notEqual(ta.username, tb.username, "one credential per person");
    const [expiry, who] = (ta.username as string).split(":");
    assert.equal(who, ada.sessionId);
    assert.equal(Number(expiry), Math.floor(harness.clock.now() / 1000) + 600, "expires after TURN_TTL_SECONDS");
    assert.equal(ta.credential, createHmac("sha1", SECRET).update(ta.username as string).digest("base64"), "the TURN server can check it with the shared secret");
    assert.ok(!JSON.stringify(harness.seats.get(bo.sessionId)?.received ?? []).includes(SECRET), "the secret itself goes to nobody");
    await harness.dispose();
  });
});

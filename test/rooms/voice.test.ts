// Voice signalling: relayed only to the member named, only between members of this lounge's voice;
// anything else is refused with a clear error and reaches nobody.
import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import { createLounge, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { refusal, waitFor, nextMessage } from "../support/wait.ts";
import type { VoiceGone, VoiceJoined, VoiceSignal } from "../../shared/features/voice.ts";

const offer = { type: "offer", sdp: "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n" };

describe("voice signalling", () => {
  let clients: LoungeClient[] = [];
  afterEach(async () => { await leaveAll(...clients); clients = []; });

  async function lounge(...names: string[]): Promise<LoungeClient[]> {
    const { id } = await createLounge();
    const out: LoungeClient[] = [];
    for (const name of names) out.push(await join(id, name, "fox"));
    clients.push(...out);
    return out;
  }

  it("relays an offer to the member named and nobody else, and refuses every other destination clearly", async () => {
    const [ada, bo, dee] = await lounge("Ada", "Bo", "Dee");
    const [cy] = await lounge("Cy");
    const received = new Map<string, VoiceSignal[]>();
    for (const c of [ada, bo, cy, dee]) {
      received.set(c.sessionId, []);
      c.onMessage("voice:signal", (s: VoiceSignal) => received.get(c.sessionId)!.push(s));
      c.onMessage("*", () => {});
    }
    assert.equal((await refusal(ada.request("voice:signal", { to: bo.sessionId, data: offer }))).code, "FORBIDDEN", "not in voice yet");
    const joined = await ada.request<unknown, VoiceJoined>("voice:join");
    assert.ok(joined.iceServers.length > 0 && joined.iceServers.every((s) => s.urls));
    await bo.request("voice:join");
    await cy.request("voice:join");
    await waitFor(() => ada.state.voice.has(bo.sessionId) || undefined, { what: "Bo in voice" });

    await ada.request("voice:signal", { to: bo.sessionId, data: offer });
    await waitFor(() => received.get(bo.sessionId)!.length === 1 || undefined, { what: "the offer at Bo" });
    assert.deepEqual(received.get(bo.sessionId), [{ from: ada.sessionId, data: offer }]);

    const codeOf = async (payload: unknown) => (await refusal(ada.request("voice:signal", payload))).code;
    assert.equal(await codeOf({ to: ada.sessionId, data: offer }), "FORBIDDEN", "to yourself");
    assert.equal(await codeOf({ to: cy.sessionId, data: offer }), "NOT_FOUND", "to someone in another lounge");
    assert.equal(await codeOf({ to: dee.sessionId, data: offer }), "NOT_FOUND", "to someone not in voice");
    assert.equal(await codeOf({ to: bo.sessionId, data: { type: "offer", sdp: "x".repeat(20_000) } }), "MESSAGE_TOO_LARGE");
    assert.equal(await codeOf({ to: bo.sessionId, data: { type: "offer", sdp: "x".repeat(16_500) } }), "INVALID_MESSAGE", "over the SDP limit");
    assert.equal(await codeOf({ to: bo.sessionId, data: { type: "exec", cmd: "rm -rf" } }), "INVALID_MESSAGE");
    assert.equal(await codeOf({ to: bo.sessionId }), "INVALID_MESSAGE");
    // A real offer (several KB of SDP) fits.
    await ada.request("voice:signal", { to: bo.sessionId, data: { type: "offer", sdp: "a=candidate\r\n".repeat(600) } });
    await waitFor(() => received.get(bo.sessionId)!.length === 2 || undefined, { what: "the long offer at Bo" });
    await ada.request("clock:ping", { t0: 1 });
    await bo.request("clock:ping", { t0: 1 });
    assert.equal(received.get(ada.sessionId)!.length, 0);
    assert.equal(received.get(cy.sessionId)!.length, 0);
    assert.equal(received.get(dee.sessionId)!.length, 0);
  });

  it("tells the members still in voice at once when one drops or leaves voice", async () => {
    const [ada, bo, cy] = await lounge("Ada", "Bo", "Cy");
    for (const c of [ada, bo, cy]) { c.onMessage("*", () => {}); await c.request("voice:join"); }
    const goneAtAda = nextMessage<VoiceGone>(ada, "voice:gone");
    bo.reconnection.enabled = false;
    const serverSide = matchMaker.getLocalRoomById(bo.roomId)?.clients.getById(bo.sessionId);
    (serverSide?.ref as unknown as { terminate(): void }).terminate();
    assert.deepEqual(await goneAtAda, { sessionId: bo.sessionId });
    await waitFor(() => !ada.state.voice.has(bo.sessionId) || undefined, { what: "Bo out of voice" });
    const goneAgain = nextMessage<VoiceGone>(ada, "voice:gone");
    await cy.request("voice:leave");
    assert.deepEqual(await goneAgain, { sessionId: cy.sessionId });
  });
});

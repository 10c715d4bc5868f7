import assert from "node:assert/strict";
import { Packr, unpack } from "msgpackr";
import { Protocol } from "@colyseus/sdk";
import { createLounge, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { waitFor, patchBarrier } from "../support/wait.ts";
import { clientMessages, MAX_MESSAGE_BYTES, type ClientMessageType } from "../../shared/protocol.ts";
import type { ErrorPayload } from "../../shared/errors.ts";
import type { ClockPong } from "../../shared/protocol.ts";
import { chatOf } from "../support/chat-log.ts";

type Case = [type: string, payload: unknown, code: ErrorPayload["code"]];

const cases: Case[] = [
  ["chat:send", undefined, "INVALID_MESSAGE"],
  ["chat:send", null, "INVALID_MESSAGE"],
  ["chat:send", "hello", "INVALID_MESSAGE"],
  ["chat:send", [], "INVALID_MESSAGE"],
  ["chat:send", { text: 1, nonce: "n" }, "INVALID_MESSAGE"],
  ["chat:send", { text: "hi" }, "INVALID_MESSAGE"],
  ["chat:send", { text: "hi", nonce: "" }, "INVALID_MESSAGE"],
  ["chat:send", { text: "hi", nonce: "n", admin: true }, "INVALID_MESSAGE"],
  ["chat:send", { text: "y".repeat(501), nonce: "n" }, "INVALID_MESSAGE"],
  ["chat:send", { text: "z".repeat(MAX_MESSAGE_BYTES + 10), nonce: "n" }, "MESSAGE_TOO_LARGE"],
  ["chat:typing", { typing: "yes" }, "INVALID_MESSAGE"],
  ["chat:react", { messageId: -1, emoji: "👍", on: true }, "INVALID_MESSAGE"],
  ["chat:react", { messageId: 1.5, emoji: "👍", on: true }, "INVALID_MESSAGE"],
  ["chat:react", { messageId: 1, emoji: "💩", on: true }, "INVALID_MESSAGE"],
  ["chat:react", { messageId: 987654321, emoji: "👍", on: true }, "NOT_FOUND"],
  ["avatar:move", { x: Number.NaN, y: 10 }, "INVALID_MESSAGE"],
  ["avatar:move", { x: Infinity, y: 10 }, "INVALID_MESSAGE"],
  ["avatar:move", { x: "100", y: 10 }, "INVALID_MESSAGE"],
  ["avatar:move", { x: 100 }, "INVALID_MESSAGE"],
  ["avatar:move", { x: 1e12, y: 1e12 }, "OUT_OF_BOUNDS"],
  ["avatar:walk", { dx: 2, dy: 0 }, "INVALID_MESSAGE"],
  ["avatar:walk", { dx: 0.5, dy: 0 }, "INVALID_MESSAGE"],
  ["avatar:emote", { emote: "dance" }, "INVALID_MESSAGE"],
  ["admin:deleteEverything", {}, "UNKNOWN_MESSAGE"],
  ["__proto__", { polluted: true }, "UNKNOWN_MESSAGE"],
];

/** Small deterministic PRNG (mulberry32) so a failing fuzz run can be replayed from its seed. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * (depth > 2 ? 7 : 10));
  switch (pick) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return Math.floor((r() - 0.5) * 2 ** (r() * 60));
    case 3: return [Number.NaN, Infinity, -Infinity, -0, 1e308, 0.5][Math.floor(r() * 6)];
    case 4: return Array.from({ length: Math.floor(r() * 40) }, () => String.fromCodePoint(Math.floor(r() * 0x2ffff))).join("");
    case 5: return "x".repeat(Math.floor(r() ** 3 * 9000));
    case 6: return ["👍", "wave", "", " ", "<script>", "-1", "1"][Math.floor(r() * 7)];
    case 7: return Array.from({ length: Math.floor(r() * 5) }, () => randomValue(r, depth + 1));
    default: {
      const keys = ["text", "nonce", "typing", "messageId", "emoji", "on", "x", "y", "dx", "dy", "emote", "constructor", "extra"];
      const obj: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 5); i > 0; i--) obj[keys[Math.floor(r() * keys.length)]] = randomValue(r, depth + 1);
      return obj;
    }
  }
}

/**
 * A payload as the server decodes it, through the SDK's msgpack: a lone surrogate, for one, comes
 * out as other characters (so a string's length can change). The fuzz's oracle must judge what the
 * server sees, not what the test meant to send.
 */
const packr = new Packr();
function asSent(value: unknown): unknown {
  return unpack(packr.pack(value));
}

describe("bad input never harms a lounge", () => {
  let a: LoungeClient, b: LoungeClient;
  let errorsAtA: ErrorPayload[], errorsAtB: ErrorPayload[];

  beforeEach(async () => {
    const { id } = await createLounge();
    a = await join(id, "Mallory", "ghost");
    b = await join(id, "Bystander", "owl");
    errorsAtA = []; errorsAtB = [];
    a.onMessage("error", (e: ErrorPayload) => errorsAtA.push(e));
    b.onMessage("error", (e: ErrorPayload) => errorsAtB.push(e));
    a.onMessage("emote", () => {}); b.onMessage("emote", () => {});
  });
  afterEach(() => leaveAll(a, b));

  /** Every message before a request is handled before its reply: a request is a barrier. */
  async function barrier(): Promise<void> {
    const t0 = Date.now();
    const pong = await a.request<unknown, ClockPong>("clock:ping", { t0 });
    assert.equal(pong.t0, t0, "the room still answers");
  }

  it("answers each malformed, oversized, unknown or impossible message with its error and changes nothing", async () => {
    const before = JSON.stringify(b.state.toJSON());
    for (const [type, payload, code] of cases) {
      const seen = errorsAtA.length;
      a.send(type, payload);
      const error = await waitFor(() => errorsAtA[seen], { what: `an error for ${type} ${JSON.stringify(payload)?.slice(0, 60)}` });
      assert.equal(error.code, code, `${type} ${JSON.stringify(payload)?.slice(0, 80)} → ${error.message}`);
      assert.ok(error.message.length > 10, "the error says what to do");
    }
    assert.equal(errorsAtA.length, cases.length, "exactly one error per bad message");
    await patchBarrier(a, b);
    assert.equal(JSON.stringify(b.state.toJSON()), before, "the state others see did not change");
    assert.deepEqual(errorsAtB, [], "nothing reached the other client");
    await barrier();
  });

  it("lives through hostile message types and payloads whose toString or valueOf are not functions", async () => {
    // Names stay under 256 bytes: the SDK passes the header length to msgpackr OR-ed with its
    // RESERVE_START_SPACE flag, where longer lengths turn on other flags and the SDK writes a frame
    // nobody can decode (undecodable frames are their own case).
    const types: Array<string | number> = [
      "*", "_", "__proto__", "constructor", "toString", "hasOwnProperty", "", "\u0000", "chat:send\u0000",
      0, -1, 2 ** 31, 1.5, "t".repeat(200),
    ];
    const payloads: unknown[] = [
      { toString: 1 }, { valueOf: "x", toString: null }, { toJSON: 1 }, { constructor: { prototype: 1 } },
      { length: -1, 0: "x" }, [{ toString: [] }],
    ];
    const before = JSON.stringify(b.state.toJSON());
    for (const type of types) for (const payload of payloads) a.send(type as string, payload);
    const sent = types.length * payloads.length;
    await barrier();
    await waitFor(() => errorsAtA.length >= sent || undefined, { what: `an error for each of the ${sent} hostile messages` });
    assert.equal(errorsAtA.length, sent, "exactly one error per message");
    for (const e of errorsAtA) {
      assert.equal(e.code, "UNKNOWN_MESSAGE", JSON.stringify(e).slice(0, 200));
      assert.ok(typeof e.type === "string" && e.type.length <= 64, "the type is echoed as a short string");
    }
    await patchBarrier(a, b);
    assert.equal(JSON.stringify(b.state.toJSON()), before, "the state others see did not change");
    assert.deepEqual(errorsAtB, [], "nothing reached the other client");
  });

  it("answers a frame that is not valid msgpack with an error, and keeps the sender connected", async () => {
    // ROOM_DATA, the type "chat:send" as a short string, then 0xc1: a byte msgpack never uses.
    const type = Buffer.from("chat:send");
    const frame = Uint8Array.from([Protocol.ROOM_DATA, 0xa0 | type.length, ...type, 0xc1, 0xc1]);
    const seen = errorsAtA.length;
    (a.connection as unknown as { send(data: Uint8Array): void }).send(frame);
    const error = await waitFor(() => errorsAtA[seen], { what: "an error for the undecodable frame" });
    assert.equal(error.code, "INVALID_MESSAGE");
    assert.match(error.message, /could not decode/);
    await barrier();
    assert.deepEqual(errorsAtB, []);
  });

  it("rejects a bad request with the error instead of disconnecting", async () => {
    await assert.rejects(a.request("chat:send", { text: 42 }), (err: Error & { reason?: ErrorPayload }) => {
      assert.equal(err.reason?.code, "INVALID_MESSAGE");
      assert.match(err.reason?.message ?? "", /text/);
      return true;
    });
    await barrier();
  });

  it("survives thousands of random payloads against every handler", async function () {
    this.timeout(60_000);
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    const r = rng(seed);
    const types = Object.keys(clientMessages) as ClientMessageType[];
    let invalid = 0;
    const N = 3000;
    for (let i = 0; i < N; i++) {
      const type = types[Math.floor(r() * types.length)];
      const schema = clientMessages[type];
      const keys = "shape" in schema ? Object.keys(schema.shape) : [];
      const payload = r() < 0.5 || keys.length === 0 ? randomValue(r) : Object.fromEntries(keys.map((k) => [k, randomValue(r)]));
      const tooLarge = Buffer.byteLength(JSON.stringify(payload) ?? "") > MAX_MESSAGE_BYTES;
      if (tooLarge || !schema.safeParse(asSent(payload)).success) invalid++;
      a.send(type, payload);
      if (i % 500 === 499) await barrier(); // keep under the abuse limit's burst, and check liveness
    }
    await barrier();
    const schemaErrors = errorsAtA.filter((e) => e.code === "INVALID_MESSAGE" || e.code === "MESSAGE_TOO_LARGE").length;
    assert.equal(schemaErrors, invalid, `seed ${seed}: one schema error per invalid payload`);
    assert.equal(errorsAtA.filter((e) => e.code === "INTERNAL").length, 0, `seed ${seed}: no handler crashed`);
    assert.deepEqual(errorsAtB, []);
    for (const m of chatOf(b).messages) {
      assert.ok(m.text.length >= 1 && m.text.length <= 500, `seed ${seed}: only valid chat reached state`);
    }
    const p = b.state.players.get(a.sessionId);
    assert.ok(p && Number.isFinite(p.x) && Number.isFinite(p.y), `seed ${seed}: position stayed a number`);
    assert.equal(b.state.players.size, 2);
  });
});

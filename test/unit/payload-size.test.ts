// payloadSize: the size check every client message passes first (server/rooms/messages.ts).
import assert from "node:assert/strict";
import { payloadSize } from "../../server/rooms/messages.ts";

describe("message payload size", () => {
  it("measures a payload as its JSON in UTF-8 bytes, a bigint as its digits, and a cycle as too large", () => {
    assert.equal(payloadSize({ dx: 1, dy: 0 }), '{"dx":1,"dy":0}'.length);
    assert.equal(payloadSize({ text: "é" }), Buffer.byteLength('{"text":"é"}'), "UTF-8 bytes, not characters");
    assert.equal(payloadSize("hi"), 4);
    assert.equal(payloadSize(undefined), 0);
    // msgpack decodes 64-bit integers to bigints, which JSON cannot write: measured by their digits.
    assert.equal(payloadSize({ n: 2n ** 64n }), `{"n":"${2n ** 64n}"}`.length);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(payloadSize(cyclic), Infinity);
  });
});

// Who a page holds voice connections with, and how loud each one is, as avatars stand and walk.
import assert from "node:assert/strict";
import { choosePeers, isOfferer, type Positioned } from "../../client/voice/peer-choice.ts";
import { volumeAt, FULL_VOLUME_PX, SILENT_PX, TILE_PX } from "../../client/voice/falloff.ts";

const at = (id: string, tx: number, ty = 0): Positioned => ({ id, x: tx * TILE_PX, y: ty * TILE_PX });
const none = new Set<string>();

describe("voice peer choice", () => {
  it("picks the six nearest of eight people, nearest first", () => {
    const others = [at("h", 8), at("b", 2), at("g", 7), at("c", 3), at("a", 1), at("f", 6), at("d", 4), at("e", 5)];
    assert.deepEqual(choosePeers({ x: 0, y: 0 }, others, none), ["a", "b", "c", "d", "e", "f"]);
  });

  it("takes everyone when there are fewer than six, and nobody when alone", () => {
    assert.deepEqual(choosePeers({ x: 0, y: 0 }, [at("x", 20), at("y", 1)], none), ["y", "x"]);
    assert.deepEqual(choosePeers({ x: 0, y: 0 }, [], none), []);
  });

  it("keeps a connected peer at the border while a newcomer is only a little nearer", () => {
    const self = { x: 0, y: 0 };
    const five = ["a", "b", "c", "d", "e"].map((id, i) => at(id, i + 1));
    const current = new Set(["a", "b", "c", "d", "e", "f"]);
    // f is connected at 6 tiles; g walks in at 5.5 tiles: not clearly nearer, f stays.
    assert.deepEqual(choosePeers(self, [...five, at("f", 6), at("g", 5.5)], current), ["a", "b", "c", "d", "e", "f"]);
    // g walks on to 4 tiles: now clearly nearer, g takes f's place.
    assert.deepEqual(choosePeers(self, [...five, at("f", 6), at("g", 4)], current).sort(), ["a", "b", "c", "d", "e", "g"]);
  });

  it("does not flap when two people hover at the same distance around the border", () => {
    const self = { x: 0, y: 0 };
    const five = ["a", "b", "c", "d", "e"].map((id, i) => at(id, i + 1));
    let current = new Set(choosePeers(self, [...five, at("f", 6), at("g", 6.2)], none));
    assert.ok(current.has("f") && !current.has("g"));
    let changes = 0;
    for (let step = 0; step < 40; step++) {
      // f and g sway back and forth past each other by up to half a tile.
      const sway = Math.sin(step / 3) * 0.5;
      const next = new Set(choosePeers(self, [...five, at("f", 6 + sway), at("g", 6 - sway)], current));
      if ([...next].some((id) => !current.has(id))) changes++;
      current = next;
    }
    assert.equal(changes, 0);
  });

  it("re-chooses everyone after walking across the room", () => {
    const left = [at("a", 1), at("b", 1, 1), at("c", 2), at("d", 2, 2), at("e", 0, 2), at("f", 3)];
    const right = [at("p", 29), at("q", 29, 1), at("r", 28), at("s", 28, 2), at("t", 30, 2), at("u", 27)];
    const current = new Set(choosePeers({ x: 0, y: 0 }, [...left, ...right], none));
    assert.deepEqual([...current].sort(), ["a", "b", "c", "d", "e", "f"]);
    assert.deepEqual(choosePeers({ x: 30 * TILE_PX, y: 0 }, [...left, ...right], current).sort(), ["p", "q", "r", "s", "t", "u"]);
  });

  it("breaks ties by id and has exactly one offerer per pair", () => {
    assert.deepEqual(choosePeers({ x: 0, y: 0 }, [at("z", 1), at("m", -1), at("k", 0, 1)], none, { max: 2 }), ["k", "m"]);
    assert.equal(isOfferer("a1", "b2"), true);
    assert.equal(isOfferer("b2", "a1"), false);
  });
});

describe("voice volume by distance", () => {
  it("is full within two tiles, silent from six, and falls steadily between", () => {
    assert.equal(volumeAt(0), 1);
    assert.equal(volumeAt(FULL_VOLUME_PX), 1);
    assert.equal(volumeAt(SILENT_PX), 0);
    assert.equal(volumeAt(20 * TILE_PX), 0);
    assert.equal(volumeAt(Number.NaN), 0);
    let last = 1;
    for (let d = FULL_VOLUME_PX + 1; d < SILENT_PX; d += 8) {
      const v = volumeAt(d);
      assert.ok(v < last && v > 0, `volume ${v} at ${d} px is below ${last} and above 0`);
      last = v;
    }
    assert.ok(volumeAt(4 * TILE_PX) < 0.5, "halfway out is well under half as loud");
  });
});

import assert from "node:assert/strict";
import { getMap, mapIds, LoungeMap } from "../../shared/maps/index.ts";
import { findPath } from "../../shared/pathfinding.ts";
import { followPath, walkDirection, facingOf } from "../../shared/movement.ts";

describe("maps", () => {
  for (const id of mapIds) {
    it(`"${id}" has a door to spawn at and every floor tile reachable from it`, () => {
      const map = getMap(id)!;
      const doors = map.tilesOfKind("door");
      assert.ok(doors.length > 0, "has a door");
      let floor = 0;
      for (let ty = 0; ty < map.height; ty++)
        for (let tx = 0; tx < map.width; tx++)
          if (map.isWalkableTile(tx, ty)) {
            floor++;
            assert.ok(findPath(map, doors[0], { tx, ty }), `tile ${tx},${ty} unreachable from the door`);
          }
      assert.ok(floor > map.width * map.height * 0.4, "mostly floor");
    });
  }

  it("rejects a map with ragged rows or unknown tiles", () => {
    assert.throws(() => new LoungeMap({ id: "x", name: "x", tileSize: 32, rows: ["###", "##"] }), /row 1/);
    assert.throws(() => new LoungeMap({ id: "x", name: "x", tileSize: 32, rows: ["#?#"] }), /unknown tile/);
  });
});

describe("pathfinding", () => {
  const map = new LoungeMap({ id: "t", name: "t", tileSize: 10, rows: [
    "#####",
    "#...#",
    "#.#.#",
    "#.#.#",
    "#####",
  ] });

  it("goes around a wall and never cuts a blocked corner", () => {
    const path = findPath(map, { tx: 1, ty: 3 }, { tx: 3, ty: 3 })!;
    // Up the left corridor, across the top, down the right one: the pillar forbids the diagonals.
    assert.deepEqual(path, [{ tx: 1, ty: 2 }, { tx: 1, ty: 1 }, { tx: 2, ty: 1 }, { tx: 3, ty: 1 }, { tx: 3, ty: 2 }, { tx: 3, ty: 3 }]);
    for (const t of path) assert.ok(map.isWalkableTile(t.tx, t.ty));
    // Diagonal steps only where both side tiles are open.
    let prev = { tx: 1, ty: 3 };
    for (const t of path) {
      if (t.tx !== prev.tx && t.ty !== prev.ty) {
        assert.ok(map.isWalkableTile(t.tx, prev.ty) && map.isWalkableTile(prev.tx, t.ty), `cut corner at ${JSON.stringify(t)}`);
      }
      prev = t;
    }
    assert.deepEqual(path.at(-1), { tx: 3, ty: 3 });
  });

  it("returns undefined for a blocked or walled-off target", () => {
    assert.equal(findPath(map, { tx: 1, ty: 1 }, { tx: 2, ty: 2 }), undefined);
    const sealed = new LoungeMap({ id: "s", name: "s", tileSize: 10, rows: ["#####", "#.#.#", "#####"] });
    assert.equal(findPath(sealed, { tx: 1, ty: 1 }, { tx: 3, ty: 1 }), undefined);
  });
});

describe("movement", () => {
  it("follows waypoints at most the given distance per step", () => {
    const r = followPath({ x: 0, y: 0 }, [{ x: 10, y: 0 }, { x: 10, y: 10 }], 15);
    assert.deepEqual(r.pos, { x: 10, y: 5 });
    assert.equal(r.reached, 1);
    assert.equal(facingOf(r.dx, r.dy), "down");
  });

  it("slides along a wall instead of passing through it", () => {
    const map = new LoungeMap({ id: "w", name: "w", tileSize: 10, rows: ["#####", "#...#", "#####"] });
    const end = walkDirection(map, { x: 15, y: 15 }, 1, -1, 100);
    assert.ok(map.isWalkable(end.x, end.y));
    assert.ok(end.x > 30 && end.x < 40, `slid right to ${end.x}`);
    assert.ok(end.y >= 10 && end.y < 20, `stayed in the row at ${end.y}`);
  });

  it("walks right up to a wall and then stays exactly put", () => {
    const map = new LoungeMap({ id: "w", name: "w", tileSize: 32, rows: ["#####", "#...#", "#####"] });
    // Uneven step lengths, as uneven ticks give: none may leave a gap or nudge the avatar again.
    let pos = { x: 48, y: 48 };
    for (const distance of [7.3, 11.9, 5.2, 13.7, 8.8, 9.1, 12.4, 3.3, 14.9, 6.6]) pos = walkDirection(map, pos, 1, 0, distance);
    assert.ok(map.isWalkable(pos.x, pos.y));
    assert.ok(128 - pos.x < 0.1, `stopped ${128 - pos.x} px short of the wall at x=128`);
    for (const distance of [1, 4.5, 8, 16]) {
      assert.deepEqual(walkDirection(map, pos, 1, 0, distance), pos, "pushing against the wall moves nothing");
    }
    // And the same going left and up, where the tile edge itself is still inside the tile.
    let back = walkDirection(map, pos, -1, -1, 500);
    assert.deepEqual(back, { x: 32, y: 32 });
    back = walkDirection(map, back, -1, 0, 3);
    assert.deepEqual(back, { x: 32, y: 32 });
  });
});

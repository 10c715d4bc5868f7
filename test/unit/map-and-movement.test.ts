import assert from "node:assert/strict";
import { getMap, mapIds, LoungeMap } from "../../shared/maps/index.ts";
import { findPath } from "../../shared/pathfinding.ts";
import { AVATAR_SPEED, facingOf, leg, positionAt, standing, straightRuns, walkLeg, type Motion, type Point } from "../../shared/movement.ts";

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

/** The legs a held direction walks from `from` until it can go no farther (at most `max`). */
function heldWalk(map: LoungeMap, from: Point, dx: number, dy: number, max = 50): Motion[] {
  const legs: Motion[] = [];
  let at = from, t = 0;
  for (let i = 0; i < max; i++) {
    const next = walkLeg(map, at, dx, dy, t);
    if (!next) break;
    legs.push(next);
    at = { x: next.toX, y: next.toY };
    t = next.arrivesAt;
  }
  return legs;
}

describe("movement as legs", () => {
  it("places an avatar on its leg by server time: the start before, the end after, in between on the line", () => {
    const m = leg({ x: 0, y: 0 }, { x: 160, y: 0 }, 1000);
    assert.equal(m.arrivesAt, 2000, "160 px at walking speed takes a second");
    assert.deepEqual(positionAt(m, 500), { x: 0, y: 0 });
    assert.deepEqual(positionAt(m, 1250), { x: 40, y: 0 });
    assert.deepEqual(positionAt(m, 5000), { x: 160, y: 0 });
    assert.deepEqual(positionAt(standing({ x: 7, y: 9 }, 0), 99), { x: 7, y: 9 });
  });

  it("makes one leg of a straight run of waypoints and keeps every turn and the end", () => {
    const from = { x: 16, y: 16 };
    const path = [{ x: 48, y: 16 }, { x: 80, y: 16 }, { x: 112, y: 16 }, { x: 112, y: 48 }, { x: 112, y: 80 }, { x: 144, y: 112 }];
    assert.deepEqual(straightRuns(from, path), [{ x: 112, y: 16 }, { x: 112, y: 80 }, { x: 144, y: 112 }]);
    assert.deepEqual(straightRuns(from, []), []);
    // Going back the way it came is a turn, not a straight run.
    assert.deepEqual(straightRuns(from, [{ x: 48, y: 16 }, { x: 16, y: 16 }]), [{ x: 48, y: 16 }, { x: 16, y: 16 }]);
  });

  it("slides along a wall instead of passing through it, then stops in the corner", () => {
    const map = new LoungeMap({ id: "w", name: "w", tileSize: 10, rows: ["#####", "#...#", "#####"] });
    const legs = heldWalk(map, { x: 15, y: 15 }, 1, -1);
    assert.equal(legs.length, 2, JSON.stringify(legs));
    const [diagonal, slide] = legs;
    assert.ok(diagonal.toX > diagonal.x && diagonal.toY < diagonal.y, "first up and right");
    assert.equal(slide.y, slide.toY, "then along the wall, right only");
    assert.ok(slide.toX > 39 && slide.toX < 40, `up to the far wall (${slide.toX})`);
    assert.equal(slide.toY, 10, "against the top wall, still in the row");
    // Sliding goes at the sideways share of walking speed, as a held diagonal does against a wall.
    const speed = (Math.hypot(slide.toX - slide.x, slide.toY - slide.y) / (slide.arrivesAt - slide.startedAt)) * 1000;
    assert.ok(Math.abs(speed - AVATAR_SPEED * Math.SQRT1_2) < 0.01, `slides at ${speed} px/s`);
  });

  it("walks right up to a wall and then stays exactly put", () => {
    const map = new LoungeMap({ id: "w", name: "w", tileSize: 32, rows: ["#####", "#...#", "#####"] });
    const [right, ...more] = heldWalk(map, { x: 48, y: 48 }, 1, 0);
    assert.equal(more.length, 0, "one leg down the corridor");
    assert.ok(map.isWalkable(right.toX, right.toY));
    assert.ok(128 - right.toX < 0.1 && right.toX < 128, `stopped ${128 - right.toX} px short of the wall at x=128`);
    assert.equal(walkLeg(map, { x: right.toX, y: right.toY }, 1, 0, 0), undefined, "pushing against the wall moves nothing");
    // And the same going left and up, where the tile edge itself is still inside the tile.
    const back = heldWalk(map, { x: right.toX, y: right.toY }, -1, -1).at(-1)!;
    assert.deepEqual({ x: back.toX, y: back.toY }, { x: 32, y: 32 });
    assert.equal(walkLeg(map, { x: 32, y: 32 }, -1, 0, 0), undefined);
  });

  it("goes on diagonally once the wall it slid along ends", () => {
    const map = new LoungeMap({ id: "o", name: "o", tileSize: 10, rows: ["#######", "#.....#", "####..#", "####..#", "#######"] });
    const [toWall, slide, diagonal] = heldWalk(map, { x: 15, y: 15 }, 1, 1);
    assert.equal(toWall.toY, 20 - 1 / 64, "down and right to the wall below");
    assert.equal(slide.toY, toWall.toY, "slides right along it");
    assert.equal(slide.toX, 40, "until the opening");
    assert.ok(diagonal.toX > diagonal.x && diagonal.toY > diagonal.y, "then down and right into it");
  });

  it("never leaves the floor or jumps, on random maps in every direction", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 200; n++) {
      const rows = Array.from({ length: 8 }, (_, y) => Array.from({ length: 8 }, (_, x) => (x === 0 || y === 0 || x === 7 || y === 7 || rand() < 0.25 ? "#" : ".")).join(""));
      const map = new LoungeMap({ id: "r", name: "r", tileSize: 16, rows });
      const floor = [...rows.join("")].flatMap((c, i) => (c === "." ? [i] : []));
      if (floor.length === 0) continue;
      const tile = floor[Math.floor(rand() * floor.length)];
      const start = { x: (tile % 8) * 16 + 1 + rand() * 14, y: Math.floor(tile / 8) * 16 + 1 + rand() * 14 };
      const dx = Math.floor(rand() * 3) - 1, dy = Math.floor(rand() * 3) - 1;
      let at = start;
      for (const m of heldWalk(map, start, dx, dy)) {
        assert.deepEqual({ x: m.x, y: m.y }, at, `map ${n}: each leg starts where the last ended`);
        const speed = (Math.hypot(m.toX - m.x, m.toY - m.y) / (m.arrivesAt - m.startedAt)) * 1000;
        assert.ok(speed <= AVATAR_SPEED + 1e-6, `map ${n}: ${speed} px/s`);
        for (let k = 0; k <= 20; k++) {
          const p = positionAt(m, m.startedAt + ((m.arrivesAt - m.startedAt) * k) / 20);
          assert.ok(map.isWalkable(p.x, p.y), `map ${n} ${rows.join("/")}: (${p.x}, ${p.y}) walking ${dx},${dy} from ${start.x},${start.y}`);
        }
        at = { x: m.toX, y: m.toY };
      }
    }
  });

  it("faces the way it goes", () => {
    assert.equal(facingOf(1, -3), "up");
    assert.equal(facingOf(-5, 2), "left");
    assert.equal(facingOf(0, 0, "right"), "right");
  });
});

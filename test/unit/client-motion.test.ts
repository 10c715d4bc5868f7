import assert from "node:assert/strict";
import { MotionTimeline, RenderClock, defaultRenderClockOptions } from "../../client/lounge/interpolation.ts";
import { HeldKeys } from "../../client/lounge/walk-keys.ts";
import { AVATAR_SPEED, leg, standing } from "../../shared/movement.ts";

/** A route of legs, each starting where and when the last arrived. */
function route(points: { x: number; y: number }[], t0: number) {
  const legs = [];
  let t = t0;
  for (let i = 1; i < points.length; i++) { const m = leg(points[i - 1], points[i], t); legs.push(m); t = m.arrivesAt; }
  return legs;
}

describe("avatar motion on the page", () => {
  it("draws a walking avatar on its leg at the drawing time, facing the way it goes", () => {
    const tl = new MotionTimeline(standing({ x: 100, y: 100 }, 0));
    tl.push(leg({ x: 100, y: 100 }, { x: 260, y: 100 }, 1000));
    const pose = tl.at(1500);
    assert.equal(pose.x, 180);
    assert.equal(pose.facing, "right");
    assert.equal(pose.moving, true);
    assert.deepEqual([tl.at(1600).x, tl.at(5000).moving], [196, false], "then stands at the end");
  });

  it("walks through a route of legs at walking speed, never jumping, whatever the frame times", () => {
    const legs = route([{ x: 100, y: 100 }, { x: 196, y: 100 }, { x: 196, y: 36 }, { x: 260, y: 100 }], 0);
    const tl = new MotionTimeline(standing({ x: 100, y: 100 }, -1));
    for (const m of legs) tl.push(m);
    let prev = tl.at(0), t = 0;
    for (const dt of [16, 17, 33, 8, 50, 16, 100, 16]) for (let i = 0; i < 20; i++) {
      t += dt;
      const p = tl.at(t);
      const speed = (Math.hypot(p.x - prev.x, p.y - prev.y) / dt) * 1000;
      assert.ok(speed <= AVATAR_SPEED + 1e-6, `${speed.toFixed(1)} px/s at ${t} ms`);
      prev = p;
    }
    assert.deepEqual([prev.x, prev.y], [260, 100], "ends where the route ends");
  });

  it("walks across a short leg the page never saw (it passed between two patches) instead of jumping", () => {
    const [a, , c] = route([{ x: 100, y: 100 }, { x: 164, y: 100 }, { x: 164, y: 108 }, { x: 164, y: 172 }], 0);
    const tl = new MotionTimeline(a);
    tl.push(c);
    const mid = tl.at((a.arrivesAt + c.startedAt) / 2);
    assert.ok(mid.moving);
    assert.ok(Math.abs(mid.y - 104) < 1e-9 && mid.x === 164, `half way across the gap: ${JSON.stringify(mid)}`);
  });

  it("shows a jump far beyond walking speed (a reseat) at once when it comes", () => {
    const tl = new MotionTimeline(standing({ x: 100, y: 100 }, 0));
    tl.push(standing({ x: 500, y: 400 }, 50));
    assert.deepEqual([tl.at(49).x, tl.at(50).x, tl.at(60).y], [100, 500, 400]);
  });

  it("stops where the server stopped the avatar, mid-leg", () => {
    const walk = leg({ x: 0, y: 0 }, { x: 320, y: 0 }, 0);
    const tl = new MotionTimeline(walk);
    tl.push(standing({ x: 80, y: 0 }, 500));
    assert.equal(tl.at(400).x, 64);
    assert.deepEqual([tl.at(700).x, tl.at(700).moving, tl.at(700).facing], [80, false, "right"]);
  });
});

describe("the drawing clock", () => {
  it("draws far enough in the past to cover how late legs arrive, and never runs backwards", () => {
    let server = 10_000, local = 0;
    const clock = new RenderClock(() => server, () => local);
    assert.equal(clock.now(), server - defaultRenderClockOptions.initialMs);
    // Legs arrive 40–70 ms after they started: the delay covers the latest, plus a margin.
    for (const late of [40, 70, 55, 62]) { server += 50; local += 50; clock.observe(server - late); clock.now(); }
    for (let i = 0; i < 100; i++) { server += 16; local += 16; clock.now(); }
    assert.equal(clock.delayMs, Math.max(defaultRenderClockOptions.minMs, 70 + defaultRenderClockOptions.marginMs));
    // One much later leg: the drawing pauses rather than jumping back.
    const before = clock.now();
    clock.observe(server - 200);
    assert.ok(clock.now() >= before, "never runs backwards");
    assert.equal(clock.delayMs, 200 + defaultRenderClockOptions.marginMs);
  });

  it("takes up a shorter delay gradually, a few per cent faster than real time", () => {
    let server = 0, local = 0;
    const clock = new RenderClock(() => server, () => local);
    clock.observe(-250);
    const long = clock.delayMs;
    // Later legs arrive promptly: the delay shrinks, but never by more than catchUp of the time passed.
    let prev = clock.now();
    for (let i = 0; i < 400; i++) {
      server += 16; local += 16;
      if (i % 3 === 0) clock.observe(server - 5);
      const drawn = clock.now();
      assert.ok(drawn - prev <= 16 * (1 + defaultRenderClockOptions.catchUp) + 1e-9, "no jump forward");
      prev = drawn;
    }
    assert.ok(clock.delayMs < long, "the delay came down once the late leg left the window");
  });
});

describe("held walk keys", () => {
  it("turns arrows and WASD into a direction, opposite keys cancelling", () => {
    const keys = new HeldKeys();
    assert.equal(keys.press("ArrowUp"), true);
    assert.equal(keys.press("KeyD"), true);
    assert.deepEqual(keys.direction(), { dx: 1, dy: -1 });
    assert.equal(keys.press("KeyA"), true);
    assert.deepEqual(keys.direction(), { dx: 0, dy: -1 });
    assert.equal(keys.press("KeyW"), false, "a second key for the same way changes nothing");
    assert.equal(keys.release("ArrowUp"), false, "W still holds up");
    assert.equal(keys.press("KeyQ"), false, "other keys are ignored");
    assert.equal(keys.clear(), true);
    assert.deepEqual(keys.direction(), { dx: 0, dy: 0 });
  });

  it("ignores auto-repeat of a key already held", () => {
    const keys = new HeldKeys();
    assert.equal(keys.press("ArrowLeft"), true);
    assert.equal(keys.press("ArrowLeft"), false);
  });
});

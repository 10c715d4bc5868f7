import assert from "node:assert/strict";
import { ClockEstimator, playbackPosition, playbackEndsAt, correctDrift, STEER_EVERY_MS, type PlaybackClock } from "../../shared/clock.ts";

/** Deterministic PRNG for simulated network delays. */
function rng(seed: number): () => number {
  return () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };
}

/** Simulates pings over a link with the given one-way delay distributions. */
function simulate(trueOffset: number, up: () => number, down: () => number, n: number): ClockEstimator {
  const est = new ClockEstimator(8);
  let clientNow = 1_000_000;
  for (let i = 0; i < n; i++) {
    const t0 = clientNow;
    const serverNow = t0 + up() + trueOffset;
    const t1 = serverNow - trueOffset + down();
    est.add({ t0, serverNow, t1 });
    clientNow = t1 + 500;
  }
  return est;
}

describe("clock offset estimation", () => {
  it("is exact on a symmetric link without jitter", () => {
    const est = simulate(12_345.5, () => 20, () => 20, 4);
    assert.equal(est.offset, 12_345.5);
  });

  it("stays within a few ms under heavy jitter by trusting the fastest round trip", () => {
    const r = rng(7);
    // 10 ms base each way plus up to 150 ms of jitter, spiky.
    const delay = () => 10 + (r() < 0.7 ? r() * 5 : r() * 150);
    const est = simulate(-40_000, delay, delay, 8);
    assert.ok(Math.abs((est.offset ?? Infinity) - -40_000) < 5, `error ${(est.offset ?? 0) + 40_000} ms`);
  });

  it("bounds the error of an asymmetric link by half the round trip, and reports that bound", () => {
    const est = simulate(500, () => 5, () => 45, 8);
    const error = Math.abs((est.offset ?? Infinity) - 500);
    assert.equal(error, 20, "asymmetry cannot be seen, only bounded");
    assert.equal(est.uncertainty, 25);
    assert.ok(error <= (est.uncertainty ?? 0));
  });

  it("keeps only the most recent samples, so a changed route is picked up", () => {
    const est = new ClockEstimator(8);
    est.add({ t0: 0, serverNow: 1005, t1: 10 }); // old route: offset 1000, rtt 10
    for (let i = 1; i <= 8; i++) est.add({ t0: i * 1000, serverNow: i * 1000 + 2040, t1: i * 1000 + 80 }); // new: 2000
    assert.equal(est.offset, 2000);
  });

  it("ignores impossible samples", () => {
    const est = new ClockEstimator();
    assert.equal(est.add({ t0: 10, serverNow: 5, t1: 5 }), false);
    assert.equal(est.offset, undefined);
  });
});

describe("playback position", () => {
  const playing: PlaybackClock = { status: "playing", startedAt: 10_000, positionMs: 2_000, rate: 1, durationMs: 30_000 };

  it("advances with server time while playing and stands still while paused", () => {
    assert.equal(playbackPosition(playing, 13_500), 5_500);
    assert.equal(playbackPosition({ ...playing, status: "paused" }, 99_999), 2_000);
  });

  it("clamps to the track and knows when it ends", () => {
    assert.equal(playbackPosition(playing, 1_000_000), 30_000);
    assert.equal(playbackPosition(playing, 0), 0);
    assert.equal(playbackEndsAt(playing), 38_000);
    assert.equal(playbackEndsAt({ ...playing, rate: 2 }), 24_000);
  });
});

describe("drift correction", () => {
  /**
   * A player steered by correctDrift every `tickMs`: `gap` is where the room is − where the player
   * is (positive: behind). The rate chosen at a tick takes effect `lagTicks` ticks later, as a busy
   * page may apply it late. Returns the gap after each tick and the rates chosen.
   */
  function steer(startGapMs: number, { ticks = 100, tickMs = STEER_EVERY_MS, lagTicks = 0, baseRate = 1 } = {}): { gaps: number[]; rates: number[] } {
    let gap = startGapMs;
    const gaps: number[] = [];
    const rates: number[] = [];
    const playing = Array<number>(lagTicks).fill(baseRate);
    let position = 60_000;
    for (let i = 0; i < ticks; i++) {
      const fix = correctDrift(position + gap, position, baseRate);
      if (fix.action === "seek") gap = 0;
      rates.push(fix.rate);
      playing.push(fix.rate);
      const rate = playing.shift() ?? baseRate;
      // Over one tick the room moves baseRate × tick, the player rate × tick.
      gap += (baseRate - rate) * tickMs;
      position += rate * tickMs;
      gaps.push(gap);
    }
    return { gaps, rates };
  }

  it("closes a constant offset of a few ms to zero instead of leaving it", () => {
    for (const start of [6, -6, 3]) {
      const { gaps } = steer(start, { ticks: 50 });
      assert.ok(Math.abs(gaps[gaps.length - 1]) < 0.3, `${start} ms off: still ${gaps[gaps.length - 1].toFixed(2)} ms off after 5 s`);
      assert.ok(Math.abs(gaps[14]) < 1, `${start} ms off: still ${gaps[14].toFixed(2)} ms off after 1.5 s`);
    }
  });

  it("does not overshoot or oscillate, even when its rate takes effect a tick late", () => {
    for (const lagTicks of [0, 1]) {
      for (const start of [40, -40, 6, -6]) {
        const { gaps } = steer(start, { ticks: 120, lagTicks });
        for (let i = 1; i < gaps.length; i++) {
          assert.ok(Math.sign(gaps[i]) !== -Math.sign(start) || Math.abs(gaps[i]) < 0.05, `${start} ms off, lag ${lagTicks}: crossed to ${gaps[i].toFixed(2)} ms at tick ${i}`);
          assert.ok(Math.abs(gaps[i]) <= Math.abs(gaps[i - 1]) + 1e-9, `${start} ms off, lag ${lagTicks}: the gap grew at tick ${i}`);
        }
      }
    }
  });

  it("keeps the rate within ± 2 % of the room's however far off it is, and scales with the room's rate", () => {
    assert.deepEqual(correctDrift(10_000, 9_960), { action: "rate", rate: 1.02 });
    assert.deepEqual(correctDrift(10_000, 10_040), { action: "rate", rate: 0.98 });
    assert.deepEqual(correctDrift(10_000, 9_960, 1.5), { action: "rate", rate: 1.5 * 1.02 });
    const { rates } = steer(48, { ticks: 100 });
    assert.ok(rates.every((r) => r >= 0.98 && r <= 1.02), `rates chosen: ${Math.min(...rates)}–${Math.max(...rates)}`);
    // Small gaps get small nudges: 4 ms behind plays 0.8 % fast, not at the edge of the band.
    const near = correctDrift(10_000, 9_996);
    assert.ok(near.action === "rate" && near.rate > 1 && near.rate < 1.01, `4 ms behind: rate ${near.rate}`);
  });

  it("jumps over a gap past 50 ms (a dropout) at once, and leaves a gap finer than a page can read alone", () => {
    assert.deepEqual(correctDrift(10_000, 9_000), { action: "seek", toMs: 10_000, rate: 1 });
    assert.deepEqual(correctDrift(10_000, 9_910), { action: "seek", toMs: 10_000, rate: 1 });
    const { gaps } = steer(90, { ticks: 1 });
    assert.equal(gaps[0], 0);
    assert.deepEqual(correctDrift(10_000, 10_300, 1.25), { action: "seek", toMs: 10_000, rate: 1.25 });
    assert.deepEqual(correctDrift(10_000, 9_999.9), { action: "none", rate: 1 });
  });
});

import assert from "node:assert/strict";
import { ClockEstimator, playbackPosition, playbackEndsAt, correctDrift, type PlaybackClock } from "../../shared/clock.ts";

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
  it("seeks when far off, nudges the rate gently when close, and leaves small drift alone", () => {
    assert.deepEqual(correctDrift(10_000, 9_000), { action: "seek", toMs: 10_000, rate: 1 });
    const behind = correctDrift(10_000, 9_960);
    assert.equal(behind.action, "rate");
    assert.ok(behind.rate > 1 && behind.rate <= 1.02);
    const ahead = correctDrift(10_000, 10_150);
    assert.ok(ahead.action === "rate" && ahead.rate >= 0.98 && ahead.rate < 1);
    assert.deepEqual(correctDrift(10_000, 9_995), { action: "none", rate: 1 });
  });
});

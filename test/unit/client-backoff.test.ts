import assert from "node:assert/strict";
import { backoffDelay, RetrySchedule, type BackoffPolicy } from "../../client/net/backoff.ts";

const policy: BackoffPolicy = { baseMs: 400, maxMs: 6000, jitter: 0.5, giveUpAfterMs: 30_000 };

describe("reconnection backoff", () => {
  it("doubles the delay after each failed attempt, up to the maximum", () => {
    const noJitter = { ...policy, jitter: 0 };
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(a, noJitter)), [400, 800, 1600, 3200, 6000, 6000, 6000]);
  });

  it("spreads each delay between half and all of it, so pages do not retry in lockstep", () => {
    assert.equal(backoffDelay(3, policy, () => 0), 800);
    assert.equal(backoffDelay(3, policy, () => 1), 1600);
    const seen = new Set<number>();
    let seed = 3;
    const random = () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(3, policy, random);
      assert.ok(d >= 800 && d <= 1600, `delay ${d} within [800, 1600]`);
      seen.add(d);
    }
    assert.ok(seen.size > 10, "delays differ from one page to the next");
  });

  it("numbers the retries and gives up once the seat window would be over", () => {
    const schedule = new RetrySchedule({ ...policy, jitter: 0 }, 1000);
    let now = 1000;
    const attempts: number[] = [];
    for (;;) {
      const next = schedule.next(now);
      if (!next) break;
      attempts.push(next.attempt);
      assert.ok(next.at - 1000 <= 30_000, "never retries after the window");
      now = next.at + 50; // the attempt itself takes a moment and fails
    }
    assert.deepEqual(attempts, [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(schedule.attempts, 7);
  });
});

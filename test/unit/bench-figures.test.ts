import assert from "node:assert/strict";
import { bucketPercentiles, busyShare, chatFigures, cpuList, cpusBusyShare, median, parseCpuTimes, parseBuckets, percentiles, ratio, slopePerPerson, walkFigures } from "../../bench/figures.ts";
import { planSeats } from "../../bench/seating.ts";
import { parseOptions } from "../../bench/options.ts";
import { ratioByRound, type ServerRun } from "../../bench/load-report.ts";

describe("bench figures (the load part's sums)", () => {
  it("takes nearest-rank percentiles, and none of nothing", () => {
    const p = percentiles(Array.from({ length: 100 }, (_, i) => 100 - i));
    assert.deepEqual([p.p50, p.p95, p.p99, p.max, p.samples], [50, 95, 99, 100, 100]);
    assert.equal(percentiles([]).p50, null);
  });

  it("gives memory per person as the RSS slope between sizes, not RSS divided by people", () => {
    assert.equal(slopePerPerson([{ people: 1000, value: 200_000 }, { people: 3000, value: 220_000 }]), 10);
    // More sizes: the least-squares line through them.
    assert.equal(slopePerPerson([{ people: 0, value: 1 }, { people: 1, value: 3 }, { people: 2, value: 5 }]), 2);
    assert.equal(slopePerPerson([{ people: 1000, value: 5 }]), null);
    assert.equal(slopePerPerson([{ people: 1000, value: 5 }, { people: 1000, value: 9 }]), null);
  });

  it("reads a histogram from /metrics and gives the bucket bounds of what was counted between two reads", () => {
    const scrape = (counts: number[]) => [
      "# HELP chill_chat_store_seconds Time to store a chat message before it is acknowledged.",
      "# TYPE chill_chat_store_seconds histogram",
      ...[0.001, 0.005, 0.025, 0.1].map((le, i) => `chill_chat_store_seconds_bucket{le="${le}"} ${counts[i]}`),
      `chill_chat_store_seconds_bucket{le="+Inf"} ${counts[4]}`,
      `chill_chat_store_seconds_sum 1.5`, `chill_chat_store_seconds_count ${counts[4]}`,
      'chill_other_seconds_bucket{le="0.001"} 999',
    ].join("\n");
    const before = parseBuckets(scrape([1, 2, 3, 3, 3]), "chill_chat_store_seconds");
    assert.equal(before.get(Infinity), 3);
    assert.equal(before.size, 5, "another histogram's buckets are not mixed in");
    // In between: 10 under 1 ms, 88 more under 5 ms, one under 25 ms, one under 100 ms.
    const after = parseBuckets(scrape([11, 100, 102, 103, 103]), "chill_chat_store_seconds");
    const p = bucketPercentiles(before, after);
    assert.deepEqual([p.samples, p.p50, p.p95, p.p99, p.max], [100, 5, 5, 25, 100]);
    assert.equal(bucketPercentiles(after, after).p99, null, "nothing counted, no percentile");
  });

  it("divides lounge by bare only when both are there and bare is positive", () => {
    assert.equal(ratio(0.31, 0.14)?.toFixed(2), "2.21");
    assert.equal(ratio(0.3, 0), null);
    assert.equal(ratio(null, 0.14), null);
    assert.equal(ratio(0.3, Number.NaN), null);
  });

  it("measures the generator's busy share against the cores it was given", () => {
    assert.equal(busyShare(9, 10, 1), 0.9);
    assert.equal(busyShare(9, 10, 2), 0.45);
  });

  it("times chat to the slowest observer of the room, and counts messages an observer missed", () => {
    const sends = [
      { nonce: "a", room: "r1", at: 0, acked: true },
      { nonce: "b", room: "r1", at: 0, acked: true },
      { nonce: "c", room: "r2", at: 0, acked: true }, // nobody observes r2
      { nonce: "d", room: "r1", at: 0, acked: false },
    ];
    const deliveries = new Map([["a", [3, 9]], ["b", [4]], ["c", [1]]]);
    const f = chatFigures(sends, deliveries, (room) => (room === "r1" ? 2 : 0));
    assert.equal(f.allObserversMs.samples, 1);
    assert.equal(f.allObserversMs.max, 9);
    assert.deepEqual([f.incomplete, f.acked, f.notAcked, f.sent], [1, 3, 1, 4]);
  });

  it("pairs a turn seen with the mover's walk that faced that way", () => {
    const intents = [{ sessionId: "m", room: "r1", at: 1000, facing: "right" }, { sessionId: "m", room: "r1", at: 3000, facing: "down" }];
    const seen: Array<[string, string, number, string]> = [["o1", "m", 1040, "right"], ["o2", "m", 1060, "right"], ["o1", "m", 3020, "down"]];
    const f = walkFigures(intents, seen, () => 2);
    assert.equal(f.allObserversMs.samples, 1);
    assert.equal(f.allObserversMs.max, 60);
    assert.equal(f.notSeenByAll, 1);
  });
});

describe("bench rounds", () => {
  /** A run with only what ratioByRound reads: CPU per person at each size. */
  const run = (server: "bare" | "lounge", round: number, cpu: Record<number, number>) =>
    ({ server, round, sizes: Object.entries(cpu).map(([people, v]) => ({ people: Number(people), server: { cpuMsPerPersonPerSecond: v } })) }) as unknown as ServerRun;

  it("divides lounge by bare within each round and takes the median over rounds", () => {
    const runs = [
      run("bare", 1, { 1000: 0.1, 3000: 0.1 }), run("lounge", 1, { 1000: 0.2, 3000: 0.13 }),
      run("bare", 2, { 1000: 0.2, 3000: 0.1 }), run("lounge", 2, { 1000: 0.2, 3000: 0.15 }),
      run("bare", 3, { 1000: 0.1, 3000: 0.1 }), run("lounge", 3, { 1000: 0.15, 3000: 0.11 }),
    ];
    const [at1000, at3000] = ratioByRound(runs);
    assert.deepEqual(at1000.ratios.map((r) => +r.toFixed(2)), [2, 1, 1.5]);
    assert.equal(at1000.median?.toFixed(2), "1.50");
    assert.equal(at3000.median?.toFixed(2), "1.30");
    // Two rounds: the mean of the middle two; a size one server lacks gives no ratio.
    assert.equal(ratioByRound(runs.slice(0, 4))[0].median?.toFixed(2), "1.50");
    assert.deepEqual(ratioByRound([run("bare", 1, { 500: 0.1 }), run("lounge", 1, { 1000: 0.2 })]).map((r) => r.median), [null, null]);
  });

  it("has one median: the middle value, or the mean of the middle two, where a percentile is nearest-rank", () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([10, 9, 2]), 9, "sorted as numbers, not as text");
    assert.equal(percentiles([4, 1, 3, 2]).p50, 2, "p50 stays a sample");
    assert.equal(median([]), null);
  });
});

describe("bench seating and options", () => {
  it("fills rooms in order: two observers in the first rooms, the walkers' share spread over every room, the rest receivers", () => {
    const seats = planSeats(0, 120, { loungeSize: 50, walkersPercent: 20, observers: 4, workers: 2 });
    const count = (room: number, role: string) => seats.filter((s) => s.room === room && s.role === role).length;
    assert.deepEqual([count(0, "observer"), count(0, "walker"), count(0, "receiver")], [2, 10, 38]);
    assert.deepEqual([count(1, "observer"), count(2, "observer"), count(2, "walker"), count(2, "receiver")], [2, 0, 4, 16]);
    // The observers have a process of their own (worker 2 of workers 0–1); everyone else alternates.
    assert.deepEqual([...new Set(seats.filter((s) => s.role === "observer").map((s) => s.worker))], [2]);
    assert.deepEqual([...new Set(seats.filter((s) => s.role !== "observer").map((s) => s.worker))].sort(), [0, 1]);
    // Growing keeps who is already seated: the next batch starts where the last one ended.
    assert.deepEqual(planSeats(100, 120, { loungeSize: 50, walkersPercent: 20, observers: 4, workers: 2 }), seats.slice(100));
  });

  it("spreads each room's walkers over the walk period by who they are, the same for every server and run", () => {
    const rules = { loungeSize: 50, walkersPercent: 20, observers: 4, workers: 2 };
    const seats = planSeats(0, 1000, rules);
    for (let room = 0; room < 20; room++) {
      const at = seats.filter((s) => s.room === room && s.role === "walker").map((s) => s.walkAt).sort((x, y) => x - y);
      assert.equal(at.length, 10);
      assert.ok(at.every((x) => x >= 0 && x < 1), `room ${room}: offsets within the period`);
      // Ten walkers, no two starting within 2 % of the period (40 ms of 2 s) of each other.
      const gaps = at.slice(1).map((x, i) => x - at[i]).concat(1 - at[at.length - 1] + at[0]);
      assert.ok(Math.min(...gaps) > 0.02, `room ${room}: closest walkers ${Math.min(...gaps).toFixed(3)} of a period apart`);
    }
    // Fixed by the seat: planning again (another server, another run) gives the same offsets.
    assert.deepEqual(planSeats(0, 1000, rules).map((s) => s.walkAt), seats.map((s) => s.walkAt));
  });

  it("takes sizes as a sorted list and refuses what it cannot run", () => {
    assert.deepEqual(parseOptions(["--people", "3000,1000"], {}).people, [1000, 3000]);
    assert.deepEqual(parseOptions([], { BENCH_PEOPLE: "200" }).people, [200]);
    assert.throws(() => parseOptions(["--people", "1000,lots"], {}), /--people takes/);
    assert.throws(() => parseOptions(["--servers", "redis"], {}), /--servers takes bare, lounge/);
    assert.throws(() => parseOptions(["--clients", "5"], {}), /unknown flag --clients/);
    assert.equal(parseOptions(["--pin-postgres"], {}).pinPostgres, true);
    assert.equal(parseOptions([], { BENCH_PIN_POSTGRES: "1" }).pinPostgres, true);
    assert.equal(parseOptions([], {}).pinPostgres, false, "system processes are moved only when asked");
  });
  it("reads how busy the load side's cores were from /proc/stat, every process on them counted", () => {
    const stat = (cpu1: string) => [
      "cpu  900 0 300 5000 20 0 10 0 0 0",
      "cpu0 500 0 200 2000 10 0 5 0 0 0",
      `cpu1 ${cpu1}`,
      "intr 12345 0 0",
      "ctxt 999",
    ].join("\n");
    const before = parseCpuTimes(stat("400 0 100 3000 10 0 5 0 0 0"));
    assert.deepEqual(before.get(1), { busy: 505, total: 3515 });
    assert.equal(before.size, 2, "the all-CPU line and other lines are not CPUs");
    // 100 jiffies later on CPU 1: 70 user, 10 system, 5 softirq, 10 idle, 5 iowait: 85 % busy.
    const after = parseCpuTimes(stat("470 0 110 3010 15 0 10 0 0 0"));
    assert.equal(cpusBusyShare(before, after, [1]), 0.85);
    assert.equal(cpusBusyShare(before, after, [2]), null, "a CPU not in the readings");
    assert.deepEqual(cpuList("1"), [1]);
    assert.deepEqual(cpuList("1-3"), [1, 2, 3]);
    assert.deepEqual(cpuList("0,2-3"), [0, 2, 3]);
  });
});

// The process's patch pacer (server/rooms/patch-pacer.ts): lounges' ticks run at once until they
// have held the event loop for a slice, then wait, in order, for the loop to read the network;
// none is lost, none runs twice, a closed lounge's is dropped, a failing one stops no other.
import assert from "node:assert/strict";
import { PatchPacer } from "../../server/rooms/patch-pacer.ts";

/** A pacer on a fake clock, with "the event loop read the network" under the test's control. */
function paced(sliceMs = 5) {
  let now = 0;
  const afterIo: Array<() => void> = [];
  const errors: unknown[] = [];
  const pacer = new PatchPacer(sliceMs, () => now, (fn) => { afterIo.push(fn); }, (err) => errors.push(err));
  const ran: string[] = [];
  /** A room whose tick takes `ms` of the fake clock. */
  const room = (name: string, ms = 1) => ({ name, run: () => { ran.push(name); now += ms; } });
  const readNetwork = () => { const fns = afterIo.splice(0); for (const fn of fns) fn(); };
  return { pacer, ran, room, readNetwork, errors, afterIo, advance: (ms: number) => { now += ms; } };
}

describe("patch pacer", () => {
  it("runs ticks at once until a slice is used, then the rest in order after the network was read, a slice at a time", () => {
    const { pacer, ran, room, readNetwork } = paced(5);
    const rooms = ["a", "b", "c", "d", "e", "f", "g", "h"].map((n) => room(n, 2));
    for (const r of rooms) pacer.tick(r, r.run);
    assert.deepEqual(ran, ["a", "b", "c"], "2 ms each: the third starts at 4 ms, inside the 5 ms slice");
    assert.equal(pacer.backlog, 5);
    readNetwork();
    assert.deepEqual(ran, ["a", "b", "c", "d", "e", "f"], "the next slice, in the order they came due");
    readNetwork();
    assert.deepEqual(ran, ["a", "b", "c", "d", "e", "f", "g", "h"]);
    assert.equal(pacer.backlog, 0);
  });

  it("keeps one tick for a room whose timer fires again while it waits, and runs later ticks after those waiting", () => {
    const { pacer, ran, room, readNetwork, advance } = paced(5);
    const slow = room("slow", 6), a = room("a"), b = room("b");
    pacer.tick(slow, slow.run);
    pacer.tick(a, a.run);
    pacer.tick(a, a.run); // its timer fired again while it waited: the late tick covers both
    readNetwork();
    advance(0);
    pacer.tick(b, b.run);
    assert.deepEqual(ran, ["slow", "a", "b"]);
    readNetwork();
    assert.deepEqual(ran, ["slow", "a", "b"], "a ran once");
  });

  it("drops a closed room's waiting tick, and a tick that throws stops no other", () => {
    const { pacer, ran, room, readNetwork, errors } = paced(5);
    const slow = room("slow", 10), gone = room("gone"), bad = { run: () => { throw new Error("broken lounge"); } }, after = room("after");
    pacer.tick(slow, slow.run);
    pacer.tick(gone, gone.run);
    pacer.tick(bad, bad.run);
    pacer.tick(after, after.run);
    pacer.forget(gone);
    readNetwork();
    assert.deepEqual(ran, ["slow", "after"]);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /broken lounge/);
  });

  it("asks for no turn of the event loop once nothing waits (an idle process does not spin)", () => {
    const { pacer, room, readNetwork, afterIo } = paced(5);
    const a = room("a");
    pacer.tick(a, a.run);
    assert.equal(afterIo.length, 1, "one look after the network, to end the slice");
    readNetwork();
    assert.equal(afterIo.length, 0, "nothing waits: nothing more is asked for");
  });
});

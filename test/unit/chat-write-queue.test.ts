import assert from "node:assert/strict";
import { pino } from "pino";
import { ChatWriteQueue } from "../../server/db/chat-write-queue.ts";
import type { NewChatMessage } from "../../server/db/chat.ts";
import type { ChatMessageRow } from "../../server/db/schema.ts";

const silent = pino({ level: "silent" });
const message = (text: string): NewChatMessage => ({ loungeId: "l", authorSessionId: `s-${text}`, authorUserId: null, authorName: "Ada", text });

/** A store that records each INSERT and answers when the test says so (or at once). */
function fakeStore(opts: { manual?: boolean; fail?: (call: number) => boolean } = {}) {
  let nextId = 1;
  const calls: string[][] = [];
  const answers: Array<() => void> = [];
  return {
    calls, answers,
    insertMany(messages: readonly NewChatMessage[]): Promise<ChatMessageRow[]> {
      const call = calls.push(messages.map((m) => m.text));
      const rows = messages.map((m) => ({ ...m, authorUserId: null, id: nextId++, createdAt: new Date(), deletedAt: null }));
      const settle = () => (opts.fail?.(call) ? Promise.reject(new Error(`insert ${call} failed`)) : Promise.resolve(rows));
      if (!opts.manual) return settle();
      return new Promise((resolve, reject) => answers.push(() => { settle().then(resolve, reject); }));
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("the chat write queue (batched INSERTs, acknowledged once committed)", () => {
  it("stores messages added together with one INSERT and gives each sender its own row", async () => {
    const store = fakeStore();
    const queue = new ChatWriteQueue(store, { maxRows: 100, delayMs: 1 }, silent);
    const rows = await Promise.all(["a", "b", "c", "d", "e"].map((t) => queue.add(message(t))));
    assert.deepEqual(store.calls, [["a", "b", "c", "d", "e"]]);
    assert.deepEqual(rows.map((r) => [r.id, r.text]), [[1, "a"], [2, "b"], [3, "c"], [4, "d"], [5, "e"]]);
  });

  it("writes one batch at a time: what arrives meanwhile goes next, at most maxRows per INSERT", async () => {
    const store = fakeStore({ manual: true });
    const queue = new ChatWriteQueue(store, { maxRows: 3, delayMs: 0 }, silent);
    const all = [queue.add(message("a"))];
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(store.calls, [["a"]], "the first one went alone");
    for (const t of ["b", "c", "d", "e", "f", "g", "h"]) all.push(queue.add(message(t)));
    await tick();
    assert.equal(store.calls.length, 1, "nothing else while one INSERT is under way");
    assert.equal(queue.pending, 7);
    for (let answered = 0; answered < 4; answered++) {
      await new Promise((r) => setTimeout(r, 2));
      store.answers[answered]();
    }
    const rows = await Promise.all(all);
    assert.deepEqual(store.calls, [["a"], ["b", "c", "d"], ["e", "f", "g"], ["h"]]);
    assert.deepEqual(rows.map((r) => r.id), [1, 2, 3, 4, 5, 6, 7, 8], "ids in the order messages were added");
  });

  it("with no delay, writes a message at once (no timer), and gathers what arrives meanwhile into the next INSERT", async () => {
    const store = fakeStore({ manual: true });
    const queue = new ChatWriteQueue(store, { maxRows: 100, delayMs: 0 }, silent);
    const all = [queue.add(message("a"))];
    assert.deepEqual(store.calls, [["a"]], "the INSERT started within add(), without waiting for a turn of the event loop");
    all.push(queue.add(message("b")), queue.add(message("c")));
    assert.equal(store.calls.length, 1, "one INSERT at a time");
    store.answers[0]();
    await tick();
    assert.deepEqual(store.calls, [["a"], ["b", "c"]]);
    store.answers[1]();
    assert.deepEqual((await Promise.all(all)).map((r) => r.text), ["a", "b", "c"]);
  });

  it("rejects every message of a failed INSERT with its error, counts it once, and goes on", async () => {
    const store = fakeStore({ fail: (call) => call === 1 });
    let failures = 0;
    const queue = new ChatWriteQueue(store, { maxRows: 100, delayMs: 1 }, silent, () => { failures++; });
    const results = await Promise.allSettled(["a", "b", "c"].map((t) => queue.add(message(t))));
    assert.deepEqual(results.map((r) => r.status), ["rejected", "rejected", "rejected"]);
    for (const r of results) assert.match(String((r as PromiseRejectedResult).reason), /insert 1 failed/);
    assert.equal(failures, 1);
    const row = await queue.add(message("d"));
    assert.equal(row.text, "d");
  });

  it("flush() writes what is queued at once instead of after the delay", async () => {
    const store = fakeStore();
    const queue = new ChatWriteQueue(store, { maxRows: 100, delayMs: 60_000 }, silent);
    const a = queue.add(message("a"));
    const b = queue.add(message("b"));
    await tick();
    assert.deepEqual(store.calls, []);
    await queue.flush();
    assert.deepEqual(store.calls, [["a", "b"]]);
    assert.deepEqual((await Promise.all([a, b])).map((r) => r.text), ["a", "b"]);
    await queue.flush();
    assert.equal(queue.pending, 0);
  });
});

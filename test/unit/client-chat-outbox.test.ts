import assert from "node:assert/strict";
import { ChatOutbox, type Outgoing } from "../../client/net/chat-outbox.ts";

function outbox() {
  let n = 0;
  const box = new ChatOutbox(() => `n${++n}`);
  const seen: string[] = [];
  box.subscribe((i: Outgoing) => seen.push(`${i.nonce}:${i.status}`));
  return { box, seen };
}

describe("chat outbox (sending → sent / failed / queued)", () => {
  it("takes a message through sending to sent and lets it go", () => {
    const { box, seen } = outbox();
    const m = box.add("hello", 0);
    assert.equal(box.next(0)?.nonce, m.nonce);
    box.sending(m.nonce);
    const sent = box.sent(m.nonce, { id: 7, at: 100 });
    assert.equal(sent?.id, 7);
    assert.deepEqual(seen, ["n1:queued", "n1:sending", "n1:sent"]);
    assert.equal(box.pending().length, 0);
  });

  it("sends one message at a time, in the order they were typed", () => {
    const { box } = outbox();
    const a = box.add("first", 0);
    const b = box.add("second", 0);
    assert.equal(box.next(0)?.nonce, a.nonce);
    box.sending(a.nonce);
    assert.equal(box.next(0), undefined, "nothing else while one is in flight");
    box.sent(a.nonce, { id: 1, at: 1 });
    assert.equal(box.next(0)?.nonce, b.nonce);
  });

  it("keeps messages typed offline queued, and puts an interrupted one back at its place", () => {
    const { box } = outbox();
    const a = box.add("one", 0);
    box.add("two", 0);
    box.sending(a.nonce);
    box.interrupted(a.nonce);
    assert.deepEqual(box.pending().map((i) => [i.text, i.status]), [["one", "queued"], ["two", "queued"]]);
    assert.equal(box.next(0)?.text, "one", "resends the interrupted one first");
  });

  it("waits out a rate limit and then sends again by itself", () => {
    const { box } = outbox();
    const a = box.add("spam", 1000);
    box.sending(a.nonce);
    box.refused(a.nonce, { code: "RATE_LIMITED", message: "Slow down: wait 2 s before sending again.", retryInMs: 2000 }, 1000);
    assert.equal(box.get(a.nonce)?.status, "queued");
    assert.match(box.get(a.nonce)?.note ?? "", /Slow down/);
    assert.equal(box.next(2000), undefined);
    assert.equal(box.wakeAt(), 3000);
    assert.equal(box.next(3000)?.nonce, a.nonce);
  });

  it("fails a refused message with the server's words, and retries it when asked", () => {
    const { box } = outbox();
    const a = box.add("x", 0);
    box.sending(a.nonce);
    box.refused(a.nonce, { code: "MUTED", message: "A moderator muted you." }, 0);
    assert.equal(box.get(a.nonce)?.status, "failed");
    assert.equal(box.get(a.nonce)?.note, "A moderator muted you.");
    assert.equal(box.next(0), undefined, "a failed message is not resent by itself");
    box.retry(a.nonce);
    assert.equal(box.next(0)?.nonce, a.nonce);
  });

  it("drops a failed message the person discards", () => {
    const { box } = outbox();
    const a = box.add("x", 0);
    box.sending(a.nonce);
    box.refused(a.nonce, { code: "INVALID_MESSAGE", message: "Type something before sending." }, 0);
    box.discard(a.nonce);
    assert.equal(box.pending().length, 0);
  });

  it("treats the message's copy in the room state as sent, even when the reply was lost", () => {
    const { box } = outbox();
    const a = box.add("hi", 0);
    box.sending(a.nonce);
    box.interrupted(a.nonce);
    assert.ok(box.sent(a.nonce, { id: 3, at: 5 }));
    assert.equal(box.sent(a.nonce, { id: 3, at: 5 }), undefined, "a second confirmation is ignored");
    assert.equal(box.next(0), undefined, "and it is not sent twice");
  });
});

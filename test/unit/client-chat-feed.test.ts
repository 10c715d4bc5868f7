import assert from "node:assert/strict";
import { ChatFeed, type ChatFeedEvents } from "../../client/net/chat-feed.ts";
import type { ChatEntry } from "../../shared/features/chat.ts";

const entry = (id: number, reactions: Record<string, number> = {}): ChatEntry =>
  ({ id, authorSessionId: "s", authorName: "Ada", text: `m${id}`, at: id, nonce: "", reactions });

function feed() {
  const events: string[] = [];
  const sink = {
    emit<K extends keyof ChatFeedEvents>(event: K, ...args: ChatFeedEvents[K]) {
      const [first, second] = args as unknown[];
      if (event === "chatAdded") events.push(`added ${(first as ChatEntry).id}${(second as { live: boolean }).live ? " live" : ""}`);
      else if (event === "chatChanged") events.push(`changed ${(first as ChatEntry).id} ${JSON.stringify((first as ChatEntry).reactions)}`);
      else if (event === "chatDeleted") events.push(`deleted ${first as number}`);
      else events.push("synced");
    },
  };
  return { chat: new ChatFeed(sink), events };
}

describe("the chat feed (each stored message shown once, across reconnects)", () => {
  it("shows a message once when it comes both live and in a recent window", () => {
    const { chat, events } = feed();
    chat.recent([entry(1), entry(2)]);
    chat.message(entry(2));
    chat.message(entry(3));
    chat.message(entry(3));
    chat.recent([entry(1), entry(2), entry(3)]);
    assert.deepEqual(events, ["added 1", "added 2", "synced", "added 3 live", "synced"]);
  });

  it("adds what a reconnect's window brings, and takes out what was deleted within its range meanwhile", () => {
    const { chat, events } = feed();
    chat.recent([entry(1), entry(2), entry(3)]);
    events.length = 0;
    // Away: 2 was deleted, 4 and 5 were said, and the window moved past 1.
    chat.recent([entry(3), entry(4), entry(5)]);
    assert.deepEqual(events, ["added 4", "added 5", "synced"], "1 only left the window: it stays shown");
    chat.recent([entry(3), entry(5)]);
    assert.deepEqual(events.slice(3), ["deleted 4", "synced"]);
  });

  it("takes everything out when the window comes back empty (all of it deleted)", () => {
    const { chat, events } = feed();
    chat.message(entry(7));
    chat.recent([]);
    assert.deepEqual(events, ["added 7 live", "deleted 7", "synced"]);
  });

  it("updates reaction counts, from live updates and from a window, only when they changed", () => {
    const { chat, events } = feed();
    chat.message(entry(1));
    chat.reactions({ messageId: 1, reactions: { "👍": 2 } });
    chat.reactions({ messageId: 9, reactions: { "👍": 1 } });
    chat.recent([entry(1, { "👍": 2 })]);
    chat.recent([entry(1, { "👍": 1, "🎵": 1 })]);
    assert.deepEqual(events, ["added 1 live", 'changed 1 {"👍":2}', "synced", 'changed 1 {"👍":1,"🎵":1}', "synced"]);
  });
});

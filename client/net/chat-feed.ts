// Chat as a page shows it: each stored message once, across reconnects and new seats. The room sends
// each message the moment it is stored (`chat:message`) and its recent window on joining and after
// every reconnect (`chat:recent`); the two overlap around a join, so this remembers what it has
// shown, by id, and reports only what is new, changed or gone.
import type { ChatEntry, ChatReactions } from "../../shared/features/chat.ts";

export interface ChatFeedEvents {
  /** `live` is false for messages of the recent window (they were said before you saw them). */
  chatAdded: [ChatEntry, { live: boolean }];
  /** Its reaction counts changed. */
  chatChanged: [ChatEntry];
  /** A moderator deleted it. */
  chatDeleted: [id: number];
  /** The recent window of this connection is in: anything you sent that it holds is recognised. */
  chatSynced: [];
}

export interface ChatFeedSink {
  emit<K extends keyof ChatFeedEvents>(event: K, ...args: ChatFeedEvents[K]): void;
}

export class ChatFeed {
  private readonly shown = new Map<number, ChatEntry>();

  constructor(private readonly sink: ChatFeedSink) {}

  /** A message just stored. */
  message(entry: ChatEntry): void {
    this.add(entry, true);
  }

  /**
   * The room's recent window, oldest first. The window holds the lounge's latest messages not
   * deleted, with no gaps: a message shown here with an id in its range, but missing from it, was
   * deleted while this connection was away (its `chat:deleted` went to nobody here).
   */
  recent(messages: readonly ChatEntry[]): void {
    const inWindow = new Set(messages.map((m) => m.id));
    // An empty window: the lounge has no message left that is not deleted.
    const first = messages[0]?.id ?? -Infinity;
    for (const id of [...this.shown.keys()]) {
      if (id >= first && !inWindow.has(id)) this.deleted(id);
    }
    for (const entry of messages) {
      const known = this.shown.get(entry.id);
      if (!known) this.add(entry, false);
      else if (!sameCounts(known.reactions, entry.reactions)) this.reactions({ messageId: entry.id, reactions: entry.reactions });
    }
    this.sink.emit("chatSynced");
  }

  reactions(update: ChatReactions): void {
    const entry = this.shown.get(update.messageId);
    if (!entry) return;
    entry.reactions = update.reactions;
    this.sink.emit("chatChanged", entry);
  }

  /** Told even when not shown here: the page may show it from the history it fetched. */
  deleted(id: number): void {
    this.shown.delete(id);
    this.sink.emit("chatDeleted", id);
  }

  private add(entry: ChatEntry, live: boolean): void {
    if (this.shown.has(entry.id)) return;
    this.shown.set(entry.id, entry);
    this.sink.emit("chatAdded", entry, { live });
  }
}

function sameCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

// A lounge's recent chat: the last CHAT_STATE_SIZE stored messages not deleted, oldest first, with
// their reaction counts. Chat fills it as messages are committed and sends it to each joiner;
// moderation takes deleted messages out (through the host, which holds it). Plain objects, not
// schema state: see chat.ts for why.
import type { ChatEntry, ReactionCounts } from "../../shared/features/chat.ts";

export class RecentChat {
  private readonly entries: ChatEntry[] = [];

  constructor(private readonly size: number) {}

  /** Oldest first, as a joiner is sent it. */
  list(): readonly ChatEntry[] {
    return this.entries;
  }

  get(id: number): ChatEntry | undefined {
    return this.entries.find((m) => m.id === id);
  }

  /** Places the message by id (everyone sees the database's order) and lets the oldest go past the size. */
  add(entry: ChatEntry): void {
    let index = this.entries.length;
    while (index > 0 && this.entries[index - 1].id > entry.id) index--;
    this.entries.splice(index, 0, entry);
    if (this.entries.length > this.size) this.entries.splice(0, this.entries.length - this.size);
  }

  /** Takes a deleted message out; false when it was not here. */
  remove(id: number): boolean {
    const index = this.entries.findIndex((m) => m.id === id);
    if (index < 0) return false;
    this.entries.splice(index, 1);
    return true;
  }

  /** Adds `delta` people to an emoji's count; the message's counts after, or undefined when it is not here. */
  react(id: number, emoji: string, delta: number): ReactionCounts | undefined {
    const entry = this.get(id);
    if (!entry) return undefined;
    const count = (entry.reactions[emoji] ?? 0) + delta;
    if (count > 0) entry.reactions[emoji] = count;
    else delete entry.reactions[emoji];
    return { ...entry.reactions };
  }
}

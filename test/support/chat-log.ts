// What an SDK test client heard of its lounge's chat: the recent window it was sent on joining (or
// reconnecting), every stored message as it came, reactions and deletions. join() and joinWith()
// attach one to each client before any of it can arrive; read it with chatOf(room).
import type { Room } from "@colyseus/sdk";
import type { ChatDeleted, ChatEntry, ChatReactions, ChatRecent } from "../../shared/protocol.ts";

type ChatRoom = Pick<Room, "onMessage">;

export class ChatLog {
  /** Every `chat:message`, in the order it arrived (a repeat would show here twice). */
  readonly live: ChatEntry[] = [];
  /** Every `chat:recent`, in the order it arrived. */
  readonly windows: ChatEntry[][] = [];
  readonly deleted: number[] = [];
  private readonly reactions = new Map<number, ChatReactions["reactions"]>();

  constructor(room: ChatRoom) {
    room.onMessage("chat:message", (m: ChatEntry) => { this.live.push(m); });
    room.onMessage("chat:recent", (r: ChatRecent) => { this.windows.push(r.messages); });
    room.onMessage("chat:reactions", (r: ChatReactions) => { this.reactions.set(r.messageId, r.reactions); });
    room.onMessage("chat:deleted", (d: ChatDeleted) => { this.deleted.push(d.messageId); });
  }

  /** The last recent window received (empty before one came). */
  get recent(): ChatEntry[] {
    return this.windows.at(-1) ?? [];
  }

  /**
   * The chat as this client would show it: the last recent window and every message since, each
   * id once, in id order, deleted ones left out, latest reaction counts applied.
   */
  get messages(): ChatEntry[] {
    const byId = new Map<number, ChatEntry>();
    for (const m of [...this.windows.flat(), ...this.live]) byId.set(m.id, m);
    for (const id of this.deleted) byId.delete(id);
    return [...byId.values()].sort((a, b) => a.id - b.id)
      .map((m) => ({ ...m, reactions: this.reactions.get(m.id) ?? m.reactions }));
  }

  find(id: number): ChatEntry | undefined {
    return this.messages.find((m) => m.id === id);
  }

  /** How many times `chat:message` brought this id. */
  deliveries(id: number): number {
    return this.live.filter((m) => m.id === id).length;
  }
}

const logs = new WeakMap<object, ChatLog>();

/** Starts recording `room`'s chat; call right after the join resolves, before awaiting anything. */
export function recordChat(room: ChatRoom): ChatLog {
  let log = logs.get(room);
  if (!log) {
    log = new ChatLog(room);
    logs.set(room, log);
  }
  return log;
}

/** The chat `room` heard; the room must come from join() or joinWith() (or recordChat). */
export function chatOf(room: object): ChatLog {
  const log = logs.get(room);
  if (!log) throw new Error("this client's chat is not recorded: join through join()/joinWith(), or call recordChat() right after joining");
  return log;
}

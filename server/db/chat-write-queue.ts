// The process's chat write-behind queue: messages from every lounge of this process are stored
// together, one multi-row INSERT per flush, so storing keeps up with a busy process (one round trip
// and one commit for many messages instead of one each). Each caller's promise settles with its own
// row once the INSERT committed, or rejects with the flush's error: nothing is acknowledged, and
// nothing reaches other people, before it is stored.
import type { Logger } from "pino";
import type { ChatMessageRow } from "./schema.ts";
import type { NewChatMessage } from "./chat.ts";

export interface ChatWriteQueueOptions {
  /** Most rows in one INSERT; a queue this long is flushed without waiting for `delayMs`. */
  maxRows: number;
  /**
   * How long the first message of a batch waits for others to join it; 0 writes it at once (what
   * arrives while that INSERT is under way still goes together in the next).
   */
  delayMs: number;
}

interface Pending {
  message: NewChatMessage;
  resolve(row: ChatMessageRow): void;
  reject(err: unknown): void;
}

export class ChatWriteQueue {
  private queue: Pending[] = [];
  /** Every message's promise until it settles: what flush() waits for. */
  private readonly unsettled = new Set<Promise<unknown>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly store: { insertMany(messages: readonly NewChatMessage[]): Promise<ChatMessageRow[]> },
    private readonly options: ChatWriteQueueOptions,
    private readonly log: Logger,
    /** Told once per failed flush (the database-errors metric). */
    private readonly failed: () => void = () => undefined,
  ) {}

  /** Messages waiting for a flush or in the one under way. */
  get pending(): number {
    return this.queue.length;
  }

  /** Stores the message with the next flush; resolves with its committed row. */
  add(message: NewChatMessage): Promise<ChatMessageRow> {
    const stored = new Promise<ChatMessageRow>((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      this.schedule();
    });
    this.unsettled.add(stored);
    stored.then(() => { this.unsettled.delete(stored); }, () => { this.unsettled.delete(stored); });
    return stored;
  }

  /**
   * Writes what is queued now without waiting for the batch delay, and resolves once every message
   * queued before the call is stored or failed (drain, dispose). Messages added meanwhile by other
   * lounges do not keep it waiting.
   */
  async flush(): Promise<void> {
    const waiting = [...this.unsettled];
    this.start();
    await Promise.allSettled(waiting);
  }

  // One flush at a time: while one is under way the queue fills, and the next flush takes all of it
  // (up to maxRows) at once, so batches grow with the load by themselves. It also keeps ids, commits
  // and broadcasts in the same order.
  private schedule(): void {
    if (this.inFlight) return;
    if (this.queue.length >= this.options.maxRows || this.options.delayMs === 0) this.start();
    else this.timer ??= setTimeout(() => this.start(), this.options.delayMs);
  }

  private start(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.options.maxRows);
    this.inFlight = this.write(batch).finally(() => {
      this.inFlight = undefined;
      // What arrived meanwhile has waited a whole flush already: write it at once.
      if (this.queue.length > 0) this.start();
    });
  }

  private async write(batch: Pending[]): Promise<void> {
    let rows: ChatMessageRow[];
    try {
      rows = await this.store.insertMany(batch.map((p) => p.message));
    } catch (err) {
      this.failed();
      this.log.error({ err, rows: batch.length }, "chat messages not stored; their senders are told to send again");
      for (const p of batch) p.reject(err);
      return;
    }
    // Resolved in id order, so the senders' handlers run, and broadcast, in that order.
    batch.forEach((p, i) => p.resolve(rows[i]));
  }
}

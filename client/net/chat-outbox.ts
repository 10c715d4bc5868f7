// The sender's side of chat: each message typed goes queued → sending → sent, or failed (with a
// reason and a retry). Messages typed offline wait, in order, until the connection is back; one is
// in flight at a time so they arrive in the order they were typed. Pure: no timers, no network.
import type { ChatAck } from "../../shared/protocol.ts";
import type { ErrorPayload } from "../../shared/errors.ts";

export type OutgoingStatus = "queued" | "sending" | "sent" | "failed";

export interface Outgoing {
  nonce: string;
  text: string;
  status: OutgoingStatus;
  /** When it was typed (ms, the page's clock). */
  createdAt: number;
  /** Set once the server stored it. */
  id?: number;
  at?: number;
  /** Why it failed, or why it waits (e.g. slow down). */
  note?: string;
  /** A queued message waits until then (rate limit). */
  notBefore?: number;
}

/** Refusals worth waiting out and sending again by ourselves. */
const WAIT_CODES = new Set(["RATE_LIMITED", "SLOW_MODE"]);

export class ChatOutbox {
  private readonly items: Outgoing[] = [];
  private readonly listeners = new Set<(item: Outgoing) => void>();

  constructor(private readonly makeNonce: () => string) {}

  /** Called with every entry whose status changes. */
  subscribe(listener: (item: Outgoing) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(item: Outgoing): void {
    for (const l of this.listeners) l(item);
  }

  /** Entries not yet sent, oldest first (sent ones leave the outbox). */
  pending(): readonly Outgoing[] {
    return this.items;
  }

  get(nonce: string): Outgoing | undefined {
    return this.items.find((i) => i.nonce === nonce);
  }

  add(text: string, now: number): Outgoing {
    const item: Outgoing = { nonce: this.makeNonce(), text, status: "queued", createdAt: now };
    this.items.push(item);
    this.changed(item);
    return item;
  }

  /** The entry to send now, if any: the oldest queued one, unless another is in flight or it must wait. */
  next(now: number): Outgoing | undefined {
    if (this.items.some((i) => i.status === "sending")) return undefined;
    const head = this.items.find((i) => i.status === "queued");
    if (!head || (head.notBefore !== undefined && head.notBefore > now)) return undefined;
    return head;
  }

  /** When the head of the queue may be sent, if it is waiting out a rate limit. */
  wakeAt(): number | undefined {
    return this.items.find((i) => i.status === "queued")?.notBefore;
  }

  sending(nonce: string): void {
    this.update(nonce, (i) => { i.status = "sending"; i.note = undefined; i.notBefore = undefined; });
  }

  /** The server stored it (its reply, or its copy in the room state carrying our nonce). */
  sent(nonce: string, ack: ChatAck): Outgoing | undefined {
    const index = this.items.findIndex((i) => i.nonce === nonce);
    if (index < 0) return undefined;
    const [item] = this.items.splice(index, 1);
    item.status = "sent";
    item.id = ack.id;
    item.at = ack.at;
    item.note = undefined;
    this.changed(item);
    return item;
  }

  /** The server refused it: wait and resend for rate limits, otherwise fail with its words. */
  refused(nonce: string, error: ErrorPayload, now: number): void {
    this.update(nonce, (i) => {
      if (WAIT_CODES.has(error.code)) {
        i.status = "queued";
        i.notBefore = now + Math.max(250, error.retryInMs ?? 1000);
        i.note = error.message;
      } else {
        i.status = "failed";
        i.note = error.message;
      }
    });
  }

  /** The connection went away before an answer: send it again once connected. */
  interrupted(nonce: string): void {
    this.update(nonce, (i) => { i.status = "queued"; i.note = undefined; });
  }

  /** The person asked to try a failed message again. */
  retry(nonce: string): void {
    this.update(nonce, (i) => { if (i.status === "failed") { i.status = "queued"; i.note = undefined; i.notBefore = undefined; } });
  }

  /** The person gave up on a failed message. */
  discard(nonce: string): void {
    const index = this.items.findIndex((i) => i.nonce === nonce && i.status === "failed");
    if (index >= 0) this.items.splice(index, 1);
  }

  private update(nonce: string, change: (item: Outgoing) => void): void {
    const item = this.get(nonce);
    if (!item) return;
    change(item);
    this.changed(item);
  }
}

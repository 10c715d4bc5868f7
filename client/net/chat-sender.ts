// Drives the chat outbox over the connection: sends the next message when connected, parks
// messages while offline, waits out rate limits, and recognises its own messages among those the
// room sends by their nonce (so a reply lost in a drop does not make a message send twice; the
// server also answers a resent nonce it already stored with the same ack).
import type { ChatAck } from "../../shared/protocol.ts";
import { ChatOutbox } from "./chat-outbox.ts";
import { rejectionOf, type LoungeConnection } from "./lounge-connection.ts";

function isChatAck(v: unknown): v is ChatAck {
  return typeof v === "object" && v !== null && "id" in v && typeof v.id === "number" && "at" in v && typeof v.at === "number";
}

function makeNonce(): string {
  return typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export class ChatSender {
  readonly outbox = new ChatOutbox(makeNonce);
  private wakeTimer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: { nonce: string; attempt: number } | undefined;
  private attempts = 0;
  /**
   * True once this connection's recent chat is in: only then is a message whose answer was lost
   * in a drop known not to be stored yet (the window would carry its nonce).
   */
  private synced = false;

  /** Make it before the connection joins: it learns from the room's first recent chat that it may send. */
  constructor(private readonly connection: LoungeConnection) {
    connection.on("chatAdded", (message) => {
      if (message.nonce && this.outbox.get(message.nonce)) {
        this.outbox.sent(message.nonce, { id: message.id, at: message.at });
        this.pump();
      }
    });
    connection.on("chatSynced", () => {
      this.synced = true;
      this.pump();
    });
    connection.on("status", (status) => {
      if (status.kind === "connected") {
        this.pump();
        return;
      }
      this.synced = false;
      if (this.inFlight) {
        // Its answer went down with the connection: send it again once back (unless the recent chat shows it arrived).
        this.outbox.interrupted(this.inFlight.nonce);
        this.inFlight = undefined;
      }
    });
  }

  send(text: string): void {
    this.outbox.add(text, Date.now());
    this.pump();
  }

  retry(nonce: string): void {
    this.outbox.retry(nonce);
    this.pump();
  }

  discard(nonce: string): void {
    this.outbox.discard(nonce);
  }

  private pump(): void {
    clearTimeout(this.wakeTimer);
    if (!this.connection.connected || !this.synced) return;
    const now = Date.now();
    const item = this.outbox.next(now);
    if (!item) {
      const wake = this.outbox.wakeAt();
      if (wake !== undefined && wake > now) this.wakeTimer = setTimeout(() => this.pump(), wake - now);
      return;
    }
    const { nonce, text } = item;
    const attempt = ++this.attempts;
    this.inFlight = { nonce, attempt };
    this.outbox.sending(nonce);
    // Answers to an attempt that was given up (its connection dropped) only count if they say "stored".
    const current = () => this.inFlight?.attempt === attempt;
    this.connection.ask("chat:send", { text, nonce }).then(
      (reply) => {
        if (isChatAck(reply)) this.outbox.sent(nonce, reply);
        if (!current()) return;
        this.inFlight = undefined;
        if (!isChatAck(reply)) this.outbox.interrupted(nonce);
        this.pump();
      },
      (err: unknown) => {
        if (!current()) return;
        this.inFlight = undefined;
        const refusal = rejectionOf(err);
        if (refusal) this.outbox.refused(nonce, refusal, Date.now());
        else this.outbox.interrupted(nonce);
        this.pump();
      },
    );
  }
}

// Chat: messages (persisted before they are acknowledged), the typing indicator and reactions.
// Owns `state.chat` and each player's `typing` flag.
import type { Client } from "@colyseus/core";
import type { z } from "zod";
import { ChatMessage } from "../../shared/state/lounge-state.ts";
import { chatMessages, type ChatAck } from "../../shared/features/chat.ts";
import { refuse, type Refusal } from "../rooms/refusal.ts";
import { LoungeFeature } from "../rooms/feature.ts";
import type { Timer } from "../rooms/clock.ts";
import { RateLimiter } from "./rate-limit.ts";

type Msg<K extends keyof typeof chatMessages> = z.output<(typeof chatMessages)[K]>;

export class ChatFeature extends LoungeFeature {
  private sendLimiter!: RateLimiter;
  private readonly cheapLimiter = new RateLimiter({ burst: 20, perSecond: 10 }, () => this.host.clock.now());
  private readonly typingTimers = new Map<string, Timer>();
  /** Messages added to `state.chat` since the last patch: not to be trimmed before one carries them. */
  private readonly unsent = new Set<ChatMessage>();

  protected override messages = this.handlers(chatMessages, {
    "chat:send": (client, msg) => this.onSend(client, msg),
    "chat:typing": { limit: this.cheapLimiter, limited: "Too many updates; slow down.", handle: (client, msg) => this.onTyping(client, msg) },
    "chat:react": { limit: this.cheapLimiter, limited: "Too many reactions; slow down.", handle: (client, msg) => this.onReact(client, msg) },
  });

  protected override async onCreate(): Promise<void> {
    const { config } = this.host.services;
    this.sendLimiter = new RateLimiter({ burst: config.CHAT_BURST, perSecond: config.CHAT_PER_SECOND }, () => this.host.clock.now());
    await this.loadRecent();
  }

  /** A lounge re-opened from its record starts with its recent conversation, reactions included. */
  private async loadRecent(): Promise<void> {
    const { chat, config } = this.host.services;
    const rows = (await chat.page(this.host.loungeId, { limit: config.CHAT_STATE_SIZE })).reverse();
    const reactions = await chat.reactionCounts(rows.map((r) => r.id));
    for (const row of rows) {
      const message = new ChatMessage({
        id: row.id, authorSessionId: row.authorSessionId, authorName: row.authorName,
        text: row.text, at: row.createdAt.getTime(), nonce: "",
      });
      for (const [emoji, n] of reactions.get(row.id) ?? []) message.reactions.set(emoji, n);
      this.host.state.chat.push(message);
    }
  }

  protected override onLeave(client: Client): void {
    this.sendLimiter.forget(client.sessionId);
    this.cheapLimiter.forget(client.sessionId);
    this.typingTimers.get(client.sessionId)?.clear();
    this.typingTimers.delete(client.sessionId);
  }

  protected override async onDispose(): Promise<void> {
    // Nothing acknowledged may be lost: wait for writes still under way before the room goes.
    await Promise.allSettled([...this.host.services.pendingWrites]);
  }

  async onSend(client: Client, msg: Msg<"chat:send">): Promise<ChatAck | Refusal> {
    const player = this.host.player(client.sessionId);
    if (!player) return refuse("FORBIDDEN", "Join the lounge before chatting.");
    // Guards (mutes, slow mode) come before the rate limit: a refused message costs no token.
    const guarded = this.host.chatGuards.check(client.sessionId);
    if (guarded) return guarded;
    const decision = this.sendLimiter.take(client.sessionId);
    if (!decision.ok) {
      return refuse("RATE_LIMITED", `Slow down: wait ${Math.ceil(decision.retryInMs / 1000)} s before sending again.`, { retryInMs: decision.retryInMs });
    }
    let row;
    const { metrics } = this.host.services;
    const stopTimer = metrics.chatStoreSeconds.startTimer();
    try {
      row = await this.host.write(this.host.services.chat.insert({
        loungeId: this.host.loungeId,
        authorSessionId: client.sessionId,
        authorUserId: player.userId || null,
        authorName: player.name,
        text: msg.text,
      }));
      stopTimer();
    } catch (err) {
      metrics.databaseErrors.inc();
      this.host.log.error({ err, sessionId: client.sessionId }, "chat message not stored");
      return refuse("UNAVAILABLE", "Your message could not be saved. Try sending it again.");
    }
    this.stopTyping(client.sessionId);
    this.append(new ChatMessage({
      id: row.id, authorSessionId: client.sessionId, authorName: row.authorName,
      text: row.text, at: row.createdAt.getTime(), nonce: msg.nonce,
    }));
    return { id: row.id, at: row.createdAt.getTime() };
  }

  /** Keeps `state.chat` ordered by id; `beforePatch` trims it back to CHAT_STATE_SIZE. */
  private append(message: ChatMessage): void {
    const chat = this.host.state.chat;
    // Writes may finish out of order; place by id so everyone sees the database order.
    let index = chat.length;
    while (index > 0 && chat[index - 1].id > message.id) index--;
    if (index === chat.length) chat.push(message);
    else chat.splice(index, 0, message);
    this.unsent.add(message);
  }

  /**
   * Runs right before each patch is encoded. Trims `state.chat` to CHAT_STATE_SIZE, but only drops
   * messages an earlier patch already carried: a burst of more than CHAT_STATE_SIZE messages between
   * two patches still reaches every client, and the list shrinks back on the next patch.
   */
  override beforePatch(): void {
    const chat = this.host.state.chat;
    const excess = chat.length - this.host.services.config.CHAT_STATE_SIZE;
    if (excess > 0) {
      let drop = 0;
      while (drop < excess && !this.unsent.has(chat[drop])) drop++;
      if (drop > 0) chat.splice(0, drop);
    }
    // This patch carries the rest; anyone joining later gets them in the full state.
    this.unsent.clear();
  }

  onTyping(client: Client, msg: Msg<"chat:typing">): void {
    const player = this.host.player(client.sessionId);
    if (!player) return;
    if (!msg.typing) return this.stopTyping(client.sessionId);
    player.typing = true;
    this.typingTimers.get(client.sessionId)?.clear();
    this.typingTimers.set(client.sessionId, this.host.clock.setTimeout(
      () => this.stopTyping(client.sessionId),
      this.host.services.config.TYPING_TIMEOUT_SECONDS * 1000,
    ));
  }

  private stopTyping(sessionId: string): void {
    this.typingTimers.get(sessionId)?.clear();
    this.typingTimers.delete(sessionId);
    const player = this.host.player(sessionId);
    if (player) player.typing = false;
  }

  async onReact(client: Client, msg: Msg<"chat:react">): Promise<Refusal | void> {
    const player = this.host.player(client.sessionId);
    if (!player) return;
    const message = this.host.state.chat.find((m) => m.id === msg.messageId);
    if (!message) return refuse("NOT_FOUND", "That message is no longer in the recent chat; react to a recent one.");
    const reactor = player.userId || client.sessionId;
    const { chat } = this.host.services;
    const changed = await this.host.write(msg.on
      ? chat.addReaction(msg.messageId, msg.emoji, reactor)
      : chat.removeReaction(msg.messageId, msg.emoji, reactor));
    if (!changed) return;
    const count = (message.reactions.get(msg.emoji) ?? 0) + (msg.on ? 1 : -1);
    if (count > 0) message.reactions.set(msg.emoji, count);
    else message.reactions.delete(msg.emoji);
  }
}

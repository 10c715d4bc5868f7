// Chat: messages (stored before they are acknowledged or shown), the typing indicator and reactions.
// Owns each player's `typing` flag, and fills the host's recent chat window.
//
// Chat is not in the schema state. A message in `state.chat` reached the others only with the next
// patch (up to PATCH_RATE_MS later), and made a patch for every member by itself. Instead a stored
// message is broadcast at once as `chat:message`, and the recent window (host.recentChat) goes to
// each joiner, and again after a reconnect, as `chat:recent`. Late joiners still get the recent chat;
// no patch carries chat, so nothing arrives twice by two paths (a window kept in state as well would
// send each message twice and cost the patch bytes this saves). Reaction counts follow as
// `chat:reactions`, deletions as `chat:deleted`. A message sent around a join or reconnect may be
// in both `chat:recent` and a `chat:message`: clients show each id once (client/net/chat-feed.ts).
import type { Client } from "@colyseus/core";
import type { z } from "zod";
import { chatMessages, type ChatAck, type ChatEntry, type ChatReactions, type ChatRecent } from "../../shared/features/chat.ts";
import { refuse, type Refusal } from "../rooms/refusal.ts";
import { LoungeFeature } from "../rooms/feature.ts";
import type { Timer } from "../rooms/clock.ts";
import { RateLimiter } from "./rate-limit.ts";

type Msg<K extends keyof typeof chatMessages> = z.output<(typeof chatMessages)[K]>;

export class ChatFeature extends LoungeFeature {
  private sendLimiter!: RateLimiter;
  private readonly cheapLimiter = new RateLimiter({ burst: 20, perSecond: 10 }, () => this.host.clock.now());
  private readonly typingTimers = new Map<string, Timer>();
  /** Messages being stored, by sender and nonce: a resend while one is under way gets its answer. */
  private readonly storing = new Map<string, Promise<ChatAck | Refusal>>();

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
      this.host.recentChat.add({
        id: row.id, authorSessionId: row.authorSessionId, authorName: row.authorName,
        text: row.text, at: row.createdAt.getTime(), nonce: "",
        reactions: Object.fromEntries(reactions.get(row.id) ?? []),
      });
    }
  }

  /** A joiner gets the recent chat; messages stored from now on reach them as `chat:message`. */
  protected override onJoin(client: Client): void {
    this.sendRecent(client);
  }

  /** Back after a drop: what was said meanwhile (and what was deleted) is in the window. */
  override onReconnect(client: Client): void {
    this.sendRecent(client);
  }

  // Sent during onJoin/onReconnect, Colyseus holds it until the client has the state and its handlers.
  private sendRecent(client: Client): void {
    const recent: ChatRecent = { messages: [...this.host.recentChat.list()] };
    client.send("chat:recent", recent);
  }

  protected override onLeave(client: Client): void {
    this.sendLimiter.forget(client.sessionId);
    this.cheapLimiter.forget(client.sessionId);
    this.typingTimers.get(client.sessionId)?.clear();
    this.typingTimers.delete(client.sessionId);
  }

  protected override async onDispose(): Promise<void> {
    // Nothing acknowledged may be lost: write what is queued now, and wait for writes under way.
    await this.host.services.chatWrites.flush();
    await Promise.allSettled([...this.host.services.pendingWrites]);
  }

  /**
   * A client whose answer was lost in a drop sends the message again with the same nonce: it gets
   * the stored message's ack, and the message is stored and shown once. Checked before the guards
   * and the rate limit, which the first send already passed.
   */
  onSend(client: Client, msg: Msg<"chat:send">): Promise<ChatAck | Refusal> {
    const key = `${client.sessionId}\n${msg.nonce}`;
    const underWay = this.storing.get(key);
    if (underWay) return underWay;
    const stored = this.host.recentChat.list().find((m) => m.nonce === msg.nonce && m.authorSessionId === client.sessionId);
    if (stored) return Promise.resolve({ id: stored.id, at: stored.at });
    const sending = this.store(client, msg);
    this.storing.set(key, sending);
    // Settled or failed, it is no longer under way (two inline callbacks: no named closure per message).
    sending.then(() => { this.storing.delete(key); }, () => { this.storing.delete(key); });
    return sending;
  }

  private async store(client: Client, msg: Msg<"chat:send">): Promise<ChatAck | Refusal> {
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
    const { metrics, chatWrites } = this.host.services;
    const stopTimer = metrics.chatStoreSeconds.startTimer();
    try {
      // Joins the process's next batched INSERT; settles once that INSERT committed.
      row = await this.host.write(chatWrites.add({
        loungeId: this.host.loungeId,
        authorSessionId: client.sessionId,
        authorUserId: player.userId || null,
        authorName: player.name,
        text: msg.text,
      }));
      stopTimer();
    } catch {
      // The queue logged the failed batch once; each of its senders is told here.
      return refuse("UNAVAILABLE", "Your message could not be saved, so nobody saw it. Try sending it again.");
    }
    this.stopTyping(client.sessionId);
    const entry: ChatEntry = {
      id: row.id, authorSessionId: client.sessionId, authorName: row.authorName,
      text: row.text, at: row.createdAt.getTime(), nonce: msg.nonce, reactions: {},
    };
    this.host.recentChat.add(entry);
    // Committed, so it goes to everyone now (the sender too: its nonce matches its pending copy).
    this.host.broadcast("chat:message", entry);
    return { id: row.id, at: row.createdAt.getTime() };
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
    if (!this.host.recentChat.get(msg.messageId)) return refuse("NOT_FOUND", "That message is no longer in the recent chat; react to a recent one.");
    const reactor = player.userId || client.sessionId;
    const { chat } = this.host.services;
    const changed = await this.host.write(msg.on
      ? chat.addReaction(msg.messageId, msg.emoji, reactor)
      : chat.removeReaction(msg.messageId, msg.emoji, reactor));
    if (!changed) return;
    // Deleted (or gone from the window) while the reaction was being stored: nobody shows it any more.
    const reactions = this.host.recentChat.react(msg.messageId, msg.emoji, msg.on ? 1 : -1);
    if (!reactions) return;
    const update: ChatReactions = { messageId: msg.messageId, reactions };
    this.host.broadcast("chat:reactions", update);
  }
}

// The chat panel: recent messages (older ones fetched over HTTP when you scroll to the top), who is
// typing, your own messages going sending → sent (or failed, with retry), reactions, and the input.
// Every piece of user text is set with textContent.
import { CHAT_MAX_LENGTH } from "../../shared/protocol.ts";
import type { ReactionEmoji } from "../../shared/avatars.ts";
import type { ChatMessageDto } from "../../shared/api.ts";
import type { Outgoing } from "../net/chat-outbox.ts";
import { api } from "../net/api.ts";
import { el } from "./element.ts";
import { messageElement, showReactions, showStatus, type ChatLine } from "./chat-message.ts";
import { slowModeLabel } from "./moderation-words.ts";

export type { ChatLine } from "./chat-message.ts";

export interface ChatPanelDeps {
  loungeId: string;
  selfId(): string;
  send(text: string): void;
  retry(nonce: string): void;
  discard(nonce: string): void;
  setTyping(typing: boolean): void;
  react(messageId: number, emoji: ReactionEmoji, on: boolean): void;
  /** A moderator removes a stored message for everyone. */
  deleteMessage?(messageId: number): void;
}

export class ChatPanel {
  readonly root = el("section", { class: "chat", "aria-label": "Chat" });
  readonly input = el("input", {
    class: "chat-input", type: "text", maxlength: CHAT_MAX_LENGTH, placeholder: "Say something…",
    "aria-label": "Chat message", autocomplete: "off", enterkeyhint: "send",
  });
  private readonly log = el("ol", { class: "chat-log", "aria-live": "polite", "aria-relevant": "additions", tabindex: 0, "aria-label": "Messages" });
  private readonly top = el("li", { class: "chat-history" });
  private readonly typingLine = el("p", { class: "typing-line", "aria-live": "polite" });
  /** Slow mode and mutes: the rules that hold for your messages right now. */
  private readonly rules = el("p", { class: "chat-rules", role: "status" });
  private slowModeSeconds = 0;
  private mutedNote: string | undefined;
  private readonly newBelow = el("button", { class: "new-below", type: "button", hidden: true }, "New messages ↓");
  private readonly lines = new Map<string, HTMLLIElement>();
  private readonly confirmed = new Map<number, ChatLine>();
  private readonly myReactions = new Set<string>();
  private oldestCursor: number | undefined;
  private historyDone = false;
  private loadingHistory = false;
  private typingSent = 0;
  private historyReady = false;
  private readonly observer: IntersectionObserver;

  constructor(private readonly deps: ChatPanelDeps) {
    const loadOlder = el("button", { class: "link-button", type: "button" }, "Load older messages");
    loadOlder.addEventListener("click", () => { void this.loadOlder(); });
    this.top.append(loadOlder);
    this.log.append(this.top);
    const sendButton = el("button", { class: "button send", type: "submit", "aria-label": "Send" }, "Send");
    const form = el("form", { class: "chat-form" }, this.input, sendButton);
    form.addEventListener("submit", (e) => { e.preventDefault(); this.submit(); });
    this.input.addEventListener("input", () => this.onInput());
    this.input.addEventListener("blur", () => this.stopTyping());
    this.input.addEventListener("keydown", (e) => { if (e.key === "Escape") this.input.blur(); });
    this.newBelow.addEventListener("click", () => this.scrollToEnd());
    this.log.addEventListener("scroll", () => { if (this.nearBottom()) this.newBelow.hidden = true; });
    this.log.addEventListener("click", (e) => {
      const button = e.target instanceof Element ? e.target.closest(".msg-delete") : null;
      const id = Number(button?.closest<HTMLElement>(".msg")?.dataset.id);
      if (button && id > 0) this.deps.deleteMessage?.(id);
    });
    this.root.append(this.log, this.newBelow, this.typingLine, this.rules, form);
    // Reaching the top of the log loads the page before it.
    this.observer = new IntersectionObserver((entries) => {
      if (this.historyReady && entries.some((e) => e.isIntersecting)) void this.loadOlder();
    }, { root: this.log, rootMargin: "40px 0px 0px 0px" });
    this.observer.observe(this.top);
  }

  // ---- confirmed messages ----

  /** A message from the room (or history); `live` when it just arrived. */
  upsert(line: ChatLine, live: boolean): void {
    this.confirmed.set(line.id, line);
    if (this.oldestCursor === undefined || line.id < this.oldestCursor) this.oldestCursor = line.id;
    const key = `m:${line.id}`;
    const existing = this.lines.get(key);
    if (existing) { this.showReactions(existing, line); return; }
    const stick = this.nearBottom();
    const li = messageElement(line, line.authorSessionId === this.deps.selfId());
    this.showReactions(li, line);
    this.lines.set(key, li);
    this.insertConfirmed(li, line.id);
    if (live) this.afterAppend(stick, line.authorSessionId === this.deps.selfId());
  }

  remove(id: number): void {
    this.lines.get(`m:${id}`)?.remove();
    this.lines.delete(`m:${id}`);
    this.confirmed.delete(id);
  }

  /** Our own message, as the outbox reports it. */
  outgoing(item: Outgoing): void {
    const pendingKey = `p:${item.nonce}`;
    let li = this.lines.get(pendingKey);
    if (item.status === "sent" && item.id !== undefined) {
      if (!li) return;
      this.lines.delete(pendingKey);
      if (this.lines.has(`m:${item.id}`)) {
        li.remove();
        li = this.lines.get(`m:${item.id}`);
      } else {
        li.dataset.id = String(item.id);
        this.lines.set(`m:${item.id}`, li);
        this.insertConfirmed(li, item.id);
      }
      if (li) this.showStatus(li, item);
      return;
    }
    if (!li) {
      const stick = this.nearBottom();
      li = messageElement({ id: 0, authorName: "You", authorSessionId: this.deps.selfId(), text: item.text, at: item.createdAt }, true);
      li.dataset.nonce = item.nonce;
      this.lines.set(pendingKey, li);
      this.log.append(li);
      this.afterAppend(stick, true);
    }
    this.showStatus(li, item);
  }

  private showStatus(li: HTMLLIElement, item: Outgoing): void {
    showStatus(li, item, {
      retry: () => this.deps.retry(item.nonce),
      discard: () => { this.deps.discard(item.nonce); li.remove(); this.lines.delete(`p:${item.nonce}`); },
    });
  }

  private showReactions(li: HTMLLIElement, line: ChatLine): void {
    showReactions(li, line, (emoji) => this.myReactions.has(`${line.id}:${emoji}`), (emoji) => this.toggleReaction(line.id, emoji));
  }

  private insertConfirmed(li: HTMLLIElement, id: number): void {
    // Confirmed messages are in id order; pending ones stay at the end.
    let before: Element | null = null;
    for (const child of Array.from(this.log.children)) {
      if (child === this.top || !(child instanceof HTMLElement)) continue;
      const childId = child.dataset.id ? Number(child.dataset.id) : undefined;
      if (childId === undefined || childId > id) { before = child; break; }
    }
    this.log.insertBefore(li, before);
  }

  private toggleReaction(id: number, emoji: ReactionEmoji): void {
    const key = `${id}:${emoji}`;
    const on = !this.myReactions.has(key);
    if (on) this.myReactions.add(key); else this.myReactions.delete(key);
    this.deps.react(id, emoji, on);
  }

  // ---- history ----

  /** The room's recent chat is in: from now on, reaching the top loads older messages. */
  ready(): void {
    if (this.historyReady) return;
    this.historyReady = true;
    this.scrollToEnd();
    // Re-observe so a top that is already visible counts as reached.
    this.observer.unobserve(this.top);
    this.observer.observe(this.top);
  }

  async loadOlder(): Promise<void> {
    if (this.loadingHistory || this.historyDone) return;
    this.loadingHistory = true;
    this.top.dataset.state = "loading";
    try {
      const page = await api.chatPage(this.deps.loungeId, this.oldestCursor);
      const heightBefore = this.log.scrollHeight, topBefore = this.log.scrollTop;
      for (const m of page.messages) if (!this.confirmed.has(m.id)) this.upsert(fromDto(m), false);
      // Keep what the reader was looking at in place.
      this.log.scrollTop = topBefore + (this.log.scrollHeight - heightBefore);
      if (page.nextCursor === null || page.messages.length === 0) {
        this.historyDone = true;
        this.top.replaceChildren(el("span", { class: "muted" }, "The beginning of this lounge's chat."));
      }
      delete this.top.dataset.state;
    } catch (err) {
      this.top.dataset.state = "error";
      this.top.querySelector(".history-error")?.remove();
      this.top.append(el("span", { class: "history-error" }, ` ${(err as Error).message}`));
    } finally {
      this.loadingHistory = false;
    }
  }

  // ---- typing ----

  private onInput(): void {
    const typing = this.input.value.trim().length > 0;
    // Re-announce every few seconds while typing: the server forgets an indicator by itself.
    if (typing && Date.now() - this.typingSent > 3000) {
      this.typingSent = Date.now();
      this.deps.setTyping(true);
    } else if (!typing) {
      this.stopTyping();
    }
  }

  private stopTyping(): void {
    if (this.typingSent === 0) return;
    this.typingSent = 0;
    this.deps.setTyping(false);
  }

  /** Names of the people typing now (not you). */
  showTyping(names: string[]): void {
    const [a, b] = names;
    this.typingLine.textContent =
      names.length === 0 ? "" :
      names.length === 1 ? `${a} is typing…` :
      names.length === 2 ? `${a} and ${b} are typing…` :
      `${names.length} people are typing…`;
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = "";
    this.typingSent = 0;
    this.deps.send(text);
  }

  // ---- moderation ----

  /** Owner or moderator: delete buttons show on messages. */
  setModerator(on: boolean): void {
    this.root.classList.toggle("can-moderate", on);
  }

  /** Slow mode's pause between two messages (0: off). */
  setSlowMode(seconds: number): void {
    this.slowModeSeconds = seconds;
    this.showRules();
  }

  /** Why you cannot chat (a moderator muted you), or undefined when you can. */
  setMuted(note: string | undefined): void {
    this.mutedNote = note;
    this.input.disabled = note !== undefined;
    this.input.placeholder = note !== undefined ? "You are muted" : "Say something…";
    this.showRules();
  }

  private showRules(): void {
    this.rules.textContent = this.mutedNote ?? (this.slowModeSeconds > 0 ? `Slow mode: ${slowModeLabel(this.slowModeSeconds).toLowerCase()}.` : "");
    this.rules.dataset.kind = this.mutedNote ? "muted" : "slow";
  }

  // ---- scrolling ----

  private nearBottom(): boolean {
    return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 60;
  }

  private afterAppend(wasNearBottom: boolean, own: boolean): void {
    if (wasNearBottom || own) this.scrollToEnd();
    else this.newBelow.hidden = false;
  }

  scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
    this.newBelow.hidden = true;
  }

  /** A new seat: messages stay, but the next page of history is computed again. */
  resetSeat(): void {
    this.myReactions.clear();
  }

  destroy(): void {
    this.observer.disconnect();
    this.root.remove();
  }
}

function fromDto(m: ChatMessageDto): ChatLine {
  return { id: m.id, authorName: m.authorName, authorSessionId: m.authorSessionId, text: m.text, at: m.at };
}

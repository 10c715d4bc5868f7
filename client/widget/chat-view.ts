// The widget's chat: the lounge's recent messages, yours going sending → sent (or failed, with
// Retry), and the input. User text is always set as textContent.
import { CHAT_MAX_LENGTH } from "../../shared/protocol.ts";
import type { Outgoing } from "../net/chat-outbox.ts";
import { el, nameColor, clockTime } from "../ui/element.ts";
import { icon } from "../ui/icons.ts";

export interface ChatLineView { id: number; author: string; text: string; at: number; nonce: string; self: boolean }

export interface ChatViewDeps {
  send(text: string): void;
  retry(nonce: string): void;
  /** The page of messages before `before` (an id; the newest when undefined), newest first, and whether older ones remain. */
  older(before: number | undefined): Promise<{ lines: ChatLineView[]; more: boolean }>;
}

const statusWords: Record<Outgoing["status"], string> = { queued: "waiting…", sending: "sending…", sent: "sent", failed: "not sent" };

export class ChatView {
  readonly root = el("section", { class: "w-chat", "aria-label": "Chat" });
  readonly input = el("input", { class: "w-input", type: "text", maxlength: CHAT_MAX_LENGTH, placeholder: "Say something…", "aria-label": "Chat message", autocomplete: "off", enterkeyhint: "send" });
  private readonly log = el("ol", { class: "w-log", "aria-live": "polite", "aria-label": "Messages" });
  private readonly pending = new Map<string, HTMLLIElement>();
  private readonly shown = new Set<number>();
  /** "Earlier messages": pages the lounge's history in above what the room sent at joining. */
  private readonly top = el("li", { class: "w-top" });
  private readonly earlier = el("button", { class: "w-earlier", type: "button" }, "Earlier messages");
  private oldest: number | undefined;
  private loading = false;

  constructor(private readonly deps: ChatViewDeps) {
    const button = el("button", { class: "w-send", type: "submit", "aria-label": "Send" }, icon("send"));
    const form = el("form", { class: "w-form" }, this.input, button);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      this.input.value = "";
      deps.send(text);
    });
    this.earlier.addEventListener("click", () => void this.loadOlder());
    this.top.append(this.earlier);
    this.log.append(this.top);
    this.root.append(this.log, form);
  }

  private async loadOlder(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    this.earlier.disabled = true;
    this.earlier.textContent = "Loading…";
    this.top.querySelector(".w-state")?.remove();
    try {
      const page = await this.deps.older(this.oldest);
      const heightBefore = this.log.scrollHeight, topBefore = this.log.scrollTop;
      for (const line of page.lines) this.add(line, false);
      // What the reader was looking at stays in place.
      this.log.scrollTop = topBefore + (this.log.scrollHeight - heightBefore);
      if (!page.more) this.top.replaceChildren(el("span", { class: "w-muted" }, "The beginning of this lounge's chat."));
    } catch (err) {
      this.top.append(el("span", { class: "w-state w-failed", role: "alert" }, ` Could not load them: ${(err as Error).message}`));
    } finally {
      this.loading = false;
      this.earlier.disabled = false;
      this.earlier.textContent = "Earlier messages";
    }
  }

  private line(author: string, text: string, at: number, self: boolean): HTMLLIElement {
    const who = el("span", { class: "w-author" }, author);
    who.style.color = self ? "var(--w-accent)" : nameColor(author);
    return el("li", { class: `w-line${self ? " w-self" : ""}` }, who, el("time", { class: "w-time" }, clockTime(at)), el("span", { class: "w-text" }, text));
  }

  /** A stored message. Takes the place of your pending copy of it, if any; `follow` scrolls to the newest. */
  add(m: ChatLineView, follow = true): void {
    if (this.shown.has(m.id)) return;
    this.shown.add(m.id);
    if (this.oldest === undefined || m.id < this.oldest) this.oldest = m.id;
    const li = this.line(m.author, m.text, m.at, m.self);
    li.dataset.id = String(m.id);
    const mine = m.nonce ? this.pending.get(m.nonce) : undefined;
    if (mine) { mine.remove(); this.pending.delete(m.nonce); }
    // Stored messages in id order (the room's order, also for those a reconnect brings late); your
    // pending ones stay at the end.
    const after = Array.from(this.log.children).find((c) => c instanceof HTMLElement && c !== this.top && (c.dataset.id === undefined || Number(c.dataset.id) > m.id));
    this.log.insertBefore(li, after ?? null);
    if (follow) this.scroll();
  }

  /** Your own message's progress. */
  outgoing(item: Outgoing, selfName: string): void {
    let li = this.pending.get(item.nonce);
    if (item.status === "sent") {
      if (li) { li.classList.remove("w-pending"); li.querySelector(".w-state")?.remove(); }
      return;
    }
    if (!li) {
      li = this.line(selfName, item.text, item.createdAt, true);
      li.classList.add("w-pending");
      this.pending.set(item.nonce, li);
      this.log.append(li);
    }
    const state = el("span", { class: `w-state w-${item.status}`, role: item.status === "failed" ? "alert" : "status" }, statusWords[item.status], item.note ? ` — ${item.note}` : "");
    if (item.status === "failed") {
      const retry = el("button", { class: "w-retry", type: "button" }, "Retry");
      retry.addEventListener("click", () => this.deps.retry(item.nonce));
      state.append(" ", retry);
    }
    li.querySelector(".w-state")?.remove();
    li.append(state);
    this.scroll();
  }

  remove(id: number): void {
    this.log.querySelector(`[data-id="${id}"]`)?.remove();
  }

  private scroll(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }
}

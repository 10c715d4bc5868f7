// One chat message as shown in the panel: author, time and text (always as text), the sender's
// own status line (sending…, sent ✓, not sent + retry), reaction chips with a picker, and a
// moderator's delete button.
import { reactionEmoji, type ReactionEmoji } from "../../shared/avatars.ts";
import type { Outgoing } from "../net/chat-outbox.ts";
import { el, nameColor, clockTime } from "./element.ts";

/** A message as the panel shows it: from the room or from the history API (id 0: not stored yet). */
export interface ChatLine { id: number; authorName: string; authorSessionId: string; text: string; at: number; reactions?: Readonly<Record<string, number>> }

const statusWords: Record<Outgoing["status"], string> = {
  queued: "waiting to send", sending: "sending…", sent: "sent ✓", failed: "not sent",
};

export function messageElement(line: ChatLine, own: boolean): HTMLLIElement {
  const li = el("li", { class: own ? "msg own" : "msg" });
  if (line.id) li.dataset.id = String(line.id);
  const author = el("span", { class: "msg-author" }, own ? "You" : line.authorName);
  author.style.color = own ? "#ffd98a" : nameColor(line.authorName);
  li.append(
    el("div", { class: "msg-head" }, author, el("time", { class: "msg-time", datetime: new Date(line.at).toISOString() }, clockTime(line.at)),
      // Shown only to moderators, and only on stored messages (styles.css); the panel handles the click.
      el("button", { class: "msg-delete link-button", type: "button", "aria-label": "Delete message", title: "Delete for everyone" }, "Delete")),
    el("p", { class: "msg-text" }, line.text),
  );
  if (own) li.append(el("div", { class: "msg-status" }));
  li.append(el("div", { class: "msg-reactions" }));
  return li;
}

export function showStatus(li: HTMLLIElement, item: Outgoing, actions: { retry(): void; discard(): void }): void {
  li.dataset.status = item.status;
  const status = li.querySelector<HTMLElement>(".msg-status");
  if (!status) return;
  status.classList.remove("fade");
  status.replaceChildren(statusWords[item.status]);
  if (item.note) status.append(el("span", { class: "msg-note" }, ` — ${item.note}`));
  if (item.status === "failed") {
    const retry = el("button", { class: "link-button", type: "button" }, "Retry");
    retry.addEventListener("click", () => actions.retry());
    const discard = el("button", { class: "link-button", type: "button" }, "Discard");
    discard.addEventListener("click", () => actions.discard());
    status.append(" ", retry, " ", discard);
  }
  if (item.status === "sent") window.setTimeout(() => status.classList.add("fade"), 2500);
}

/** Reaction chips (yours highlighted) and the button that opens the picker; stored messages only. */
export function showReactions(li: HTMLLIElement, line: ChatLine, mine: (emoji: string) => boolean, toggle: (emoji: ReactionEmoji) => void): void {
  const box = li.querySelector<HTMLElement>(".msg-reactions");
  if (!box || !line.id) return;
  const chips: HTMLElement[] = [];
  for (const [emoji, count] of Object.entries(line.reactions ?? {})) {
    if (count <= 0 || !(reactionEmoji as readonly string[]).includes(emoji)) continue;
    const on = mine(emoji);
    const chip = el("button", { class: on ? "reaction mine" : "reaction", type: "button", "aria-pressed": on ? "true" : "false" }, `${emoji} ${count}`);
    chip.addEventListener("click", () => toggle(emoji as ReactionEmoji));
    chips.push(chip);
  }
  const add = el("button", { class: "reaction add", type: "button", "aria-label": "Add a reaction", title: "React" }, "☺+");
  add.addEventListener("click", () => openPicker(li, toggle));
  box.replaceChildren(...chips, add);
}

function openPicker(li: HTMLLIElement, toggle: (emoji: ReactionEmoji) => void): void {
  li.querySelector(".reaction-picker")?.remove();
  const picker = el("div", { class: "reaction-picker", role: "group", "aria-label": "Reactions" });
  for (const emoji of reactionEmoji) {
    const b = el("button", { class: "reaction", type: "button" }, emoji);
    b.addEventListener("click", () => { picker.remove(); toggle(emoji); });
    picker.append(b);
  }
  li.append(picker);
  picker.querySelector("button")?.focus();
}

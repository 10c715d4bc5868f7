// Who is here: everyone in the lounge with their avatar, and whether they are typing or away.
import type { AvatarId } from "../../shared/avatars.ts";
import { avatarIds } from "../../shared/avatars.ts";
import { avatarCanvas } from "../lounge/avatar-art.ts";
import { el } from "./element.ts";

export interface PersonView { sessionId: string; name: string; avatar: string; typing: boolean; connected: boolean; role: string }

export class PeoplePanel {
  readonly root = el("section", { class: "people", "aria-labelledby": "people-title" });
  private readonly title = el("h2", { id: "people-title" }, "People");
  private readonly list = el("ul", { class: "people-list" });
  private readonly people = new Map<string, PersonView>();
  private selfId = "";
  private scheduled = false;

  constructor() {
    this.root.append(this.title, this.list);
  }

  setSelf(sessionId: string): void {
    this.selfId = sessionId;
    this.schedule();
  }

  upsert(p: PersonView): void {
    const before = this.people.get(p.sessionId);
    // Positions change many times a second; only what the list shows is worth a redraw.
    if (before && before.name === p.name && before.avatar === p.avatar && before.typing === p.typing && before.connected === p.connected && before.role === p.role) return;
    this.people.set(p.sessionId, { ...p });
    this.schedule();
  }

  remove(sessionId: string): void {
    this.people.delete(sessionId);
    this.schedule();
  }

  clear(): void {
    this.people.clear();
    this.schedule();
  }

  get count(): number { return this.people.size; }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => { this.scheduled = false; this.render(); });
  }

  private render(): void {
    this.title.textContent = `People (${this.people.size})`;
    const sorted = [...this.people.values()].sort((a, b) =>
      (a.sessionId === this.selfId ? -1 : b.sessionId === this.selfId ? 1 : a.name.localeCompare(b.name)));
    this.list.replaceChildren(...sorted.map((p) => {
      const avatar = (avatarIds as readonly string[]).includes(p.avatar) ? (p.avatar as AvatarId) : "ghost";
      const state = !p.connected ? "reconnecting…" : p.typing ? "typing…" : "";
      return el("li", { class: p.connected ? "person" : "person away", "data-session-id": p.sessionId },
        avatarCanvas(avatar, "down", 26),
        el("span", { class: "person-name" }, p.name),
        p.sessionId === this.selfId ? el("span", { class: "badge" }, "you") : null,
        p.role !== "guest" ? el("span", { class: "badge role" }, p.role) : null,
        state ? el("span", { class: "person-state" }, state) : null);
    }));
  }
}

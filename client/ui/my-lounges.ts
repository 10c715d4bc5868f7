// "Your lounges" on the start page, for a signed-in person: the lounges they own or have a role in
// (private ones included), each with its role, who can find it and a link in.
import type { Role } from "../../shared/moderation.ts";
import type { LoungeVisibility } from "../../shared/api.ts";
import { api, type MyLounge, errorMessage } from "../net/api.ts";
import { el } from "./element.ts";
import { loungePath } from "./navigation.ts";

const visibilityWords: Record<LoungeVisibility, string> = { public: "public", unlisted: "unlisted", private: "private" };
const roleWords: Record<Role, string> = { owner: "owner", moderator: "moderator", dj: "DJ", member: "member", guest: "guest" };

export class MyLounges {
  readonly root = el("section", { class: "card my-lounges", "aria-labelledby": "my-lounges-title" });
  private readonly list = el("ul", { class: "lounges" });
  private readonly note = el("p", { class: "muted" }, "Loading your lounges…");

  constructor() {
    this.root.append(el("h2", { id: "my-lounges-title" }, "Your lounges"), this.note, this.list);
    void this.load();
  }

  async load(): Promise<void> {
    let lounges: MyLounge[];
    try {
      lounges = await api.myLounges();
    } catch (err) {
      this.note.hidden = false;
      this.note.textContent = `Could not load your lounges: ${errorMessage(err)}`;
      return;
    }
    this.note.hidden = lounges.length > 0;
    this.note.textContent = "None yet. Start one below; private lounges are for the people you invite.";
    this.list.replaceChildren(...lounges.map(({ lounge, role }) =>
      el("li", { class: "lounge-item", "data-lounge-id": lounge.id },
        el("span", { class: `lounge-dot${lounge.visibility === "private" ? " private" : ""}` }),
        el("span", { class: "lounge-name" }, lounge.name),
        el("span", { class: "badge" }, visibilityWords[lounge.visibility]),
        el("span", { class: "badge role" }, roleWords[role]),
        el("a", { class: "button", href: loungePath(lounge.id), "aria-label": `Open ${lounge.name}` }, "Open"))));
  }

  destroy(): void {
    this.root.remove();
  }
}

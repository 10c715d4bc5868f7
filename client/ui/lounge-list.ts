// The live list of public lounges with how many people are in each, and a button to join.
import type { Client } from "@colyseus/sdk";
import { LoungeDirectory, type LoungeListing } from "../net/lobby.ts";
import { el } from "./element.ts";

export class LoungeList {
  readonly root = el("section", { class: "card lounge-list", "aria-labelledby": "lounges-title" });
  private readonly list = el("ul", { class: "lounges", "aria-live": "polite" });
  private readonly note = el("p", { class: "muted" }, "Loading lounges…");
  private readonly directory: LoungeDirectory;

  constructor(client: Client, private readonly onJoin: (lounge: LoungeListing) => void, title = "Open lounges") {
    this.root.append(el("h2", { id: "lounges-title" }, title), this.note, this.list);
    this.directory = new LoungeDirectory(client);
    this.directory.on("change", (listings) => this.render(listings));
    this.directory.on("error", (message) => { this.note.textContent = `Could not load the lounges: ${message}`; });
    void this.directory.start();
  }

  private render(listings: LoungeListing[]): void {
    this.note.textContent = listings.length === 0 ? "No public lounges yet. Start one below and invite your friends." : "";
    this.note.hidden = listings.length > 0;
    this.list.replaceChildren(...listings.map((l) => {
      const full = l.online >= l.capacity;
      const join = el("button", { class: "button", type: "button", disabled: full, "aria-label": `Join ${l.name}` }, full ? "Full" : "Join");
      join.addEventListener("click", () => this.onJoin(l));
      return el("li", { class: "lounge-item", "data-lounge-id": l.id },
        el("span", { class: "lounge-dot" + (l.online > 0 ? " live" : "") }),
        el("span", { class: "lounge-name" }, l.name),
        el("span", { class: "lounge-count" }, `${l.online} / ${l.capacity}`, el("span", { class: "visually-hidden" }, " people")),
        join,
      );
    }));
  }

  destroy(): void {
    this.directory.stop();
    this.root.remove();
  }
}

// The bans in force in a lounge, for the owner and moderators in "Manage lounge": who, by whom,
// why and until when, each with a button that lifts it.
import type { BanDto } from "../../shared/moderation.ts";
import { api, ApiFailure, errorMessage } from "../net/api.ts";
import { el } from "./element.ts";
import { banSummary } from "./moderation-words.ts";
import { LatestLoad } from "./latest-load.ts";

export interface AdminListDeps {
  loungeId: string;
  toast(message: string): void;
  /** Something was changed from this list: the other lists (the audit log) may be stale. */
  changed(): void;
}

export class BanList {
  readonly root = el("section", { class: "admin-bans", "aria-labelledby": "bans-title" });
  private readonly list = el("ul", { class: "admin-list ban-list", "aria-labelledby": "bans-title" });
  private readonly loader = new LatestLoad(this.list, "the bans");

  constructor(private readonly deps: AdminListDeps) {
    this.root.append(el("h3", { id: "bans-title" }, "Bans"), this.list);
  }

  refresh(): Promise<void> {
    return this.loader.run(() => api.bans(this.deps.loungeId), (bans) => {
      this.list.replaceChildren(...bans.map((b) => this.item(b)));
      this.showEmpty();
    });
  }

  private showEmpty(): void {
    if (this.list.childElementCount === 0) this.list.append(el("li", { class: "muted small" }, "No one is banned from this lounge."));
  }

  private item(ban: BanDto): HTMLLIElement {
    const unban = el("button", { class: "button small", type: "button", "aria-label": `Unban ${ban.name}` }, "Unban");
    const li = el("li", { class: "admin-item ban", "data-ban-id": ban.id },
      el("span", { class: "admin-item-text" }, el("strong", {}, ban.name), " ",
        el("span", { class: "muted small" }, banSummary(ban, Date.now()))),
      unban);
    unban.addEventListener("click", () => {
      unban.disabled = true;
      api.unban(this.deps.loungeId, ban.id).then(
        () => {
          li.remove();
          this.showEmpty();
          this.deps.toast(`Ban lifted: ${ban.name} can come back in.`);
          this.deps.changed();
        },
        (err: unknown) => {
          unban.disabled = false;
          this.deps.toast(errorMessage(err));
          // Lifted meanwhile (by someone else, or it ran out): show the list as it is now.
          if (err instanceof ApiFailure && err.status === 404) void this.refresh();
        },
      );
    });
    return li;
  }
}

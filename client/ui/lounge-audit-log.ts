// The lounge's moderation log, newest first, in "Manage lounge": who did what to whom, and when.
import type { AuditEntryDto } from "../../shared/moderation.ts";
import { api } from "../net/api.ts";
import { el } from "./element.ts";
import { auditSentence, timeAgo } from "./moderation-words.ts";
import { LatestLoad } from "./latest-load.ts";

export class AuditLog {
  readonly root = el("section", { class: "admin-audit", "aria-labelledby": "audit-title" });
  private readonly list = el("ol", { class: "admin-list audit-list", "aria-labelledby": "audit-title" });
  private readonly loader = new LatestLoad(this.list, "the audit log");

  constructor(private readonly loungeId: string) {
    this.root.append(el("h3", { id: "audit-title" }, "Audit log"), this.list);
  }

  refresh(): Promise<void> {
    return this.loader.run(() => api.auditLog(this.loungeId), (entries) => {
      const now = Date.now();
      this.list.replaceChildren(...entries.map((e) => this.item(e, now)));
      if (entries.length === 0) this.list.append(el("li", { class: "muted small" }, "Nothing yet: moderation and changes to the lounge show here."));
    });
  }

  private item(entry: AuditEntryDto, now: number): HTMLLIElement {
    const at = Date.parse(entry.at);
    return el("li", { class: "audit-entry", "data-action": entry.action },
      el("span", { class: "audit-text" }, auditSentence(entry)), " ",
      el("time", { class: "muted small", datetime: entry.at, title: new Date(at).toLocaleString() }, timeAgo(at, now)));
  }
}

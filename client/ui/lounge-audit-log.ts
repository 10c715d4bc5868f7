// The lounge's moderation log, newest first, in "Manage lounge": who did what to whom, and when.
import type { AuditEntryDto } from "../../shared/moderation.ts";
import { api } from "../net/api.ts";
import { el } from "./element.ts";
import { auditSentence, timeAgo } from "./moderation-words.ts";

export class AuditLog {
  readonly root = el("section", { class: "admin-audit", "aria-labelledby": "audit-title" });
  private readonly list = el("ol", { class: "admin-list audit-list", "aria-labelledby": "audit-title" });
  private loads = 0;

  constructor(private readonly loungeId: string) {
    this.root.append(el("h3", { id: "audit-title" }, "Audit log"), this.list);
  }

  async refresh(): Promise<void> {
    const load = ++this.loads;
    try {
      const entries = await api.auditLog(this.loungeId);
      if (load !== this.loads) return;
      const now = Date.now();
      this.list.replaceChildren(...entries.map((e) => this.item(e, now)));
      if (entries.length === 0) this.list.append(el("li", { class: "muted small" }, "Nothing yet: moderation and changes to the lounge show here."));
    } catch (err) {
      if (load !== this.loads) return;
      this.list.replaceChildren(el("li", { class: "field-problem" }, `Could not load the audit log: ${err instanceof Error ? err.message : String(err)}`));
    }
  }

  private item(entry: AuditEntryDto, now: number): HTMLLIElement {
    const at = Date.parse(entry.at);
    return el("li", { class: "audit-entry", "data-action": entry.action },
      el("span", { class: "audit-text" }, auditSentence(entry)), " ",
      el("time", { class: "muted small", datetime: entry.at, title: new Date(at).toLocaleString() }, timeAgo(at, now)));
  }
}

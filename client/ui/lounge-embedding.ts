// "Manage lounge → Embedding", for the owner: the sites (origins) whose pages may show the lounge's
// widget, one per line, and the snippet to paste. Nothing listed: a public lounge may be embedded
// anywhere, a private one nowhere.
import type { LoungeVisibility } from "../../shared/api.ts";
import { api, errorMessage } from "../net/api.ts";
import { el } from "./element.ts";
import { checkedForm } from "./field-error.ts";

export class EmbeddingSettings {
  readonly root = el("section", { class: "admin-embedding", "aria-labelledby": "embedding-title", hidden: true });
  private readonly field = el("textarea", { id: "embed-origins", class: "text-input small", rows: 3, placeholder: "https://your-site.example" });
  private readonly problem = el("p", { class: "field-problem", role: "alert" });
  private loaded = false;

  constructor(private readonly loungeId: string, visibility: LoungeVisibility, toast: (message: string) => void) {
    const save = el("button", { class: "button small primary", type: "submit" }, "Save sites");
    const form = checkedForm({}, el("label", { class: "field-label", for: this.field.id }, "Sites that may show this lounge (one per line)"), this.field, this.problem, save);
    const snippet = `<script src="${window.location.origin}/embed.js" data-lounge="${loungeId}" async></script>`;
    const hint = visibility === "private"
      ? "Private lounge: only the sites listed here can show it, and visitors still need an invite (add data-invite=\"CODE\")."
      : "With no site listed, any site can show this lounge.";
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const origins = this.field.value.split(/\s+/).map((s) => s.trim()).filter(Boolean);
      save.disabled = true;
      this.problem.textContent = "";
      api.setEmbedOrigins(loungeId, origins).then(
        (dto) => { this.field.value = dto.origins.join("\n"); toast(dto.origins.length ? "Saved: those sites may show the lounge." : "Saved: no site listed."); },
        (err: unknown) => { this.problem.textContent = errorMessage(err); },
      ).finally(() => { save.disabled = false; });
    });
    this.root.append(el("h3", { id: "embedding-title" }, "Embedding"), el("p", { class: "muted small" }, hint), form,
      el("p", { class: "muted small" }, "Paste on a site:"), el("input", { class: "text-input small invite-link", type: "text", readonly: true, value: snippet, "aria-label": "Embed snippet" }));
  }

  /** Shown to the owner only; loads the list the first time. */
  async show(owner: boolean): Promise<void> {
    this.root.hidden = !owner;
    if (!owner || this.loaded) return;
    this.loaded = true;
    try {
      this.field.value = (await api.embedOrigins(this.loungeId)).origins.join("\n");
    } catch (err) {
      this.loaded = false;
      this.problem.textContent = `Could not load the list: ${errorMessage(err)}`;
    }
  }
}

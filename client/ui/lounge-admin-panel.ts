// "Manage lounge", for the owner and moderators: slow mode, the bans in force, the members and the
// audit log for both (roles changed by the owner only), and for the owner the links that let people
// in: invite links to a private lounge (optionally expiring or limited in uses) to create, copy and
// revoke, or the lounge's own link when it is not private; and which sites may embed it.
import type { InviteDto, Role } from "../../shared/moderation.ts";
import { canModerate } from "../../shared/moderation.ts";
import type { LoungeVisibility } from "../../shared/api.ts";
import { api, errorMessage } from "../net/api.ts";
import { el } from "./element.ts";
import { checkedForm, FieldProblem, formProblem } from "./field-error.ts";
import { copyOrSelect } from "./share-link.ts";
import { inviteLink, loungePath } from "./navigation.ts";
import { inviteLifetimes, inviteSummary, slowModeChoices, slowModeLabel } from "./moderation-words.ts";
import { BanList } from "./lounge-bans.ts";
import { MemberList } from "./lounge-members.ts";
import { AuditLog } from "./lounge-audit-log.ts";
import { EmbeddingSettings } from "./lounge-embedding.ts";

export interface AdminPanelDeps {
  loungeId: string;
  visibility: LoungeVisibility;
  /** Asks the room; rejects with the words to show when refused. */
  setSlowMode(seconds: number): Promise<void>;
  toast(message: string): void;
}

export class LoungeAdminPanel {
  readonly root = el("details", { class: "admin", hidden: true });
  private readonly slowMode = el("select", { id: "slow-mode", class: "select small" },
    ...slowModeChoices.map((s) => el("option", { value: String(s) }, slowModeLabel(s))));
  private readonly invitesBox = el("section", { class: "admin-invites", "aria-labelledby": "invites-title" });
  private readonly inviteList = el("ul", { class: "invite-list" });
  private readonly bans: BanList;
  private readonly members: MemberList;
  private readonly audit: AuditLog;
  private readonly embedding: EmbeddingSettings;
  private role: Role = "guest";
  private invitesLoaded = false;

  constructor(private readonly deps: AdminPanelDeps) {
    const lists = { loungeId: deps.loungeId, toast: deps.toast, changed: () => { void this.audit.refresh(); } };
    this.bans = new BanList(lists);
    this.members = new MemberList(lists);
    this.audit = new AuditLog(deps.loungeId);
    this.embedding = new EmbeddingSettings(deps.loungeId, deps.visibility, deps.toast);
    const slowProblem = el("p", { class: "field-problem", role: "alert" });
    this.slowMode.addEventListener("change", () => {
      const seconds = Number(this.slowMode.value);
      this.slowMode.disabled = true;
      slowProblem.textContent = "";
      deps.setSlowMode(seconds).then(
        () => {
          deps.toast(seconds > 0 ? `Slow mode on: ${slowModeLabel(seconds).toLowerCase()}.` : "Slow mode off.");
          void this.audit.refresh();
        },
        (err: unknown) => { slowProblem.textContent = errorMessage(err); },
      ).finally(() => { this.slowMode.disabled = false; });
    });
    this.root.append(
      el("summary", {}, "Manage lounge"),
      el("div", { class: "admin-body" },
        el("label", { class: "field-label", for: "slow-mode" }, "Slow mode"), this.slowMode, slowProblem,
        this.invitesBox, this.embedding.root, this.bans.root, this.members.root, this.audit.root));
    this.root.addEventListener("toggle", () => {
      if (!this.root.open) return;
      void this.loadInvites();
      void this.embedding.show(this.role === "owner");
      this.refresh();
    });
  }

  /**
   * Reloads the bans, members and audit log when the panel is open (a closed one reloads as it
   * opens): called after a moderation action taken elsewhere on the page.
   */
  refresh(): void {
    if (!this.root.open || !canModerate(this.role)) return;
    void this.bans.refresh();
    void this.members.refresh();
    void this.audit.refresh();
  }

  /** Your role here: the panel shows for the owner and moderators, the links for the owner only. */
  setRole(role: Role): void {
    if (role === this.role) return;
    this.role = role;
    this.root.hidden = !canModerate(role);
    this.invitesBox.hidden = role !== "owner";
    this.members.setEditable(role === "owner");
    if (role === "owner") this.buildLinks();
    this.refresh();
  }

  /** The lounge's slow mode as the room says it is now. */
  showSlowMode(seconds: number): void {
    if (!slowModeChoices.includes(seconds)) this.slowMode.append(el("option", { value: String(seconds) }, slowModeLabel(seconds)));
    this.slowMode.value = String(seconds);
  }

  private buildLinks(): void {
    if (this.invitesBox.childElementCount > 0) return;
    if (this.deps.visibility !== "private") {
      const link = window.location.origin + loungePath(this.deps.loungeId);
      const field = el("input", { class: "text-input small invite-link", type: "text", readonly: true, value: link, "aria-label": "Lounge link" });
      const copyButton = el("button", { class: "button small", type: "button" }, "Copy link");
      copyButton.addEventListener("click", () => { void copyOrSelect(link, field).then((ok) => { if (ok) this.deps.toast("Lounge link copied."); }); });
      this.invitesBox.append(el("h3", { id: "invites-title" }, "Share"),
        el("p", { class: "muted small" }, "Anyone with this link can come in."), field, copyButton);
      return;
    }
    const lifetime = el("select", { id: "invite-lifetime", class: "select small" },
      ...inviteLifetimes.map((l, i) => el("option", { value: String(i) }, l.label)));
    const maxUses = el("input", { id: "invite-max-uses", class: "text-input small narrow", type: "number", min: 1, max: 10_000, placeholder: "Unlimited" });
    const create = el("button", { class: "button small primary", type: "submit" }, "Create invite link");
    const usesProblem = new FieldProblem(maxUses);
    const problem = formProblem();
    const form = checkedForm({ class: "invite-form" },
      el("div", { class: "row tight" },
        el("div", {}, el("label", { class: "field-label", for: lifetime.id }, "Lifetime"), lifetime),
        el("div", {}, el("label", { class: "field-label", for: maxUses.id }, "Max uses"), maxUses, usesProblem.line)),
      create, problem.line);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const uses = maxUses.value.trim() === "" ? undefined : Number(maxUses.value);
      if (uses !== undefined && (!Number.isInteger(uses) || uses < 1 || uses > 10_000)) {
        usesProblem.show("Max uses is a whole number from 1 to 10000, or empty for unlimited.");
        return;
      }
      create.disabled = true;
      problem.clear();
      api.createInvite(this.deps.loungeId, { expiresInMinutes: inviteLifetimes[Number(lifetime.value)]?.minutes, maxUses: uses }).then(
        (invite) => {
          this.inviteList.prepend(this.inviteItem(invite, true));
          this.deps.toast("Invite link created: copy it and send it to whoever you want in.");
        },
        (err: unknown) => { problem.show(errorMessage(err), { focus: false }); },
      ).finally(() => { create.disabled = false; });
    });
    this.invitesBox.append(el("h3", { id: "invites-title" }, "Invite links"),
      el("p", { class: "muted small" }, "This lounge is private: people need an invite link to come in."),
      form, this.inviteList);
  }

  private async loadInvites(): Promise<void> {
    if (this.role !== "owner" || this.deps.visibility !== "private" || this.invitesLoaded) return;
    this.invitesLoaded = true;
    try {
      const invites = await api.invites(this.deps.loungeId);
      // Keep any created meanwhile (they are first in the list already).
      const shown = new Set([...this.inviteList.querySelectorAll<HTMLElement>("[data-code]")].map((li) => li.dataset.code));
      this.inviteList.append(...invites.filter((i) => !shown.has(i.code)).map((i) => this.inviteItem(i, false)));
    } catch (err) {
      this.invitesLoaded = false;
      this.inviteList.append(el("li", { class: "field-problem" }, `Could not load the invites: ${errorMessage(err)}`));
    }
  }

  private inviteItem(invite: InviteDto, fresh: boolean): HTMLLIElement {
    const link = inviteLink(window.location.origin, invite.loungeId, invite.code);
    const field = el("input", { class: "text-input small invite-link", type: "text", readonly: true, value: link, "aria-label": "Invite link" });
    const summary = el("span", { class: "invite-summary muted small" }, inviteSummary(invite, Date.now()));
    const li = el("li", { class: invite.active ? "invite" : "invite inactive", "data-code": invite.code }, field, summary);
    if (invite.active) {
      const copyButton = el("button", { class: "button small", type: "button" }, "Copy");
      copyButton.addEventListener("click", () => { void copyOrSelect(link, field).then((ok) => { if (ok) this.deps.toast("Invite link copied."); }); });
      const revoke = el("button", { class: "button small", type: "button" }, "Revoke");
      revoke.addEventListener("click", () => {
        revoke.disabled = true;
        api.revokeInvite(invite.loungeId, invite.code).then(
          (updated) => { li.replaceWith(this.inviteItem(updated, false)); this.deps.toast("Invite revoked: that link no longer lets anyone in."); },
          (err: unknown) => { revoke.disabled = false; this.deps.toast(errorMessage(err)); },
        );
      });
      li.append(el("span", { class: "invite-actions" }, copyButton, " ", revoke));
    }
    if (fresh) window.setTimeout(() => { field.focus(); field.select(); });
    return li;
  }
}

// Who is here: everyone in the lounge with their avatar, role, and whether they are typing, away or
// muted. The owner and moderators get a menu on each person they outrank: mute or unmute, kick,
// ban (for a while or until lifted, with an optional reason) and, for the owner, roles (member,
// DJ, moderator) for signed-in people.
import { errorMessage } from "../net/api.ts";
import { avatarOr } from "../../shared/avatars.ts";
import { assignableRoles, canModerate, isRole, outranks, type AssignableRole, type Role } from "../../shared/moderation.ts";
import { avatarCanvas } from "../lounge/avatar-art.ts";
import { el } from "./element.ts";
import { sanctionDurations } from "./moderation-words.ts";
import type { PersonAction } from "../net/moderation.ts";

export interface PersonView { sessionId: string; name: string; avatar: string; typing: boolean; connected: boolean; role: string; muted: boolean; signedIn: boolean }


export interface PeopleActions {
  /** Carries out a moderator's action; rejects with the words to show when refused. */
  moderate(action: PersonAction, person: PersonView, opts: { minutes?: number; reason?: string; role?: AssignableRole }): Promise<void>;
}

const roleOf = (p: PersonView): Role => (isRole(p.role) ? p.role : "guest");

export class PeoplePanel {
  readonly root = el("section", { class: "people", "aria-labelledby": "people-title" });
  private readonly title = el("h2", { id: "people-title" }, "People");
  private readonly list = el("ul", { class: "people-list" });
  private readonly people = new Map<string, PersonView>();
  private selfId = "";
  private viewerRole: Role = "guest";
  /** The person whose moderation menu is open, and the menu itself (kept across redraws so typed reasons stay). */
  private menu: { sessionId: string; node: HTMLElement; sync(p: PersonView): void } | undefined;
  private scheduled = false;

  constructor(private readonly actions?: PeopleActions) {
    this.root.append(this.title, this.list);
  }

  setSelf(sessionId: string): void {
    this.selfId = sessionId;
    this.schedule();
  }

  /** Your own role here: decides which moderation menus you get. */
  setViewerRole(role: Role): void {
    if (role === this.viewerRole) return;
    this.viewerRole = role;
    this.schedule();
  }

  upsert(p: PersonView): void {
    const before = this.people.get(p.sessionId);
    // Positions change many times a second; only what the list shows is worth a redraw.
    if (before && before.name === p.name && before.avatar === p.avatar && before.typing === p.typing && before.connected === p.connected
      && before.role === p.role && before.muted === p.muted && before.signedIn === p.signedIn) return;
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

  private canAct(p: PersonView): boolean {
    return this.actions !== undefined && p.sessionId !== this.selfId && canModerate(this.viewerRole) && outranks(this.viewerRole, roleOf(p));
  }

  private render(): void {
    this.title.textContent = `People (${this.people.size})`;
    const menuPerson = this.menu ? this.people.get(this.menu.sessionId) : undefined;
    if (this.menu && (!menuPerson || !this.canAct(menuPerson))) this.menu = undefined;
    const sorted = [...this.people.values()].sort((a, b) =>
      (a.sessionId === this.selfId ? -1 : b.sessionId === this.selfId ? 1 : a.name.localeCompare(b.name)));
    this.list.replaceChildren(...sorted.map((p) => {
      const avatar = avatarOr(p.avatar, "ghost");
      const state = !p.connected ? "reconnecting…" : p.typing ? "typing…" : "";
      const open = this.menu?.sessionId === p.sessionId;
      let toggle: HTMLButtonElement | null = null;
      if (this.canAct(p)) {
        toggle = el("button", { class: "person-menu-toggle", type: "button", "aria-label": `Moderate ${p.name}`, "aria-expanded": String(open), title: "Moderate" }, "⋯");
        toggle.addEventListener("click", () => this.toggleMenu(p.sessionId));
      }
      const li = el("li", { class: p.connected ? "person" : "person away", "data-session-id": p.sessionId },
        el("div", { class: "person-row" },
          avatarCanvas(avatar, "down", 26),
          el("span", { class: "person-name" }, p.name),
          p.sessionId === this.selfId ? el("span", { class: "badge" }, "you") : null,
          p.role !== "guest" ? el("span", { class: "badge role" }, p.role) : null,
          p.muted ? el("span", { class: "badge muted-badge", title: "Muted by a moderator" }, "muted") : null,
          state ? el("span", { class: "person-state" }, state) : null,
          toggle));
      if (open && this.menu) {
        this.menu.sync(p);
        li.append(this.menu.node);
      }
      return li;
    }));
  }

  private toggleMenu(sessionId: string): void {
    if (this.menu?.sessionId === sessionId) {
      this.menu = undefined;
    } else {
      const person = this.people.get(sessionId);
      if (person) this.menu = this.buildMenu(person);
    }
    this.render();
    this.menu?.node.querySelector("select")?.focus();
  }

  private buildMenu(person: PersonView): { sessionId: string; node: HTMLElement; sync(p: PersonView): void } {
    const id = `mod-${person.sessionId}`;
    const duration = el("select", { id: `${id}-for`, class: "select small" },
      ...sanctionDurations.map((d, i) => el("option", { value: String(i) }, d.label)));
    const reason = el("input", { id: `${id}-reason`, class: "text-input small", type: "text", maxlength: 200, placeholder: "Reason (optional)" });
    const problem = el("p", { class: "field-problem", role: "alert" });
    const buttons = {
      mute: el("button", { class: "button small", type: "button" }, "Mute"),
      unmute: el("button", { class: "button small", type: "button" }, "Unmute"),
      kick: el("button", { class: "button small", type: "button" }, "Kick"),
      ban: el("button", { class: "button small danger", type: "button" }, "Ban"),
      "set-role": el("button", { class: "button small", type: "button" }, "Give role"),
    } satisfies Record<PersonAction, HTMLButtonElement>;
    const roleWords: Record<AssignableRole, string> = { member: "Member", dj: "DJ", moderator: "Moderator" };
    const role = el("select", { id: `${id}-role`, class: "select small" }, ...assignableRoles.map((r) => el("option", { value: r }, roleWords[r])));
    const roleRow = el("div", { class: "row tight person-role" }, el("label", { class: "visually-hidden", for: role.id }, "Role"), role, buttons["set-role"]);
    let current = person;
    let shownRole = "";
    for (const [action, button] of Object.entries(buttons) as [PersonAction, HTMLButtonElement][]) {
      button.addEventListener("click", () => {
        const minutes = sanctionDurations[Number(duration.value)]?.minutes;
        const text = reason.value.trim();
        for (const b of Object.values(buttons)) b.disabled = true;
        problem.textContent = "";
        const chosen = assignableRoles.find((r) => r === role.value);
        this.actions?.moderate(action, current, { minutes, reason: text || undefined, role: chosen }).then(
          () => { if (this.menu?.sessionId === current.sessionId) { this.menu = undefined; this.render(); } },
          (err: unknown) => { problem.textContent = errorMessage(err); },
        ).finally(() => { for (const b of Object.values(buttons)) b.disabled = false; });
      });
    }
    const node = el("div", { class: "person-menu", role: "group", "aria-label": `Moderate ${person.name}` },
      el("div", { class: "row tight" },
        el("label", { class: "visually-hidden", for: duration.id }, "How long"), duration,
        el("label", { class: "visually-hidden", for: reason.id }, "Reason"), reason),
      el("div", { class: "person-menu-actions" }, buttons.mute, buttons.unmute, buttons.kick, buttons.ban),
      roleRow, problem);
    const sync = (p: PersonView) => {
      current = p;
      buttons.mute.hidden = p.muted;
      buttons.unmute.hidden = !p.muted;
      // Roles belong to accounts, and only the owner gives them.
      roleRow.hidden = !(this.viewerRole === "owner" && p.signedIn);
      // Follows the person's role when it changes, and leaves a pick in progress alone otherwise.
      if (p.role !== shownRole) {
        shownRole = p.role;
        role.value = assignableRoles.find((r) => r === p.role) ?? "member";
      }
    };
    sync(person);
    return { sessionId: person.sessionId, node, sync };
  }
}

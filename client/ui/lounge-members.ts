// A lounge's members and their roles, in "Manage lounge": the owner changes a role or removes a
// member; moderators see the list as it is.
import { assignableRoles, type AssignableRole, type MemberDto } from "../../shared/moderation.ts";
import { api, errorMessage } from "../net/api.ts";
import { el } from "./element.ts";
import { roleWords } from "./moderation-words.ts";
import type { AdminListDeps } from "./lounge-bans.ts";
import { LatestLoad } from "./latest-load.ts";

const roleGiven: Record<AssignableRole, string> = { moderator: "is now a moderator", dj: "is now a DJ", member: "is now a member, with no special role" };

export class MemberList {
  readonly root = el("section", { class: "admin-members", "aria-labelledby": "members-title" });
  private readonly list = el("ul", { class: "admin-list member-list", "aria-labelledby": "members-title" });
  private readonly note = el("p", { class: "muted small" });
  private members: MemberDto[] = [];
  private editable = false;
  /** The member whose Remove asks "Really remove?": kept across a reload of the list. */
  private armed: string | undefined;
  private readonly loader = new LatestLoad(this.list, "the members");

  constructor(private readonly deps: AdminListDeps) {
    this.root.append(el("h3", { id: "members-title" }, "Members"), this.note, this.list);
  }

  /** The owner may change roles and remove members; moderators only read. */
  setEditable(editable: boolean): void {
    if (editable === this.editable) return;
    this.editable = editable;
    this.render();
  }

  refresh(): Promise<void> {
    return this.loader.run(() => api.members(this.deps.loungeId), (members) => {
      this.members = members;
      this.render();
    });
  }

  private render(): void {
    this.note.textContent = this.editable
      ? "Give people a role here or from their menu in the people list; removing a member makes them a guest."
      : "Only the owner changes roles.";
    // A reload (someone else's change) must not disarm a Remove you clicked once, nor drop your focus.
    const focused = this.list.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.focusKey : undefined;
    // Armed only while that very button keeps the focus: a Remove drawn armed without it (after a
    // failed reload, or for a member who left the list and came back) would remove at one click.
    if (!this.editable || focused !== `remove-${this.armed}`) this.armed = undefined;
    this.list.replaceChildren(...this.members.map((m) => this.item(m)));
    if (focused) this.list.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
    if (this.members.every((m) => m.role === "owner")) this.list.append(el("li", { class: "muted small" }, "No members yet besides the owner."));
  }

  private item(member: MemberDto): HTMLLIElement {
    const name = el("span", { class: "admin-item-text" }, el("strong", {}, member.displayName), " ",
      el("span", { class: "muted small" }, `@${member.username}`));
    const li = el("li", { class: "admin-item member", "data-user-id": member.userId }, name);
    if (!this.editable || member.role === "owner") {
      li.append(el("span", { class: "badge role" }, roleWords[member.role]));
      return li;
    }
    const id = `member-role-${member.userId}`;
    const role = el("select", { id, class: "select small", "data-focus-key": `role-${member.userId}` }, ...assignableRoles.map((r) => el("option", { value: r }, roleWords[r])));
    role.value = member.role;
    const remove = el("button", { class: "button small danger", type: "button", "data-focus-key": `remove-${member.userId}`, "aria-label": `Remove ${member.displayName} from the members` },
      this.armed === member.userId ? "Really remove?" : "Remove");
    li.append(el("label", { class: "visually-hidden", for: id }, `Role of ${member.displayName}`), role, remove);

    role.addEventListener("change", () => {
      const chosen = assignableRoles.find((r) => r === role.value);
      if (!chosen) return;
      role.disabled = true;
      api.setMemberRole(this.deps.loungeId, member.userId, chosen).then(
        (updated) => {
          member.role = updated.role;
          this.deps.toast(`${member.displayName} ${roleGiven[chosen]} here.`);
          this.deps.changed();
        },
        (err: unknown) => { role.value = member.role; this.deps.toast(errorMessage(err)); },
      ).finally(() => { role.disabled = false; });
    });

    // Removing takes two clicks: the first asks, the second does it. Leaving the button disarms it;
    // a button taken out by a reload of the list is not left (Chromium blurs it while it is being
    // removed, so this looks once the reload is done): its successor stays armed, and focused.
    const disarm = () => { if (this.armed === member.userId) this.armed = undefined; remove.textContent = "Remove"; };
    remove.addEventListener("blur", () => queueMicrotask(() => { if (remove.isConnected && document.activeElement !== remove) disarm(); }));
    remove.addEventListener("click", () => {
      if (this.armed !== member.userId) {
        this.armed = member.userId;
        remove.textContent = "Really remove?";
        return;
      }
      disarm();
      remove.disabled = true;
      api.removeMember(this.deps.loungeId, member.userId).then(
        () => {
          this.members = this.members.filter((m) => m.userId !== member.userId);
          this.render();
          this.deps.toast(`${member.displayName} is no longer a member here.`);
          this.deps.changed();
        },
        (err: unknown) => { remove.disabled = false; this.deps.toast(errorMessage(err)); },
      );
    });
    return li;
  }
}

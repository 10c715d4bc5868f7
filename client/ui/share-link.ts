// Inviting people in from inside a lounge: the link to hand out (the lounge's own link, or for a
// private lounge an invite link, which only its owner can make), and a button that copies it and
// says "Copied ✓" where it was pressed. Where the clipboard is out of reach (a page not served over
// HTTPS, a refused permission) the button shows the link selected in a field, to copy by hand.
import type { LoungeVisibility } from "../../shared/api.ts";
import type { InviteDto, Role } from "../../shared/moderation.ts";
import { api, errorMessage } from "../net/api.ts";
import { el } from "./element.ts";
import { icon } from "./icons.ts";
import { inviteLink, loungePath } from "./navigation.ts";

/** Copies to the clipboard; false where the page may not (no HTTPS, permission refused). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Copies to the clipboard, or selects the field so the person can copy it themselves. */
export async function copyOrSelect(text: string, field: HTMLInputElement): Promise<boolean> {
  if (await copyText(text)) return true;
  field.focus();
  field.select();
  return false;
}

/** An invite that keeps working for whoever it is sent to: no expiry, no limit on uses. */
const lasting = (invite: InviteDto) => invite.active && invite.expiresAt === null && invite.maxUses === null;

/** The link that lets people into this lounge, for the person on this page. */
export class LoungeLink {
  private role: Role = "guest";
  private invite: Promise<string> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly loungeId: string, private readonly visibility: LoungeVisibility) {}

  get private(): boolean { return this.visibility === "private"; }

  /** Anyone may pass on a public or unlisted lounge's link; a private lounge's invites are the owner's. */
  get available(): boolean { return !this.private || this.role === "owner"; }

  setRole(role: Role): void {
    if (role === this.role) return;
    this.role = role;
    for (const l of this.listeners) l();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The link to hand out; for a private lounge, a lasting invite of the owner's (made the first time). */
  get(): Promise<string> {
    if (!this.private) return Promise.resolve(window.location.origin + loungePath(this.loungeId));
    this.invite ??= this.findOrMakeInvite().catch((err: unknown) => {
      this.invite = undefined;
      throw err;
    });
    return this.invite;
  }

  private async findOrMakeInvite(): Promise<string> {
    const existing = (await api.invites(this.loungeId)).find(lasting);
    const invite = existing ?? await api.createInvite(this.loungeId, {});
    return inviteLink(window.location.origin, invite.loungeId, invite.code);
  }
}

/** "Copy link": copies the lounge's link, confirms on the button, falls back to a selected field. */
export class ShareButton {
  readonly root = el("span", { class: "share" });
  readonly button = el("button", { class: "button small share-button", type: "button" });
  private readonly field = el("input", { class: "text-input small share-field", type: "text", readonly: true, "aria-label": "Link to this lounge" });
  private readonly fallback = el("span", { class: "share-fallback", hidden: true },
    el("span", { class: "muted small" }, "Copy this link and send it to your friends:"), this.field);
  private readonly status = el("span", { class: "visually-hidden", role: "status" });
  private readonly problem = el("span", { class: "field-problem share-problem", role: "alert" });
  private timer = 0;
  private readonly off: () => void;

  constructor(private readonly link: LoungeLink) {
    this.root.append(this.button, this.status, this.problem, this.fallback);
    this.button.addEventListener("click", () => { void this.share(); });
    this.off = link.onChange(() => this.paint());
    this.paint();
  }

  /** The words are the button's name; a phone shows only the icon, until "Copied ✓". */
  private paint(copied = false): void {
    this.root.hidden = !this.link.available;
    const words = copied ? "Copied ✓" : this.link.private ? "Copy invite link" : "Copy link";
    this.button.classList.toggle("copied", copied);
    this.button.replaceChildren(icon("link", 16), el("span", { class: "share-words" }, words));
    this.button.title = copied ? "" : this.link.private ? "Copy an invite link to this lounge, to send to people you want in" : "Copy the link to this lounge, to send to friends";
  }

  private async share(): Promise<void> {
    window.clearTimeout(this.timer);
    this.problem.textContent = "";
    this.button.disabled = true;
    let link: string;
    try {
      link = await this.link.get();
    } catch (err) {
      this.problem.textContent = `Could not make an invite link: ${errorMessage(err)}`;
      return;
    } finally {
      this.button.disabled = false;
    }
    this.field.value = link;
    if (!(await copyText(link))) {
      this.fallback.hidden = false;
      this.field.focus();
      this.field.select();
      this.status.textContent = "The link is selected in the field: copy it from there.";
      return;
    }
    this.fallback.hidden = true;
    this.status.textContent = "Link copied: paste it to your friends.";
    this.paint(true);
    this.timer = window.setTimeout(() => this.paint(), 2500);
  }

  destroy(): void {
    window.clearTimeout(this.timer);
    this.off();
    this.root.remove();
  }
}

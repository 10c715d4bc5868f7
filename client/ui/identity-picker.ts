// "Who are you here": a display name and an avatar picked from the visible set. Native radio
// buttons keep it keyboard-friendly (arrow keys move between avatars). A guest's choice is
// remembered in this browser; the profile editor starts from the account's and remembers nothing.
import { avatarIds, type AvatarId } from "../../shared/avatars.ts";
import { NAME_MAX_LENGTH } from "../../shared/protocol.ts";
import { avatarCanvas, avatarLooks } from "../lounge/avatar-art.ts";
import { el } from "./element.ts";
import { FieldProblem } from "./field-error.ts";
import { loadIdentity, nameProblem, saveIdentity, type Identity } from "./identity.ts";

let pickerCount = 0;

export interface IdentityPickerOptions {
  /** Start from these instead of what this browser remembers. */
  initial?: Identity;
  /** Remember changes in this browser (a guest's identity); default true. */
  remember?: boolean;
  nameLabel?: string;
  /** A line between the label and the name field saying why it is asked for (a lounge's join card). */
  nameHint?: string;
}

export class IdentityPicker {
  readonly root: HTMLElement;
  private readonly nameInput: HTMLInputElement;
  private readonly problem: FieldProblem;
  private avatar: AvatarId;

  private readonly remember: boolean;

  constructor(options: IdentityPickerOptions = {}) {
    this.remember = options.remember ?? true;
    const saved = options.initial ?? loadIdentity();
    this.avatar = saved.avatar;
    const id = `picker-${++pickerCount}`;
    this.nameInput = el("input", {
      id: `${id}-name`, class: "text-input", type: "text", name: "name", autocomplete: "nickname",
      maxlength: NAME_MAX_LENGTH, placeholder: "e.g. Sam", required: true, value: saved.name,
    });
    this.problem = new FieldProblem(this.nameInput);
    const hint = options.nameHint ? el("p", { class: "field-hint", id: `${id}-hint` }, options.nameHint) : null;
    if (hint) this.nameInput.setAttribute("aria-describedby", hint.id);
    const grid = el("div", { class: "avatar-grid", role: "radiogroup", "aria-label": "Avatar" });
    for (const a of avatarIds) {
      const input = el("input", { type: "radio", name: `${id}-avatar`, value: a, class: "visually-hidden", "aria-label": avatarLooks[a].label });
      input.checked = a === this.avatar;
      input.addEventListener("change", () => { if (input.checked) { this.avatar = a; this.persist(); } });
      grid.append(el("label", { class: "avatar-option", title: avatarLooks[a].label }, input, avatarCanvas(a, "down", 48), el("span", {}, avatarLooks[a].label)));
    }
    this.nameInput.addEventListener("input", () => this.persist());
    this.root = el("div", { class: "identity" },
      el("label", { class: "field-label", for: `${id}-name` }, options.nameLabel ?? "Your name"),
      hint, this.nameInput, this.problem.line,
      el("span", { class: "field-label" }, "Your avatar"),
      grid,
    );
  }

  private persist(): void {
    if (!this.remember) return;
    saveIdentity({ name: this.nameInput.value.trim(), avatar: this.avatar });
  }

  /** The identity if it is valid; otherwise says what is wrong, focuses the name and returns undefined. */
  validate(): Identity | undefined {
    const name = this.nameInput.value.trim();
    const problem = nameProblem(name);
    if (problem) {
      this.problem.show(problem);
      return undefined;
    }
    this.persist();
    return { name, avatar: this.avatar };
  }

  /** A problem found elsewhere (the server refused the name), shown under the name like any other. */
  showProblem(message: string): void {
    this.problem.show(message);
  }

  /** What is picked now, checked or not. */
  current(): Identity {
    return { name: this.nameInput.value.trim(), avatar: this.avatar };
  }

  focus(): void {
    this.nameInput.focus();
  }
}

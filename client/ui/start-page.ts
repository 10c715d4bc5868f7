// The start page: who you are (a guest's name and avatar, or your account and profile), your own
// lounges when signed in, the live list of public lounges, and starting a new lounge (public,
// unlisted, or private for the people you invite, which needs an account).
import type { Client } from "@colyseus/sdk";
import { DEFAULT_CAPACITY, LOUNGE_NAME_MAX_LENGTH, MAX_CAPACITY, createLoungeBody, loungeVisibility, type CreateLoungeBody } from "../../shared/api.ts";
import { mapIds } from "../../shared/maps/index.ts";
import { getMap } from "../../shared/maps/index.ts";
import { api } from "../net/api.ts";
import { session } from "../net/session.ts";
import { el } from "./element.ts";
import { checkedForm, FieldProblem, formProblem } from "./field-error.ts";
import { AccountCard } from "./account-card.ts";
import { LoungeList } from "./lounge-list.ts";
import { MyLounges } from "./my-lounges.ts";
import { loungePath, nextPathOf, type Navigate } from "./navigation.ts";

const capacityWords = `A lounge holds 1 to ${MAX_CAPACITY} people: enter a whole number.`;

export class StartPage {
  readonly root = el("main", { class: "start" });
  private readonly list: LoungeList;
  private readonly account: AccountCard;
  private readonly mine = el("div", { class: "my-lounges-slot" });
  private myLounges: MyLounges | undefined;
  private readonly privateOption = el("option", { value: "private" }, "Private: only people you invite");
  private readonly privateNote = el("p", { class: "muted small" });
  private readonly guestNote = el("p", { class: "muted small" }, "No name picked yet? The lounge asks for one as you go in.");
  private readonly offSession: () => void;

  constructor(client: Client, private readonly navigate: Navigate) {
    this.list = new LoungeList(client, (lounge) => this.join(lounge.id));
    this.account = new AccountCard(() => this.afterSignIn());
    this.root.append(
      el("header", { class: "hero" },
        el("h1", {}, "Chill Lounge"),
        el("p", { class: "tagline" }, "Pull up a sofa. Chat, wander, dance, hang out.")),
      // Lounges and starting one come first (first on a phone); "You" sits left on a wide screen.
      el("div", { class: "start-grid" }, el("div", { class: "start-col" }, this.mine, this.list.root, this.createForm()), this.account.root),
    );
    this.offSession = session.on("change", () => this.showSession());
    this.showSession();
    void session.load();
  }

  /** Signed in from a lounge's "sign in" link: back to that lounge. */
  private afterSignIn(): void {
    const next = nextPathOf(window.location.search);
    if (next) this.navigate(next, { autojoin: true });
  }

  private showSession(): void {
    const signedIn = session.user !== null;
    this.myLounges?.destroy();
    this.myLounges = signedIn ? new MyLounges() : undefined;
    this.mine.replaceChildren(...(this.myLounges ? [this.myLounges.root] : []));
    // Someone has to own a private lounge, so only an account can start one.
    this.privateOption.disabled = !signedIn;
    this.privateOption.textContent = signedIn ? "Private: only people you invite" : "Private: sign in first";
    this.privateNote.textContent = signedIn ? "" : "Private lounges need an account: sign in or create one to start one.";
    this.guestNote.hidden = signedIn;
    const select = this.privateOption.parentElement;
    if (!signedIn && select instanceof HTMLSelectElement && select.value === "private") select.value = "unlisted";
  }

  /** Goes in with the name picked here; without one, the lounge's join card asks for it. */
  private join(loungeId: string): void {
    this.navigate(loungePath(loungeId), { autojoin: true });
  }

  private createForm(): HTMLElement {
    const name = el("input", { id: "new-lounge-name", class: "text-input", type: "text", maxlength: LOUNGE_NAME_MAX_LENGTH, placeholder: "e.g. Friday night tunes" });
    const visibility = el("select", { id: "new-lounge-visibility", class: "select" },
      el("option", { value: "public" }, "Public: listed here"),
      el("option", { value: "unlisted" }, "Unlisted: only people with the link"),
      this.privateOption);
    const map = el("select", { id: "new-lounge-map", class: "select" }, ...mapIds.map((id) => el("option", { value: id }, getMap(id)?.def.name ?? id)));
    const capacity = el("input", { id: "new-lounge-capacity", class: "text-input narrow", type: "number", inputmode: "numeric", min: 1, max: MAX_CAPACITY, value: DEFAULT_CAPACITY });
    const nameProblem = new FieldProblem(name);
    const capacityProblem = new FieldProblem(capacity);
    const problem = formProblem();
    const submit = el("button", { class: "button primary", type: "submit" }, "Start the lounge");
    const form = checkedForm({ class: "card create", "aria-labelledby": "create-title" },
      el("h2", { id: "create-title" }, "Start a lounge"),
      el("label", { class: "field-label", for: "new-lounge-name" }, "Name"), name, nameProblem.line,
      el("div", { class: "row create-options" },
        el("div", { class: "create-visibility" }, el("label", { class: "field-label", for: "new-lounge-visibility" }, "Who can find it"), visibility),
        el("div", {}, el("label", { class: "field-label", for: "new-lounge-map" }, "Room"), map),
        el("div", {}, el("label", { class: "field-label", for: "new-lounge-capacity" }, "People"), capacity, capacityProblem.line)),
      this.privateNote, submit, problem.line, this.guestNote);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const chosen = loungeVisibility.safeParse(visibility.value);
      const body: CreateLoungeBody = {
        name: name.value, visibility: chosen.success ? chosen.data : "public", mapId: map.value,
        capacity: capacity.value.trim() === "" ? undefined : capacity.valueAsNumber,
      };
      // The server checks the same rules; checking first puts the words under the field at fault.
      const checked = createLoungeBody.safeParse(body);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        const field = issue?.path[0] === "capacity" ? capacityProblem : issue?.path[0] === "name" ? nameProblem : problem;
        field.show(issue?.path[0] === "capacity" ? capacityWords : issue?.message ?? "Check the lounge's details.");
        return;
      }
      submit.disabled = true;
      problem.clear();
      // No name picked yet is fine: the lounge's join card asks for one.
      api.createLounge(body).then(
        (lounge) => this.navigate(loungePath(lounge.id), { autojoin: true }),
        (err: Error) => { problem.show(err.message, { focus: false }); submit.disabled = false; },
      );
    });
    return form;
  }

  destroy(): void {
    this.offSession();
    this.account.destroy();
    this.myLounges?.destroy();
    this.list.destroy();
    this.root.remove();
  }
}

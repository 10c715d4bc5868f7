// The start page: pick a name and an avatar, join a public lounge from the live list, or start a
// new lounge (public, or unlisted for people with the link).
import type { Client } from "@colyseus/sdk";
import { DEFAULT_CAPACITY, MAX_CAPACITY } from "../../shared/api.ts";
import { mapIds } from "../../shared/maps/index.ts";
import { getMap } from "../../shared/maps/index.ts";
import { api } from "../net/api.ts";
import { el } from "./element.ts";
import { IdentityPicker } from "./identity-picker.ts";
import { LoungeList } from "./lounge-list.ts";
import type { Navigate } from "./navigation.ts";

export class StartPage {
  readonly root = el("main", { class: "start" });
  private readonly list: LoungeList;
  private readonly picker = new IdentityPicker();

  constructor(client: Client, private readonly navigate: Navigate) {
    this.list = new LoungeList(client, (lounge) => this.join(lounge.id));
    const you = el("section", { class: "card", "aria-labelledby": "you-title" }, el("h2", { id: "you-title" }, "You"), this.picker.root);
    this.root.append(
      el("header", { class: "hero" },
        el("h1", {}, "Chill Lounge"),
        el("p", { class: "tagline" }, "Pull up a sofa. Chat, wander, dance, hang out.")),
      el("div", { class: "start-grid" }, you, el("div", { class: "start-col" }, this.list.root, this.createForm())),
    );
  }

  private join(loungeId: string): void {
    if (!this.picker.validate()) return;
    this.navigate(`/l/${encodeURIComponent(loungeId)}`, { autojoin: true });
  }

  private createForm(): HTMLElement {
    const name = el("input", { id: "new-lounge-name", class: "text-input", type: "text", maxlength: 48, required: true, placeholder: "e.g. Friday night tunes" });
    const visibility = el("select", { id: "new-lounge-visibility", class: "select" },
      el("option", { value: "public" }, "Public: listed here"),
      el("option", { value: "unlisted" }, "Unlisted: only people with the link"));
    const map = el("select", { id: "new-lounge-map", class: "select" }, ...mapIds.map((id) => el("option", { value: id }, getMap(id)?.def.name ?? id)));
    const capacity = el("input", { id: "new-lounge-capacity", class: "text-input narrow", type: "number", min: 1, max: MAX_CAPACITY, value: DEFAULT_CAPACITY });
    const problem = el("p", { class: "field-problem", role: "alert" });
    const submit = el("button", { class: "button primary", type: "submit" }, "Start the lounge");
    const form = el("form", { class: "card create", "aria-labelledby": "create-title" },
      el("h2", { id: "create-title" }, "Start a lounge"),
      el("label", { class: "field-label", for: "new-lounge-name" }, "Name"), name,
      el("div", { class: "row" },
        el("div", {}, el("label", { class: "field-label", for: "new-lounge-visibility" }, "Who can find it"), visibility),
        el("div", {}, el("label", { class: "field-label", for: "new-lounge-map" }, "Room"), map),
        el("div", {}, el("label", { class: "field-label", for: "new-lounge-capacity" }, "People"), capacity)),
      problem, submit);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!this.picker.validate()) return;
      submit.disabled = true;
      problem.textContent = "";
      api.createLounge({
        name: name.value, visibility: visibility.value === "unlisted" ? "unlisted" : "public",
        mapId: map.value, capacity: Number(capacity.value) || DEFAULT_CAPACITY,
      }).then(
        (lounge) => this.navigate(`/l/${encodeURIComponent(lounge.id)}`, { autojoin: true }),
        (err: Error) => { problem.textContent = err.message; submit.disabled = false; },
      );
    });
    return form;
  }

  destroy(): void {
    this.list.destroy();
    this.root.remove();
  }
}

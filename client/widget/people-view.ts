// Who is here: a count on the header button and a list that opens over the scene.
import { el, nameColor } from "../ui/element.ts";
import { icon } from "../ui/icons.ts";

export interface PersonLine { sessionId: string; name: string; connected: boolean }

export class PeopleView {
  readonly button = el("button", { class: "w-icon-btn w-people-btn", type: "button", "aria-expanded": "false", "aria-label": "Who is here" });
  readonly panel = el("section", { class: "w-people", hidden: true, "aria-label": "Who is here" });
  private readonly count = el("span", { class: "w-count" }, "0");
  private readonly list = el("ul", { class: "w-people-list" });

  constructor() {
    this.button.append(icon("people"), this.count);
    this.panel.append(el("h2", {}, "Who is here"), this.list);
    this.button.addEventListener("click", () => {
      this.panel.hidden = !this.panel.hidden;
      this.button.setAttribute("aria-expanded", String(!this.panel.hidden));
    });
  }

  render(people: PersonLine[], selfId: string): void {
    this.count.textContent = String(people.length);
    this.list.replaceChildren(...people.map((p) => {
      const name = el("span", { class: "w-person-name" }, p.name);
      name.style.color = nameColor(p.name);
      return el("li", { class: `w-person${p.connected ? "" : " w-away"}` }, name, p.sessionId === selfId ? el("span", { class: "w-you" }, " (you)") : "");
    }));
  }
}

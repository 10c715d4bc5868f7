// Short notices that fade by themselves ("Too many moves; slow down.").
import { el } from "./element.ts";

export class Toasts {
  readonly root = el("div", { class: "toasts", "aria-live": "polite" });

  show(message: string, ms = 4000): void {
    const toast = el("div", { class: "toast" }, message);
    this.root.append(toast);
    while (this.root.children.length > 3) this.root.firstElementChild?.remove();
    window.setTimeout(() => { toast.classList.add("out"); window.setTimeout(() => toast.remove(), 400); }, ms);
  }
}

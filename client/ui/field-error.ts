// The one way a form says what is wrong: a red line right under the field (or the button) where the
// person acted, the field marked aria-invalid and pointed at that line (aria-describedby), and focus
// on the field. Forms are `novalidate`, so the browser's own tooltips never mix in.
import { el } from "./element.ts";

let lines = 0;

/** A line for one field's problem; `show` fills it, marks and focuses the field; typing clears it. */
export class FieldProblem {
  readonly line = el("p", { class: "field-problem", role: "alert", id: `field-problem-${++lines}` });

  constructor(private readonly field?: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement) {
    field?.addEventListener("input", () => this.clear());
  }

  /** Shows `message`; `focus: false` for a problem the person did not cause in the field (e.g. the server's). */
  show(message: string, { focus = true }: { focus?: boolean } = {}): void {
    this.line.textContent = message;
    const field = this.field;
    if (!field) return;
    field.setAttribute("aria-invalid", "true");
    const described = (field.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    if (!described.includes(this.line.id)) field.setAttribute("aria-describedby", [...described, this.line.id].join(" "));
    if (focus) {
      field.focus();
      if (field instanceof HTMLInputElement && field.type !== "number") field.select();
    }
  }

  clear(): void {
    this.line.textContent = "";
    const field = this.field;
    if (!field) return;
    field.removeAttribute("aria-invalid");
    const described = (field.getAttribute("aria-describedby") ?? "").split(/\s+/).filter((id) => id && id !== this.line.id);
    if (described.length) field.setAttribute("aria-describedby", described.join(" ")); else field.removeAttribute("aria-describedby");
  }
}

/** A line under a form's button, for what the server said: where the person acted. */
export function formProblem(): FieldProblem {
  const problem = new FieldProblem();
  problem.line.classList.add("form-problem");
  return problem;
}

/** A form the page checks itself (no browser tooltips): `el("form", …)` with `novalidate`. */
export function checkedForm(attrs: Record<string, string | number | boolean | undefined>, ...children: (Node | string | null | undefined | false)[]): HTMLFormElement {
  return el("form", { ...attrs, novalidate: true }, ...children);
}

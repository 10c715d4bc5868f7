// Loading a list that may be asked to reload before the last load answered: only the newest
// answer is shown, and a failure becomes a line in the list saying what could not be loaded.
import { el } from "./element.ts";
import { errorMessage } from "../net/api.ts";

export class LatestLoad {
  private loads = 0;

  /** `what` completes "Could not load …", e.g. "the bans". */
  constructor(private readonly list: HTMLElement, private readonly what: string) {}

  async run<T>(load: () => Promise<T>, show: (value: T) => void): Promise<void> {
    const n = ++this.loads;
    try {
      const value = await load();
      if (n === this.loads) show(value);
    } catch (err) {
      if (n === this.loads) this.list.replaceChildren(el("li", { class: "field-problem" }, `Could not load ${this.what}: ${errorMessage(err)}`));
    }
  }
}

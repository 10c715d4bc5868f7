// The corner launcher: a round button that opens and closes a panel holding the widget frame.
// The frame loads on first open, so a page that never opens it pays for the loader alone.
import type { WidgetFrame } from "./frame.ts";
import type { Position } from "./options.ts";
import { boxSize } from "./options.ts";
import { adopt } from "./styles.ts";

const chatIcon = `<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/></svg>`;
const closeIcon = `<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"><path d="M6 6l12 12M18 6L6 18"/></svg>`;

export class Launcher {
  readonly host = document.createElement("div");
  private readonly button = document.createElement("button");
  private readonly panel = document.createElement("div");
  isOpen = false;

  constructor(private readonly frame: WidgetFrame, position: Position, private readonly size: string, accent: string | undefined) {
    const root = this.host.attachShadow({ mode: "open" });
    adopt(root);
    const [v, h] = position.split("-");
    this.button.className = "cl-launcher";
    this.button.type = "button";
    this.button.style.setProperty(v, "16px");
    this.button.style.setProperty(h, "16px");
    if (accent) this.button.style.setProperty("--cl-accent", accent);
    this.panel.className = "cl-panel";
    this.panel.hidden = true;
    this.panel.style.setProperty(v, "84px");
    this.panel.style.setProperty(h, "16px");
    this.panel.append(frame.box);
    this.button.addEventListener("click", () => this.toggle());
    root.append(this.panel, this.button);
    this.paint();
  }

  private paint(): void {
    this.button.innerHTML = this.isOpen ? closeIcon : chatIcon;
    this.button.setAttribute("aria-label", this.isOpen ? "Close the lounge" : "Open the lounge");
    this.button.setAttribute("aria-expanded", String(this.isOpen));
    this.panel.hidden = !this.isOpen;
  }

  open(): void {
    const { width, height } = boxSize(this.size);
    this.panel.style.width = `${width}px`;
    this.panel.style.height = `${height}px`;
    this.isOpen = true;
    this.paint();
    void this.frame.load();
  }

  close(): void {
    this.isOpen = false;
    this.paint();
  }

  toggle(): void {
    if (this.isOpen) this.close(); else this.open();
  }
}

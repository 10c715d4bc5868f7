// Shows the connection as people should understand it: connecting, connected, reconnecting (with
// the next try counting down and a "try now"), or lost with a retry button.
import type { ConnectionStatus } from "../net/lounge-connection.ts";
import { el } from "./element.ts";

export class ConnectionBanner {
  /** The small pill in the top bar. */
  readonly pill = el("span", { class: "status-pill", role: "status" });
  /** The banner over the lounge when something is wrong. */
  readonly banner = el("div", { class: "banner", role: "alert", hidden: true });
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly onRetry: () => void) {}

  show(status: ConnectionStatus): void {
    clearInterval(this.timer);
    this.pill.dataset.state = status.kind;
    this.pill.textContent = { connecting: "Connecting…", connected: "Connected", reconnecting: "Reconnecting…", failed: "Disconnected" }[status.kind];
    document.body.dataset.connection = status.kind;
    if (status.kind === "connected") { this.banner.hidden = true; return; }
    this.banner.hidden = false;
    this.banner.dataset.state = status.kind;
    if (status.kind === "connecting") {
      this.banner.replaceChildren(el("span", { class: "spinner" }), " Connecting to the lounge…");
    } else if (status.kind === "reconnecting") {
      const text = el("span", {});
      const now = el("button", { class: "button small", type: "button" }, "Try now");
      now.addEventListener("click", () => this.onRetry());
      const paint = () => {
        const secs = Math.max(0, Math.ceil((status.retryAt - Date.now()) / 1000));
        text.textContent = ` Connection lost. Reconnecting${secs > 0 ? ` in ${secs} s` : "…"} (attempt ${status.attempt}). Your seat is kept for a little while.`;
      };
      paint();
      this.timer = setInterval(paint, 500);
      this.banner.replaceChildren(el("span", { class: "spinner" }), text, " ", now);
    } else {
      const parts: (Node | string)[] = [status.message];
      if (status.retry !== "none") {
        const retry = el("button", { class: "button small primary", type: "button" }, status.retry === "rejoin" ? "Join again" : "Retry");
        retry.addEventListener("click", () => this.onRetry());
        parts.push(" ", retry);
      }
      const home = el("a", { class: "button small", href: "/" }, "Lounge list");
      parts.push(" ", home);
      this.banner.replaceChildren(...parts);
    }
  }

  destroy(): void {
    clearInterval(this.timer);
    delete document.body.dataset.connection;
  }
}

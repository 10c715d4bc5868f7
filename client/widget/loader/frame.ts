// One widget frame on the host page: asks the lounge whether this site may show it (so a refusal
// is a sentence in the box, not a blank frame), then makes the sandboxed iframe and is the only
// way messages go to it, to the lounge's origin alone.
import type { HostCommand } from "../../../shared/embed/protocol.ts";
import { widgetUrl, type EmbedOptions } from "./options.ts";

const READY_TIMEOUT_MS = 15_000;

export interface FrameHooks {
  /** The frame could not show the lounge: say why in the box and to the host. */
  refused(message: string): void;
}

export class WidgetFrame {
  readonly box = document.createElement("div");
  iframe: HTMLIFrameElement | undefined;
  ready = false;
  private pending: HostCommand[] = [];
  private timer = 0;

  constructor(private readonly base: string, private readonly options: EmbedOptions, private readonly hooks: FrameHooks) {
    // Styled here rather than by a sheet: an inline box lives in the host's own DOM.
    Object.assign(this.box.style, { width: "100%", height: "100%" });
  }

  /** Loads the lounge into the box, once; asks about this site meanwhile, to say why if refused. */
  async load(): Promise<void> {
    if (this.iframe) return;
    const iframe = (this.iframe = document.createElement("iframe"));
    iframe.title = "Chill Lounge";
    Object.assign(iframe.style, { border: "0", width: "100%", height: "100%", display: "block" });
    iframe.src = widgetUrl(this.base, this.options);
    // Scripts and its own origin (its cookies, its API); popups for "open the full lounge".
    iframe.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox");
    iframe.allow = "autoplay";
    iframe.setAttribute("referrerpolicy", "origin");
    this.box.replaceChildren(iframe);
    this.timer = window.setTimeout(() => { if (!this.ready) this.refuse("The lounge did not load here. This site may not be allowed to show it, or the lounge server is unreachable."); }, READY_TIMEOUT_MS);
    try {
      const res = await fetch(`${this.base}/embed/${encodeURIComponent(this.options.lounge)}/policy?origin=${encodeURIComponent(location.origin)}`, { credentials: "omit" });
      const policy = (await res.json()) as { allowed?: boolean; message?: string };
      if (!policy.allowed) this.refuse(policy.message || "This lounge cannot be shown on this site.");
    } catch {
      // The frame still says what it can; the timeout catches a frame that never answers.
    }
  }

  private refuse(message: string): void {
    clearTimeout(this.timer);
    const note = document.createElement("p");
    Object.assign(note.style, { margin: "0", padding: "1.5rem", font: "15px/1.5 system-ui,sans-serif", color: "#f6e7d8", background: "#241b2f", height: "100%", boxSizing: "border-box" });
    note.setAttribute("role", "alert");
    note.textContent = message;
    this.box.replaceChildren(note);
    this.hooks.refused(message);
  }

  /** The widget said it is ready: send what was waiting. */
  markReady(): void {
    this.ready = true;
    clearTimeout(this.timer);
    for (const c of this.pending.splice(0)) this.post(c);
  }

  send(command: HostCommand): void {
    if (this.ready) this.post(command); else this.pending.push(command);
  }

  private post(command: HostCommand): void {
    this.iframe?.contentWindow?.postMessage(command, this.base);
  }
}

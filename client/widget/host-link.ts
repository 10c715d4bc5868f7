// The widget's side of the host API: takes commands only from the page that framed it, from the
// origin it was told (and, where the browser says, the origin really framing it), parsed with
// shared/embed/protocol.ts; sends events to that origin alone. Anything else is logged and dropped.
import { EMBED_PROTOCOL_VERSION, hostCommand, type HostCommand, type WidgetEventBody } from "../../shared/embed/protocol.ts";

export class HostLink {
  /** Messages refused so far, with why (for tests and curious developers). */
  readonly ignored: string[] = [];
  private readonly onMessage = (e: MessageEvent) => this.receive(e);

  private constructor(private readonly origin: string, private readonly handle: (command: HostCommand) => void) {
    window.addEventListener("message", this.onMessage);
  }

  /** The link to the framing page, or undefined when not framed or the origins do not agree. */
  static open(hostOrigin: string | undefined, handle: (command: HostCommand) => void): HostLink | undefined {
    if (window.parent === window || !hostOrigin) return undefined;
    // Chromium and Safari tell who frames us; a page that lied about its origin gets no link.
    const actual = window.location.ancestorOrigins?.[0];
    if (actual !== undefined && actual !== hostOrigin) {
      console.warn(`[chill-lounge widget] framed by ${actual}, not ${hostOrigin}: not talking to the host page`);
      return undefined;
    }
    return new HostLink(hostOrigin, handle);
  }

  private ignore(why: string): void {
    this.ignored.push(why);
    console.warn(`[chill-lounge widget] ignored a message: ${why}`);
  }

  private receive(e: MessageEvent): void {
    if (e.source !== window.parent) return this.ignore(`not from the host page (origin ${e.origin})`);
    if (e.origin !== this.origin) return this.ignore(`from ${e.origin}, expected ${this.origin}`);
    const data: unknown = e.data;
    if (typeof data === "object" && data !== null && "v" in data && data.v !== EMBED_PROTOCOL_VERSION) {
      return this.ignore(`unknown protocol version ${String(data.v).slice(0, 20)}`);
    }
    const parsed = hostCommand.safeParse(data);
    if (!parsed.success) return this.ignore(`not a command: ${parsed.error.issues[0]?.message ?? "bad shape"}`);
    this.handle(parsed.data);
  }

  send(event: WidgetEventBody): void {
    window.parent.postMessage({ v: EMBED_PROTOCOL_VERSION, ...event }, this.origin);
  }

  close(): void {
    window.removeEventListener("message", this.onMessage);
  }
}

// embed.js: the loader a site adds with one <script> tag. It finds its placements (the script's own
// data-lounge makes a launcher; every [data-chill-lounge] box gets an inline widget), and defines
// the global ChillLounge: a command queue usable before load (`ChillLounge.push(["open"])`),
// `ready()`, and `on(event, fn)`. Messages from the widgets count only from their frames, from the
// lounge's origin, and in the shape of shared/embed/protocol.ts; anything else is logged and dropped.
import { widgetEventProblem } from "../../../shared/embed/host-check.ts";
import type { HostCommand, WidgetEvent } from "../../../shared/embed/protocol.ts";
import type { WidgetTheme } from "../../../shared/embed/theme.ts";
import { WidgetFrame } from "./frame.ts";
import { Launcher } from "./launcher.ts";
import { optionsFrom, type EmbedOptions } from "./options.ts";

type Listener = (data: unknown) => void;
type Command = [string, unknown?];

const warn = (...args: unknown[]) => console.warn("[chill-lounge]", ...args);

const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>("script[src*='/embed.js']");
const base = new URL(script?.src ?? location.href).origin;
const queued: unknown = (window as { ChillLounge?: unknown }).ChillLounge;
const listeners = new Map<string, Set<Listener>>();
const frames: WidgetFrame[] = [];
let launcher: Launcher | undefined;
let resolveReady: () => void;
const readyPromise = new Promise<void>((r) => { resolveReady = r; });

function emit(type: string, data: unknown): void {
  for (const fn of listeners.get(type) ?? []) {
    try { fn(data); } catch (err) { warn(`a "${type}" listener threw`, err); }
  }
}

function add(options: EmbedOptions, mount: (frame: WidgetFrame) => void): WidgetFrame {
  const frame = new WidgetFrame(base, options, { refused: (message) => emit("error", { v: 1, type: "error", code: "EMBED_REFUSED", message }) });
  frames.push(frame);
  mount(frame);
  return frame;
}

function toWidgets(command: HostCommand): void {
  for (const f of frames) f.send(command);
}

function run([name, arg]: Command): void {
  const a = (arg ?? {}) as Record<string, unknown>;
  switch (name) {
    case "open": return launcher?.open();
    case "close": return launcher?.close();
    case "toggle": return launcher?.toggle();
    case "setTheme": return toWidgets({ v: 1, type: "setTheme", theme: a as WidgetTheme });
    case "setUser": return toWidgets({ v: 1, type: "setUser", name: a.name as string | undefined, avatar: a.avatar as never });
    case "sendChat": return toWidgets({ v: 1, type: "sendChat", text: String(a.text ?? "") });
    case "init": return init(a);
    default: warn(`unknown command "${String(name)}"`);
  }
}

/** A launcher for a lounge given in script (when the tag has no data-lounge). */
function init(a: Record<string, unknown>): void {
  if (launcher || typeof a.lounge !== "string") return;
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) if (v !== undefined && typeof v !== "object") data[k] = String(v);
  const theme = (a.theme && typeof a.theme === "object" ? a.theme : {}) as Record<string, string>;
  const options = { ...optionsFrom(data, a.lounge), theme: { ...optionsFrom(data, a.lounge).theme, ...theme } };
  makeLauncher(options);
}

function makeLauncher(options: EmbedOptions): void {
  add(options, (frame) => {
    launcher = new Launcher(frame, options.position, options.size, options.theme.accent);
    document.body.append(launcher.host);
    if (options.open) launcher.open();
  });
}

window.addEventListener("message", (e: MessageEvent) => {
  const frame = frames.find((f) => f.iframe?.contentWindow === e.source);
  const looksOurs = typeof e.data === "object" && e.data !== null && "type" in e.data;
  if (!frame || e.origin !== base) {
    if (looksOurs) warn(`ignored a message from ${e.origin}: not from a lounge widget on this page`);
    return;
  }
  const problem = widgetEventProblem(e.data);
  if (problem) return warn(`ignored a message from the widget: ${problem}`);
  const event = e.data as WidgetEvent;
  if (event.type === "ready") {
    frame.markReady();
    resolveReady();
  }
  const { v: _v, type, ...payload } = event;
  emit(type, payload);
});

const api = {
  push: (command: Command) => run(command),
  on(event: string, fn: Listener) {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(fn);
    return () => set.delete(fn);
  },
  ready: () => readyPromise,
  open: () => run(["open"]), close: () => run(["close"]), toggle: () => run(["toggle"]),
  get isOpen() { return launcher?.isOpen ?? false; },
};
(window as { ChillLounge?: unknown }).ChillLounge = api;

function start(): void {
  if (script?.dataset.lounge) makeLauncher(optionsFrom(script.dataset, script.dataset.lounge));
  for (const box of document.querySelectorAll<HTMLElement>("[data-chill-lounge]")) {
    const options = optionsFrom(box.dataset, box.dataset.chillLounge ?? "");
    add(options, (frame) => { box.replaceChildren(frame.box); void frame.load(); });
  }
  // Commands pushed before the loader arrived run now, in order.
  if (Array.isArray(queued)) for (const c of queued) if (Array.isArray(c)) run(c as Command);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();

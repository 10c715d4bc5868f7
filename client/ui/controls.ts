// Keyboard controls of the lounge, in the DOM: arrows/WASD walk (sent when the held direction
// changes), keys 1–6 play emotes, Enter jumps to the chat. Ignored while typing in a field.
import { emotes, type Emote } from "../../shared/avatars.ts";
import { HeldKeys } from "../lounge/walk-keys.ts";

export interface ControlsDeps {
  walk(dx: number, dy: number): void;
  emote(emote: Emote): void;
  focusChat(): void;
}

function typingInField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

export function installControls(deps: ControlsDeps): () => void {
  const keys = new HeldKeys();
  const sendWalk = () => { const d = keys.direction(); deps.walk(d.dx, d.dy); };
  const down = (e: KeyboardEvent) => {
    if (typingInField(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (keys.press(e.code)) { sendWalk(); e.preventDefault(); return; }
    if (e.code.startsWith("Arrow")) { e.preventDefault(); return; }
    const n = /^Digit([1-6])$/.exec(e.code);
    if (n && !e.repeat) { deps.emote(emotes[Number(n[1]) - 1]); return; }
    // Enter on a button or link presses it; elsewhere it opens the chat.
    const interactive = e.target instanceof Element && e.target.closest("button, a, summary, [role=button]");
    if ((e.key === "Enter" && !interactive) || e.key === "/") { e.preventDefault(); deps.focusChat(); }
  };
  const up = (e: KeyboardEvent) => { if (keys.release(e.code)) sendWalk(); };
  // Keys let go while the page had no focus never send keyup: stop walking then.
  const release = () => { if (keys.clear()) sendWalk(); };
  const focusIn = (e: FocusEvent) => { if (typingInField(e.target)) release(); };
  window.addEventListener("keydown", down);
  window.addEventListener("keyup", up);
  window.addEventListener("blur", release);
  document.addEventListener("focusin", focusIn);
  return () => {
    window.removeEventListener("keydown", down);
    window.removeEventListener("keyup", up);
    window.removeEventListener("blur", release);
    document.removeEventListener("focusin", focusIn);
  };
}

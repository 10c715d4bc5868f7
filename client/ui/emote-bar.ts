// Emote buttons (also on keys 1–6): a wave, a heart, a laugh… over your avatar for everyone. The
// buttons show SVG icons: emoji glyphs are empty boxes where no emoji font is installed.
import { emotes, type Emote } from "../../shared/avatars.ts";
import { el } from "./element.ts";
import { icon } from "./icons.ts";

export function emoteBar(onEmote: (emote: Emote) => void): HTMLElement {
  const bar = el("div", { class: "emote-bar", role: "toolbar", "aria-label": "Emotes" });
  emotes.forEach((emote, i) => {
    const b = el("button", { class: "emote", type: "button", title: `${emote} (key ${i + 1})`, "aria-label": `Emote: ${emote}` },
      icon(emote, 20), el("kbd", {}, String(i + 1)));
    b.addEventListener("click", () => onEmote(emote));
    bar.append(b);
  });
  return bar;
}

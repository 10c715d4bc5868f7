// A placement's options, from its data attributes or an init call: where the launcher sits, how big
// the box is, the palette, whether it starts open, and who to be.
export type Position = "bottom-right" | "bottom-left" | "top-right" | "top-left";

export interface EmbedOptions {
  lounge: string;
  position: Position;
  /** "small" | "medium" | "large", or "<width>x<height>" in px. */
  size: string;
  open: boolean;
  name?: string;
  avatar?: string;
  invite?: string;
  /** Palette keys of shared/embed/theme.ts, as strings (the widget checks them). */
  theme: Record<string, string>;
}

const positions: Position[] = ["bottom-right", "bottom-left", "top-right", "top-left"];
const themeKeys = ["mode", "accent", "background", "text", "radius", "font"];

/** Options from `data-*` attributes (`data-theme` is the light/dark mode). */
export function optionsFrom(data: DOMStringMap, lounge: string): EmbedOptions {
  const theme: Record<string, string> = {};
  for (const key of themeKeys) {
    const value = key === "mode" ? data.theme : data[key];
    if (value) theme[key] = value;
  }
  const position = positions.find((p) => p === data.position) ?? "bottom-right";
  return { lounge, position, size: data.size ?? "medium", open: data.open === "true" || data.open === "", name: data.name, avatar: data.avatar, invite: data.invite, theme };
}

/** The box in px for a size option, kept inside the viewport. */
export function boxSize(size: string): { width: number; height: number } {
  const named: Record<string, [number, number]> = { small: [320, 440], medium: [380, 560], large: [480, 680] };
  const custom = /^(\d{3,4})x(\d{3,4})$/.exec(size);
  const [w, h] = custom ? [Number(custom[1]), Number(custom[2])] : named[size] ?? named.medium;
  return { width: Math.min(w, innerWidth - 16), height: Math.min(h, innerHeight - 96) };
}

/** The widget page's address for these options. */
export function widgetUrl(base: string, o: EmbedOptions): string {
  const q = new URLSearchParams({ origin: location.origin });
  if (o.name) q.set("name", o.name);
  if (o.avatar) q.set("avatar", o.avatar);
  if (o.invite) q.set("invite", o.invite);
  for (const [k, v] of Object.entries(o.theme)) q.set(`t.${k}`, v);
  return `${base}/embed/${encodeURIComponent(o.lounge)}?${q}`;
}

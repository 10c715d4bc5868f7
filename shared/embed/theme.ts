// A widget's palette: what a host may set (accent, background, text, radius, font, light/dark) and
// the checks that keep those values to plain colours, lengths and font names (they end up in CSS).
import { z } from "zod";

/** #rgb, #rgba, #rrggbb, #rrggbbaa, or rgb()/hsl() with numbers only. */
const CSS_COLOR = /^(#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|(rgb|rgba|hsl|hsla)\([0-9.,%\s/deg]+\))$/i;
/** Letters, digits, spaces, commas, quotes and hyphens: a font-family list and nothing else. */
const FONT_FAMILY = /^[\w\s,'"-]{1,120}$/;

export const themeModes = ["auto", "light", "dark"] as const;
export type ThemeMode = (typeof themeModes)[number];

export const widgetTheme = z.object({
  mode: z.enum(themeModes).optional(),
  accent: z.string().regex(CSS_COLOR).optional(),
  background: z.string().regex(CSS_COLOR).optional(),
  text: z.string().regex(CSS_COLOR).optional(),
  /** Corner radius in px. */
  radius: z.number().min(0).max(32).optional(),
  font: z.string().regex(FONT_FAMILY).optional(),
}).strict();
export type WidgetTheme = z.infer<typeof widgetTheme>;

export interface Palette { accent: string; background: string; text: string; muted: string; radius: number; font: string }

const base = { radius: 12, font: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" };
/** The lounge's own warm colours, by light and dark. */
export const defaultPalettes: Record<"light" | "dark", Palette> = {
  dark: { ...base, accent: "#f2a65a", background: "#241b2f", text: "#f6e7d8", muted: "#b9a8b8" },
  light: { ...base, accent: "#c0622b", background: "#fbf4ec", text: "#2b2030", muted: "#6f6070" },
};

/** The palette to use: the host's choices over the defaults of the light or dark scheme. */
export function resolvePalette(theme: WidgetTheme, prefersDark: boolean): Palette {
  const mode = theme.mode && theme.mode !== "auto" ? theme.mode : prefersDark ? "dark" : "light";
  const p = defaultPalettes[mode];
  return {
    accent: theme.accent ?? p.accent, background: theme.background ?? p.background, text: theme.text ?? p.text,
    muted: p.muted, radius: theme.radius ?? p.radius, font: theme.font ?? p.font,
  };
}

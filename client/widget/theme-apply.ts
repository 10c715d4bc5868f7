// Applies the widget's palette: CSS variables for the DOM, and the canvas through a callback; light
// or dark follows prefers-color-scheme unless the host set a mode.
import { resolvePalette, type Palette, type WidgetTheme } from "../../shared/embed/theme.ts";

export class ThemeController {
  private theme: WidgetTheme;
  private readonly dark = window.matchMedia("(prefers-color-scheme: dark)");
  palette: Palette;

  constructor(initial: WidgetTheme, private readonly onChange: (p: Palette) => void) {
    this.theme = initial;
    this.palette = this.apply();
    this.dark.addEventListener("change", () => { this.palette = this.apply(); });
  }

  /** A host's setTheme: merged over what was set before. */
  set(theme: WidgetTheme): void {
    this.theme = { ...this.theme, ...theme };
    this.palette = this.apply();
  }

  private apply(): Palette {
    const p = resolvePalette(this.theme, this.dark.matches);
    const s = document.documentElement.style;
    s.setProperty("--w-accent", p.accent);
    s.setProperty("--w-bg", p.background);
    s.setProperty("--w-text", p.text);
    s.setProperty("--w-muted", p.muted);
    s.setProperty("--w-radius", `${p.radius}px`);
    s.setProperty("--w-font", p.font);
    document.documentElement.style.colorScheme = this.theme.mode && this.theme.mode !== "auto" ? this.theme.mode : "light dark";
    this.onChange(p);
    return p;
  }
}

// What the widget page was opened with: /embed/:loungeId?origin=<host origin>&name=&avatar=&invite=
// and the palette as t.<key>=… (each checked; a bad value is dropped, not fatal).
import { widgetTheme, type WidgetTheme } from "../../shared/embed/theme.ts";
import { avatarOr, type AvatarId } from "../../shared/avatars.ts";
import { normalizeOrigin } from "../../shared/embed/allowlist.ts";

export interface WidgetParams {
  loungeId: string;
  /** The host page's origin: the only one messages are taken from and sent to. */
  hostOrigin: string | undefined;
  name: string | undefined;
  avatar: AvatarId | undefined;
  invite: string | undefined;
  theme: WidgetTheme;
}

export function readParams(loc: Location = window.location): WidgetParams {
  const q = new URLSearchParams(loc.search);
  const id = decodeURIComponent(/^\/embed\/([^/]+)/.exec(loc.pathname)?.[1] ?? "");
  const theme: WidgetTheme = {};
  for (const [key, raw] of q) {
    if (!key.startsWith("t.")) continue;
    const k = key.slice(2);
    const value = k === "radius" ? Number(raw) : raw;
    const one = widgetTheme.safeParse({ [k]: value });
    if (one.success) Object.assign(theme, one.data);
  }
  const origin = q.get("origin");
  const avatar = q.get("avatar");
  return {
    loungeId: id,
    hostOrigin: origin ? normalizeOrigin(origin) : undefined,
    name: q.get("name")?.trim().slice(0, 24) || undefined,
    avatar: avatar ? avatarOr(avatar, "fox") : undefined,
    invite: q.get("invite")?.slice(0, 64) || undefined,
    theme,
  };
}

// Moving between the start page and lounges without reloading (history API), and the shapes of the
// links that do it: a lounge is /l/<id>, an invite is /l/<id>?invite=<code>.
export interface NavigationState { autojoin?: boolean }
export type Navigate = (path: string, state?: NavigationState) => void;

export function loungePath(loungeId: string, inviteCode?: string): string {
  const path = `/l/${encodeURIComponent(loungeId)}`;
  return inviteCode ? `${path}?invite=${encodeURIComponent(inviteCode)}` : path;
}

/** The full link an owner hands out. */
export function inviteLink(origin: string, loungeId: string, inviteCode: string): string {
  return origin + loungePath(loungeId, inviteCode);
}

/** The invite code a page's query string carries (`?invite=`), if any. */
export function inviteCodeOf(search: string): string | undefined {
  const code = new URLSearchParams(search).get("invite")?.trim();
  return code ? code.slice(0, 64) : undefined;
}

/** The start page, asked to come back to `returnTo` after signing in. */
export function signInPath(returnTo: string): string {
  return `/?next=${encodeURIComponent(returnTo)}`;
}

/** Where to go after signing in: only a lounge path of this site, never another site's address. */
export function nextPathOf(search: string): string | undefined {
  const next = new URLSearchParams(search).get("next");
  return next && /^\/l\/[^/?#\\]+(\?[^#]*)?$/.test(next) ? next : undefined;
}

// The name and avatar this browser joins with, remembered between visits. A first visit gets a
// random avatar, remembered at once: the same one greets you on the next visit until you pick another.
import { avatarIds, type AvatarId, avatarOr } from "../../shared/avatars.ts";
import { displayName } from "../../shared/protocol.ts";

export interface Identity { name: string; avatar: AvatarId }

const KEY = "chill-lounge.identity";

export function loadIdentity(): Identity {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? "null");
    if (typeof raw === "object" && raw !== null && "name" in raw && "avatar" in raw && typeof raw.name === "string" && typeof raw.avatar === "string") {
      const avatar = avatarOr(raw.avatar, "fox");
      return { name: raw.name, avatar };
    }
  } catch {
    // Storage may be unavailable (private mode); start fresh.
  }
  const first: Identity = { name: "", avatar: avatarIds[Math.floor(Math.random() * avatarIds.length)] };
  saveIdentity(first);
  return first;
}

export function saveIdentity(identity: Identity): void {
  try { localStorage.setItem(KEY, JSON.stringify(identity)); } catch { /* not remembered, still works */ }
}

/** The problem with a display name, in the server's own words, or undefined when it is fine. */
export function nameProblem(name: string): string | undefined {
  const result = displayName.safeParse(name);
  return result.success ? undefined : result.error.issues[0]?.message;
}

// The words of moderation and invites: what a muted, kicked or banned person is told, the
// durations a moderator picks from, slow mode, and an invite's state in the owner's list. Pure.
import type { ModeratedNotice } from "../../shared/protocol.ts";
import type { InviteDto } from "../../shared/moderation.ts";

/** "3 min", "2 h", "5 days": a rounded-up span for people, not for clocks. */
export function formatSpan(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.ceil(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.ceil(hours / 24)} days`;
}

const because = (reason: string) => (reason.trim() ? ` Reason: “${reason.trim()}”.` : "");

/** The toast a person sees when a moderator acts on them. */
export function moderatedNotice(n: ModeratedNotice, now: number): string {
  switch (n.action) {
    case "mute":
      return `${n.by} muted you: you cannot chat ${n.until === null ? "until a moderator unmutes you" : `for ${formatSpan(n.until - now)}`}.${because(n.reason)}`;
    case "unmute":
      return `${n.by} unmuted you: you can chat again.`;
    case "kick":
      return `${n.by} removed you from this lounge.${because(n.reason)}`;
    case "ban":
      return `${n.by} banned you from this lounge ${n.until === null ? "for good" : `for ${formatSpan(n.until - now)}`}.${because(n.reason)}`;
  }
}

/** What the banner says once a kick or ban has closed the connection. */
export function removedMessage(kind: "kick" | "ban", notice: ModeratedNotice | undefined, now: number): string {
  if (notice && notice.action === kind) {
    return kind === "kick"
      ? `${moderatedNotice(notice, now)} You may join again.`
      : `${moderatedNotice(notice, now)} ${notice.until === null ? "You cannot come back in unless a moderator lifts the ban." : "You can come back once the ban ends."}`;
  }
  return kind === "kick"
    ? "A moderator removed you from this lounge. You may join again."
    : "A moderator banned you from this lounge. You cannot come back in while the ban lasts.";
}

/** How long a mute or ban lasts; `minutes` undefined: until lifted. */
export const sanctionDurations: readonly { label: string; minutes: number | undefined }[] = [
  { label: "10 minutes", minutes: 10 },
  { label: "1 hour", minutes: 60 },
  { label: "1 day", minutes: 60 * 24 },
  { label: "Until lifted", minutes: undefined },
];

export const slowModeChoices: readonly number[] = [0, 5, 10, 30, 60, 300];

export function slowModeLabel(seconds: number): string {
  if (seconds <= 0) return "Off";
  return seconds < 60 ? `One message every ${seconds} s` : `One message every ${formatSpan(seconds * 1000)}`;
}

/** How long an invite stays usable; `minutes` undefined: until revoked. */
export const inviteLifetimes: readonly { label: string; minutes: number | undefined }[] = [
  { label: "Never expires", minutes: undefined },
  { label: "Expires in 1 hour", minutes: 60 },
  { label: "Expires in 1 day", minutes: 60 * 24 },
  { label: "Expires in 7 days", minutes: 60 * 24 * 7 },
];

/** "Used 1 of 5 · expires in 2 h", or why it stopped working. */
export function inviteSummary(invite: InviteDto, now: number): string {
  const uses = invite.maxUses === null ? `Used ${invite.uses} time${invite.uses === 1 ? "" : "s"}` : `Used ${invite.uses} of ${invite.maxUses}`;
  const expiresAt = invite.expiresAt === null ? null : Date.parse(invite.expiresAt);
  if (!invite.active) {
    const why = invite.maxUses !== null && invite.uses >= invite.maxUses ? "used up"
      : expiresAt !== null && expiresAt <= now ? "expired" : "revoked";
    return `${uses} · ${why}`;
  }
  return `${uses} · ${expiresAt === null ? "never expires" : `expires in ${formatSpan(expiresAt - now)}`}`;
}

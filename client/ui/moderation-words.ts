// The words of moderation and invites: what a muted, kicked or banned person is told, the
// durations a moderator picks from, slow mode, an invite's state in the owner's list, and the
// "Manage lounge" lists (roles, bans in force, the audit log in sentences). Pure.
import type { ModeratedNotice } from "../../shared/protocol.ts";
import type { AuditEntryDto, BanDto, InviteDto, Role } from "../../shared/moderation.ts";

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

export const roleWords: Record<Role, string> = { owner: "Owner", moderator: "Moderator", dj: "DJ", member: "Member", guest: "Guest" };

/** "by Ada · for good · “spam”", or "· ends in 2 h" for a ban that runs out. */
export function banSummary(ban: BanDto, now: number): string {
  const lasts = ban.expiresAt === null ? "for good" : `ends in ${formatSpan(Date.parse(ban.expiresAt) - now)}`;
  return `by ${ban.by} · ${lasts}${ban.reason.trim() ? ` · “${ban.reason.trim()}”` : ""}`;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago": when an audit entry happened. */
export function timeAgo(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

// Details are stored as JSON by the server: read each field as what it should be, or not at all.
const textOf = (detail: Record<string, unknown>, key: string): string => {
  const v = detail[key];
  return typeof v === "string" ? v.trim() : "";
};
const numberOf = (detail: Record<string, unknown>, key: string): number | null => {
  const v = detail[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
};
const dash = (reason: string) => (reason ? ` — ${reason}` : "");
const quote = (text: string) => (text.length > 60 ? `“${text.slice(0, 59)}…”` : `“${text}”`);
const forMinutes = (minutes: number | null, otherwise: string) => (minutes !== null && minutes > 0 ? `for ${formatSpan(minutes * 60_000)}` : otherwise);

const roleGiven: Record<string, string> = { moderator: "a moderator", dj: "a DJ", member: "a member, with no special role" };
const controlWords: Record<string, string> = {
  everyone: "let everyone control the music",
  dj: "let DJs and moderators control the music",
  owner: "kept the music controls to the owner",
};

/** One audit entry as a sentence: "Ada muted Bo for 10 min — spam". */
export function auditSentence(entry: AuditEntryDto): string {
  const who = entry.actorName || "Someone";
  const whom = entry.targetName || "someone";
  const d = entry.detail;
  switch (entry.action) {
    case "mute":
      return `${who} muted ${whom} ${forMinutes(numberOf(d, "minutes"), "until unmuted")}${dash(textOf(d, "reason"))}`;
    case "unmute":
      return `${who} unmuted ${whom}`;
    case "kick":
      return `${who} kicked ${whom} out${dash(textOf(d, "reason"))}`;
    case "ban":
      return `${who} banned ${whom} ${forMinutes(numberOf(d, "minutes"), "for good")}${dash(textOf(d, "reason"))}`;
    case "unban":
      return `${who} lifted the ban on ${whom}`;
    case "delete-message": {
      const author = textOf(d, "author");
      const text = textOf(d, "text");
      return `${who} deleted a message${author ? ` by ${author}` : ""}${text ? `: ${quote(text)}` : ""}`;
    }
    case "slow-mode": {
      const seconds = numberOf(d, "seconds") ?? 0;
      return seconds > 0 ? `${who} set slow mode to ${slowModeLabel(seconds).toLowerCase()}` : `${who} turned slow mode off`;
    }
    case "set-role":
      return `${who} made ${whom} ${roleGiven[textOf(d, "role")] ?? "a member"}`;
    case "remove-member":
      return entry.targetName ? `${who} removed ${whom} from the members` : `${who} removed a member`;
    case "invite-create": {
      const uses = numberOf(d, "maxUses");
      return `${who} created ${d.expiresAt ? "an expiring" : "an"} invite link${uses !== null ? ` for up to ${uses} use${uses === 1 ? "" : "s"}` : ""}`;
    }
    case "invite-revoke":
      return `${who} revoked an invite link`;
    case "playback-control":
      return `${who} ${controlWords[textOf(d, "control")] ?? "changed who controls the music"}`;
    case "embed-origins": {
      const origins = Array.isArray(d.origins) ? d.origins.filter((o): o is string => typeof o === "string") : [];
      return origins.length > 0 ? `${who} let ${origins.join(", ")} embed the lounge` : `${who} cleared the list of sites that may embed the lounge`;
    }
    default: {
      // A server newer than this page may log actions it does not know yet.
      const unknown: never = entry.action;
      return `${who} did “${String(unknown)}”${entry.targetName ? ` to ${entry.targetName}` : ""}`;
    }
  }
}

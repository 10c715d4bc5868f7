// Roles in a lounge and the shapes of lounge administration over HTTP (invites, members, bans,
// the audit log). Moderation inside a lounge goes through the `mod:*` messages in protocol.ts.
import { z } from "zod";

/** Roles of a person in one lounge, highest first. "dj" may control playback where the lounge says so. */
export const roles = ["owner", "moderator", "dj", "member", "guest"] as const;
export type Role = (typeof roles)[number];
/** Roles the owner can give; "owner" comes only from creating the lounge. */
export const assignableRoles = ["moderator", "dj", "member"] as const;
export type AssignableRole = (typeof assignableRoles)[number];

const rank: Record<Role, number> = { owner: 4, moderator: 3, dj: 1, member: 1, guest: 0 };

/** Owners and moderators moderate. */
export function canModerate(role: Role): boolean {
  return role === "owner" || role === "moderator";
}

/** A moderator acts on people below them: a moderator cannot kick another moderator or the owner. */
export function outranks(actor: Role, target: Role): boolean {
  return rank[actor] > rank[target];
}

/**
 * Who may control a lounge's music (queue, play, pause, seek, skip); voting to skip stays open to
 * everyone present. Chosen by the owner only: a moderator who could change it could lift an
 * "owner only" policy and take over the music it is meant to keep with the owner.
 */
export const playbackControls = ["everyone", "dj", "owner"] as const;
export type PlaybackControl = (typeof playbackControls)[number];

/** "dj" lets DJs, moderators and the owner control the music; "owner" the owner alone. */
export function mayControlPlayback(control: string, role: Role): boolean {
  if (role === "owner" || control === "everyone") return true;
  return control === "dj" && (role === "dj" || role === "moderator");
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

export const createInviteBody = z.object({
  /** Minutes until the code stops working; none: it never expires. */
  expiresInMinutes: z.number().int().min(1).max(60 * 24 * 365).optional(),
  /** How many joins it admits; none: unlimited. */
  maxUses: z.number().int().min(1).max(10_000).optional(),
}).strict();
export type CreateInviteBody = z.input<typeof createInviteBody>;

export interface InviteDto {
  code: string;
  loungeId: string;
  createdAt: string;
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
  /** Usable now: not revoked, not expired, not used up. */
  active: boolean;
}

export const setMemberRoleBody = z.object({ role: z.enum(assignableRoles) }).strict();

export interface MemberDto {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface BanDto {
  id: number;
  /** The banned account, or null for a guest banned by their guest session. */
  userId: string | null;
  name: string;
  reason: string;
  by: string;
  createdAt: string;
  expiresAt: string | null;
}

export const moderationActions = [
  "mute", "unmute", "kick", "ban", "unban", "delete-message", "slow-mode", "set-role", "remove-member",
  "invite-create", "invite-revoke", "playback-control", "embed-origins",
] as const;
export type ModerationAction = (typeof moderationActions)[number];

export interface AuditEntryDto {
  id: number;
  action: ModerationAction;
  actorUserId: string | null;
  actorName: string;
  targetUserId: string | null;
  targetName: string | null;
  detail: Record<string, unknown>;
  at: string;
}

/** The role on a player's state, read defensively (the schema field is a plain string). */
export function roleOfPlayer(player: { role: string } | undefined): Role {
  return player && isRole(player.role) ? player.role : "guest";
}

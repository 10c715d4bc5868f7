// The fixed set of avatars a player can pick. The client draws each id; the server only checks it.
export const avatarIds = ["fox", "cat", "bear", "frog", "panda", "owl", "robot", "ghost"] as const;
export type AvatarId = (typeof avatarIds)[number];

export function isAvatarId(value: unknown): value is AvatarId {
  return typeof value === "string" && (avatarIds as readonly string[]).includes(value);
}

/** `value` when it is an avatar this client can draw, `fallback` otherwise (state fields are plain strings). */
export function avatarOr(value: unknown, fallback: AvatarId): AvatarId {
  return isAvatarId(value) ? value : fallback;
}

export const emotes = ["wave", "heart", "laugh", "clap", "music", "sleep"] as const;
export type Emote = (typeof emotes)[number];

export const reactionEmoji = ["👍", "❤️", "😂", "😮", "😢", "🎵"] as const;
export type ReactionEmoji = (typeof reactionEmoji)[number];

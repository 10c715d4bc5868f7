// The fixed set of avatars a player can pick. The client draws each id; the server only checks it.
export const avatarIds = ["fox", "cat", "bear", "frog", "panda", "owl", "robot", "ghost"] as const;
export type AvatarId = (typeof avatarIds)[number];

export const emotes = ["wave", "heart", "laugh", "clap", "music", "sleep"] as const;
export type Emote = (typeof emotes)[number];

export const reactionEmoji = ["👍", "❤️", "😂", "😮", "😢", "🎵"] as const;
export type ReactionEmoji = (typeof reactionEmoji)[number];

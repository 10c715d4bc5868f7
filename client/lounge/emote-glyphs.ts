// How each emote looks: an emoji shown over the avatar (and on the emote buttons).
import type { Emote } from "../../shared/avatars.ts";

export const emoteGlyph: Record<Emote, string> = { wave: "👋", heart: "❤️", laugh: "😂", clap: "👏", music: "🎵", sleep: "💤" };

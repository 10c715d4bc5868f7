// The avatars feature's messages (its state, Player, is in state/lounge-state.ts).
import { z } from "zod";
import { emotes, type Emote } from "../avatars.ts";

export const avatarMessages = {
  /** Walk to a point of the map (world pixels); the server finds the way. */
  "avatar:move": z.object({ x: z.number().finite(), y: z.number().finite() }).strict(),
  /** Hold a direction (arrow keys); {0,0} stops. */
  "avatar:walk": z.object({ dx: z.number().int().min(-1).max(1), dy: z.number().int().min(-1).max(1) }).strict(),
  /** Play an emote over your avatar. */
  "avatar:emote": z.object({ emote: z.enum(emotes) }).strict(),
} as const;

/** Broadcast when someone plays an emote. */
export interface EmoteNotice { sessionId: string; emote: Emote }

// The listen-together feature's messages (its state is in state/playback-state.ts).
import { z } from "zod";
import { noPayload } from "../fields.ts";
import { playbackControls } from "../moderation.ts";

export const playbackMessages = {
  /** Queue a track from the catalog (`GET /api/tracks`). */
  "playback:add": z.object({ trackId: z.string().min(1).max(64) }).strict(),
  /** Take a queued entry out of the queue. */
  "playback:remove": z.object({ entryId: z.string().min(1).max(64) }).strict(),
  /** Move a queued entry to another place in the queue (0 = next). */
  "playback:move": z.object({ entryId: z.string().min(1).max(64), toIndex: z.number().int().min(0).max(1000) }).strict(),
  "playback:play": noPayload,
  "playback:pause": noPayload,
  /** Jump to a position of the current track (ms). */
  "playback:seek": z.object({ positionMs: z.number().finite().min(0) }).strict(),
  "playback:skip": noPayload,
  /** Vote to skip; the track is skipped when more than half of the people present voted. */
  "playback:vote-skip": noPayload,
  /** Owner only: who may control the music here (everyone, DJs and moderators, or the owner alone). */
  "playback:control": z.object({ control: z.enum(playbackControls) }).strict(),
} as const;

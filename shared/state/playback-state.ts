// Listen-together state: what plays, since when (server time), and what comes next. A playing
// track costs no patches: clients compute the position from startedAt, positionMs and rate.
import { schema, t, type SchemaType } from "@colyseus/schema";

export const QueuedTrack = schema({
  /** Unique per queue entry: the same track may be queued twice. */
  entryId: t.string(),
  trackId: t.string(),
  title: t.string(),
  artist: t.string(),
  durationMs: t.float64(),
  /** Where browsers fetch the audio (same origin, HTTP range support). */
  url: t.string(),
  addedBy: t.string(),
}, "QueuedTrack");
export type QueuedTrack = SchemaType<typeof QueuedTrack>;

export const Playback = schema({
  /** The track playing or paused; entryId "" when nothing is. */
  current: t.ref(QueuedTrack),
  queue: t.array(QueuedTrack),
  status: t.string().default("idle"),
  /** Server ms (see clock:ping) when playback (re)started at positionMs. */
  startedAt: t.float64().default(0),
  positionMs: t.float64().default(0),
  rate: t.float32().default(1),
  /** Session ids that voted to skip the current track. */
  skipVotes: t.array("string"),
  /** Who may control playback: "everyone", "dj" or "owner" (playbackControls in shared/moderation.ts); the owner sets it with playback:control, and it is kept on the lounge record. */
  control: t.string().default("everyone"),
}, "Playback");
export type Playback = SchemaType<typeof Playback>;

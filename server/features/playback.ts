// Listen together: a shared queue and a playback clock in server time. Owns `state.playback`,
// including who may control it (the lounge's playback control, kept on the lounge record).
// The room stores what plays and since when; the next track starts on time by itself.
import type { Client } from "@colyseus/core";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { QueuedTrack } from "../../shared/state/playback-state.ts";
import { playbackEndsAt, playbackPosition, type PlaybackClock, type PlaybackStatus } from "../../shared/clock.ts";
import { playbackMessages } from "../../shared/features/playback.ts";
import { mayControlPlayback, type PlaybackControl, type Role } from "../../shared/moderation.ts";
import { refuse, type Refusal } from "../rooms/refusal.ts";
import { LoungeFeature, type MessageRule } from "../rooms/feature.ts";
import type { Timer } from "../rooms/clock.ts";
import { RateLimiter } from "./rate-limit.ts";

type Msg<K extends keyof typeof playbackMessages> = z.output<(typeof playbackMessages)[K]>;

export const MAX_QUEUE = 100;

const savedTrack = z.object({
  entryId: z.string(), trackId: z.string(), title: z.string(), artist: z.string(),
  durationMs: z.number().nonnegative(), url: z.string(), addedBy: z.string(),
});
const playbackSnapshot = z.object({
  status: z.enum(["idle", "playing", "paused"]),
  current: savedTrack.nullable(),
  positionMs: z.number().nonnegative(),
  queue: z.array(savedTrack).max(MAX_QUEUE),
});
type PlaybackSnapshot = z.infer<typeof playbackSnapshot>;

/** A snapshot from the database, checked: one from an older version is ignored, not trusted. */
function parseSnapshot(value: unknown): PlaybackSnapshot | undefined {
  const parsed = playbackSnapshot.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function trackOf(t: QueuedTrack): z.infer<typeof savedTrack> {
  return { entryId: t.entryId, trackId: t.trackId, title: t.title, artist: t.artist, durationMs: t.durationMs, url: t.url, addedBy: t.addedBy };
}

export class PlaybackFeature extends LoungeFeature {
  private endTimer: Timer | undefined;
  private readonly limiter = new RateLimiter({ burst: 10, perSecond: 4 }, () => this.host.clock.now());

  protected override messages = this.handlers(playbackMessages, {
    "playback:add": this.control((c, m) => this.onAdd(c, m)),
    "playback:remove": this.control((_c, m) => this.onRemove(m)),
    "playback:move": this.control((_c, m) => this.onMove(m)),
    "playback:play": this.control(() => this.onPlay()),
    "playback:pause": this.control(() => this.onPause()),
    "playback:seek": this.control((_c, m) => this.onSeek(m)),
    "playback:skip": this.control(() => this.advance(this.host.clock.now())),
    // Voting is open to everyone present, whoever controls the music.
    "playback:vote-skip": { limit: this.limiter, limited: "Too many playback changes; wait a moment.", handle: (c) => this.onVoteSkip(c) },
    "playback:control": {
      who: (role) => role === "owner",
      denied: "Only the lounge's owner can choose who controls the music; ask them, or vote to skip.",
      limit: this.limiter, limited: "Too many playback changes; wait a moment.",
      handle: (c, m) => this.onControl(c, m),
    },
  });

  /** A rule for the controls: the lounge's policy (everyone, DJs, or the owner only), then the rate limit. */
  private control<M>(handle: (client: Client, msg: M) => unknown): MessageRule<M> {
    return {
      who: (role: Role) => mayControlPlayback(this.playback.control, role),
      denied: () => this.playback.control === "owner"
        ? "Only the lounge owner controls the music here; you can still vote to skip."
        : "Only DJs control the music here; ask the owner to make you a DJ, or vote to skip.",
      limit: this.limiter,
      limited: "Too many playback changes; wait a moment.",
      handle,
    };
  }

  private get playback() { return this.host.state.playback; }

  override readonly snapshotKey = "playback";

  /** The queue, the current track and where it was, for when the lounge opens again. */
  override snapshot(): PlaybackSnapshot | undefined {
    const p = this.playback;
    if (p.status === "idle" && p.queue.length === 0) return undefined;
    return {
      status: p.status as PlaybackStatus,
      current: p.status === "idle" ? null : trackOf(p.current),
      positionMs: p.status === "idle" ? 0 : playbackPosition(this.clockOf(), this.host.clock.now()),
      queue: p.queue.map(trackOf),
    };
  }

  /** Back where it was: the same queue, the current track from the same position (playing or paused). */
  protected override onCreate(): void {
    const saved = parseSnapshot(this.host.restored(this.snapshotKey));
    if (!saved) return;
    const p = this.playback;
    for (const track of saved.queue) p.queue.push(new QueuedTrack(track));
    if (!saved.current || saved.status === "idle") return;
    p.current = new QueuedTrack(saved.current);
    p.positionMs = Math.min(saved.positionMs, saved.current.durationMs);
    p.startedAt = this.host.clock.now();
    p.rate = 1;
    p.status = saved.status;
    if (saved.status === "playing") this.scheduleEnd();
    this.host.log.info({ trackId: saved.current.trackId, positionMs: Math.round(p.positionMs), queued: saved.queue.length }, "playback restored");
  }

  protected override onLeave(client: Client): void {
    this.limiter.forget(client.sessionId);
    const i = this.playback.skipVotes.indexOf(client.sessionId);
    if (i >= 0) this.playback.skipVotes.splice(i, 1);
    // Fewer listeners may now make the existing votes a majority.
    this.maybeSkipByVote(client.sessionId);
  }

  protected override onDispose(): void {
    this.endTimer?.clear();
  }

  /** The owner chooses who controls the music; kept on the lounge record, so it outlasts the room. */
  async onControl(client: Client, msg: Msg<"playback:control">): Promise<{ control: PlaybackControl }> {
    if (this.playback.control === msg.control) return { control: msg.control };
    await this.host.write(this.host.services.lounges.setPlaybackControl(this.host.loungeId, msg.control));
    this.playback.control = msg.control;
    const player = this.host.player(client.sessionId);
    await this.host.audit.record({
      action: "playback-control", actorUserId: player?.userId || null, actorName: player?.name ?? "owner",
      targetUserId: null, targetName: null, detail: { control: msg.control },
    });
    this.host.log.info({ sessionId: client.sessionId, control: msg.control }, "playback control changed");
    return { control: msg.control };
  }

  private clockOf(): PlaybackClock {
    const p = this.playback;
    return { status: p.status as PlaybackStatus, startedAt: p.startedAt, positionMs: p.positionMs, rate: p.rate, durationMs: p.current.durationMs };
  }

  async onAdd(client: Client, msg: Msg<"playback:add">): Promise<Refusal | { entryId: string }> {
    const track = await this.host.services.tracks.find(msg.trackId, this.host.loungeId);
    if (!track) return refuse("NOT_FOUND", `No track "${msg.trackId}"; pick one from the track list.`);
    if (this.playback.queue.length >= MAX_QUEUE) return refuse("FORBIDDEN", `The queue is full (${MAX_QUEUE} tracks); wait for some to play.`);
    const entry = new QueuedTrack({
      entryId: randomUUID(), trackId: track.id, title: track.title, artist: track.artist,
      durationMs: track.durationMs, url: track.url,
      addedBy: this.host.player(client.sessionId)?.name ?? "someone",
    });
    this.playback.queue.push(entry);
    if (this.playback.status === "idle") this.advance(this.host.clock.now());
    return { entryId: entry.entryId };
  }

  onRemove(msg: Msg<"playback:remove">): Refusal | void {
    const i = this.playback.queue.findIndex((t) => t.entryId === msg.entryId);
    if (i < 0) return refuse("NOT_FOUND", "That track is no longer in the queue.");
    this.playback.queue.splice(i, 1);
  }

  onMove(msg: Msg<"playback:move">): Refusal | void {
    const queue = this.playback.queue;
    const i = queue.findIndex((t) => t.entryId === msg.entryId);
    if (i < 0) return refuse("NOT_FOUND", "That track is no longer in the queue.");
    const [entry] = queue.splice(i, 1);
    queue.splice(Math.min(msg.toIndex, queue.length), 0, entry.clone());
  }

  onPlay(): Refusal | void {
    const p = this.playback;
    if (p.status === "playing") return;
    if (p.status === "idle") {
      if (p.queue.length === 0) return refuse("NOT_FOUND", "The queue is empty; add a track first.");
      return this.advance(this.host.clock.now());
    }
    p.startedAt = this.host.clock.now();
    p.status = "playing";
    this.scheduleEnd();
  }

  onPause(): Refusal | void {
    const p = this.playback;
    if (p.status !== "playing") return refuse("NOT_FOUND", "Nothing is playing.");
    const now = this.host.clock.now();
    p.positionMs = playbackPosition(this.clockOf(), now);
    p.startedAt = now;
    p.status = "paused";
    this.endTimer?.clear();
  }

  onSeek(msg: Msg<"playback:seek">): Refusal | void {
    const p = this.playback;
    if (p.status === "idle") return refuse("NOT_FOUND", "Nothing is playing to seek in.");
    p.positionMs = Math.min(msg.positionMs, p.current.durationMs);
    p.startedAt = this.host.clock.now();
    if (p.status === "playing") this.scheduleEnd();
  }

  onVoteSkip(client: Client): Refusal | void {
    const p = this.playback;
    if (p.status === "idle") return refuse("NOT_FOUND", "Nothing is playing to skip.");
    if (!p.skipVotes.includes(client.sessionId)) p.skipVotes.push(client.sessionId);
    this.maybeSkipByVote();
  }

  /** Skips when more than half of the people present voted (`leaving` no longer counts). */
  private maybeSkipByVote(leaving?: string): void {
    const p = this.playback;
    if (p.status === "idle" || p.skipVotes.length === 0) return;
    let listeners = 0;
    for (const player of this.host.state.players.values()) if (player.connected && player.sessionId !== leaving) listeners++;
    if (p.skipVotes.length * 2 > listeners) this.advance(this.host.clock.now());
  }

  /** Starts the next queued track at server time `at` (exactly when the last one ended), or stops. */
  advance(at: number): void {
    const p = this.playback;
    this.endTimer?.clear();
    p.skipVotes.clear();
    const next = p.queue.shift();
    if (!next) {
      p.current = new QueuedTrack();
      p.status = "idle";
      p.positionMs = 0;
      p.startedAt = at;
      return;
    }
    p.current = next.clone();
    p.positionMs = 0;
    p.startedAt = at;
    p.rate = 1;
    p.status = "playing";
    this.scheduleEnd();
  }

  private scheduleEnd(): void {
    this.endTimer?.clear();
    const endsAt = playbackEndsAt(this.clockOf());
    if (endsAt === undefined) return;
    // The next track starts at endsAt, not when the timer fires, so timer lateness never drifts.
    this.endTimer = this.host.clock.setTimeout(() => this.advance(endsAt), Math.max(0, endsAt - this.host.clock.now()));
  }
}

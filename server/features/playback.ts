// Listen together: a shared queue and a playback clock in server time. Owns `state.playback`,
// including who may control it (the lounge's playback control, kept on the lounge record).
// The room stores what plays and since when; the next track starts on time by itself.
import { RoomPlugin, type Client } from "@colyseus/core";
import { randomUUID } from "node:crypto";
import { QueuedTrack } from "../../shared/state/playback-state.ts";
import { playbackEndsAt, playbackPosition, type PlaybackClock, type PlaybackStatus } from "../../shared/clock.ts";
import type { ClientMessage } from "../../shared/protocol.ts";
import { mayControlPlayback, type PlaybackControl } from "../../shared/moderation.ts";
import { validated, refuse, type Refusal } from "../rooms/validated.ts";
import { trackWrite } from "../rooms/context.ts";
import { serverNow } from "./clock.ts";
import { RateLimiter } from "./rate-limit.ts";
import type { LoungeRoom } from "../rooms/lounge-room.ts";

export const MAX_QUEUE = 100;

export class PlaybackFeature extends RoomPlugin<LoungeRoom> {
  protected override order = { onCreate: "after" } as const;
  private endTimer: { clear(): void } | undefined;
  private limiter!: RateLimiter;

  protected override messages = {
    "playback:add": validated("playback:add", () => this.room.log, async (c, m) => this.guard(c) ?? this.onAdd(c, m)),
    "playback:remove": validated("playback:remove", () => this.room.log, (c, m) => this.guard(c) ?? this.onRemove(m)),
    "playback:move": validated("playback:move", () => this.room.log, (c, m) => this.guard(c) ?? this.onMove(m)),
    "playback:play": validated("playback:play", () => this.room.log, (c) => this.guard(c) ?? this.onPlay()),
    "playback:pause": validated("playback:pause", () => this.room.log, (c) => this.guard(c) ?? this.onPause()),
    "playback:seek": validated("playback:seek", () => this.room.log, (c, m) => this.guard(c) ?? this.onSeek(m)),
    "playback:skip": validated("playback:skip", () => this.room.log, (c) => this.guard(c) ?? this.advance(serverNow())),
    // Voting is open to everyone present, whoever controls the music.
    "playback:vote-skip": validated("playback:vote-skip", () => this.room.log, (c) => this.rateLimit(c) ?? this.onVoteSkip(c)),
    "playback:control": validated("playback:control", () => this.room.log, (c, m) => this.rateLimit(c) ?? this.onControl(c, m)),
  };

  private get playback() { return this.room.state.playback; }

  protected override onCreate(): void {
    this.limiter = new RateLimiter({ burst: 10, perSecond: 4 }, () => this.room.clock.currentTime);
  }

  protected override onLeave(client: Client): void {
    this.limiter.forget(client.sessionId);
    const i = this.playback.skipVotes.indexOf(client.sessionId);
    if (i >= 0) this.playback.skipVotes.splice(i, 1);
    // Fewer listeners may now make the existing votes a majority.
    this.maybeSkipByVote();
  }

  protected override onDispose(): void {
    this.endTimer?.clear();
  }

  private rateLimit(client: Client): Refusal | undefined {
    const d = this.limiter.take(client.sessionId);
    return d.ok ? undefined : refuse("RATE_LIMITED", "Too many playback changes; wait a moment.", { retryInMs: d.retryInMs });
  }

  /** Rate limit, then the lounge's control policy: everyone, DJs, or the owner only. */
  private guard(client: Client): Refusal | undefined {
    const limited = this.rateLimit(client);
    if (limited) return limited;
    const policy = this.playback.control;
    if (mayControlPlayback(policy, this.room.roleOf(client))) return undefined;
    return refuse("FORBIDDEN", policy === "owner"
      ? "Only the lounge owner controls the music here; you can still vote to skip."
      : "Only DJs control the music here; ask the owner to make you a DJ, or vote to skip.");
  }

  /** The owner chooses who controls the music; kept on the lounge record, so it outlasts the room. */
  async onControl(client: Client, msg: ClientMessage<"playback:control">): Promise<Refusal | { control: PlaybackControl }> {
    if (this.room.roleOf(client) !== "owner") {
      return refuse("FORBIDDEN", "Only the lounge's owner can choose who controls the music; ask them, or vote to skip.");
    }
    if (this.playback.control === msg.control) return { control: msg.control };
    const { ctx } = this.room;
    await trackWrite(ctx, ctx.lounges.setPlaybackControl(this.room.loungeId, msg.control));
    this.playback.control = msg.control;
    const player = this.room.state.players.get(client.sessionId);
    await trackWrite(ctx, ctx.moderation.audit({
      loungeId: this.room.loungeId, action: "playback-control", actorUserId: player?.userId || null, actorName: player?.name ?? "owner",
      targetUserId: null, targetName: null, detail: { control: msg.control },
    }));
    this.room.log.info({ sessionId: client.sessionId, control: msg.control }, "playback control changed");
    this.room.plugins.moderation.tellModerators("playback-control");
    return { control: msg.control };
  }

  private clockOf(): PlaybackClock {
    const p = this.playback;
    return { status: p.status as PlaybackStatus, startedAt: p.startedAt, positionMs: p.positionMs, rate: p.rate, durationMs: p.current.durationMs };
  }

  async onAdd(client: Client, msg: ClientMessage<"playback:add">): Promise<Refusal | { entryId: string }> {
    const track = await this.room.ctx.tracks.find(msg.trackId, this.room.loungeId);
    if (!track) return refuse("NOT_FOUND", `No track "${msg.trackId}"; pick one from the track list.`);
    if (this.playback.queue.length >= MAX_QUEUE) return refuse("FORBIDDEN", `The queue is full (${MAX_QUEUE} tracks); wait for some to play.`);
    const entry = new QueuedTrack({
      entryId: randomUUID(), trackId: track.id, title: track.title, artist: track.artist,
      durationMs: track.durationMs, url: track.url,
      addedBy: this.room.state.players.get(client.sessionId)?.name ?? "someone",
    });
    this.playback.queue.push(entry);
    if (this.playback.status === "idle") this.advance(serverNow());
    return { entryId: entry.entryId };
  }

  onRemove(msg: ClientMessage<"playback:remove">): Refusal | void {
    const i = this.playback.queue.findIndex((t) => t.entryId === msg.entryId);
    if (i < 0) return refuse("NOT_FOUND", "That track is no longer in the queue.");
    this.playback.queue.splice(i, 1);
  }

  onMove(msg: ClientMessage<"playback:move">): Refusal | void {
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
      return this.advance(serverNow());
    }
    p.startedAt = serverNow();
    p.status = "playing";
    this.scheduleEnd();
  }

  onPause(): Refusal | void {
    const p = this.playback;
    if (p.status !== "playing") return refuse("NOT_FOUND", "Nothing is playing.");
    const now = serverNow();
    p.positionMs = playbackPosition(this.clockOf(), now);
    p.startedAt = now;
    p.status = "paused";
    this.endTimer?.clear();
  }

  onSeek(msg: ClientMessage<"playback:seek">): Refusal | void {
    const p = this.playback;
    if (p.status === "idle") return refuse("NOT_FOUND", "Nothing is playing to seek in.");
    p.positionMs = Math.min(msg.positionMs, p.current.durationMs);
    p.startedAt = serverNow();
    if (p.status === "playing") this.scheduleEnd();
  }

  onVoteSkip(client: Client): Refusal | void {
    const p = this.playback;
    if (p.status === "idle") return refuse("NOT_FOUND", "Nothing is playing to skip.");
    if (!p.skipVotes.includes(client.sessionId)) p.skipVotes.push(client.sessionId);
    this.maybeSkipByVote();
  }

  private maybeSkipByVote(): void {
    const p = this.playback;
    if (p.status === "idle" || p.skipVotes.length === 0) return;
    let listeners = 0;
    for (const player of this.room.state.players.values()) if (player.connected) listeners++;
    if (p.skipVotes.length * 2 > listeners) this.advance(serverNow());
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
    this.endTimer = this.room.clock.setTimeout(() => this.advance(endsAt), Math.max(0, endsAt - serverNow()));
  }
}

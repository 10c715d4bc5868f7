// Avatars: players placed on the lounge map and moved by the server at a fixed speed, from
// intents (walk to a point, hold a direction). Owns `state.players` and emotes. A walk is a chain
// of straight legs (shared/movement.ts): the state changes when a leg starts or ends, never while
// an avatar is on its way, so walking costs a patch per leg instead of one per tick.
import type { Client } from "@colyseus/core";
import { z } from "zod";
import type { Player } from "../../shared/state/lounge-state.ts";
import { avatarMessages, type EmoteNotice } from "../../shared/features/avatars.ts";
import { facingOf, isWalkingAt, leg, positionAt, standing, straightRuns, walkLeg, type Facing, type Motion, type Point } from "../../shared/movement.ts";
import { findPath } from "../../shared/pathfinding.ts";
import type { LoungeMap } from "../../shared/maps/index.ts";
import { refuse, type Refusal } from "../rooms/refusal.ts";
import { LoungeFeature } from "../rooms/feature.ts";
import { PROFILE_CHANGED, type ProfileChanged } from "../auth/accounts.ts";
import { RateLimiter } from "./rate-limit.ts";

type Msg<K extends keyof typeof avatarMessages> = z.output<(typeof avatarMessages)[K]>;

interface Place { x: number; y: number; dir: string }
const placesSchema = z.record(z.string(), z.object({ x: z.number().finite(), y: z.number().finite(), dir: z.string().max(8) }));

/** Who a seat is, across a restart: the account, or the guest identity (from the guest cookie). */
function placeKey(client: Client): string | undefined {
  const auth = client.auth as { userId?: string | null; guestKey?: string } | undefined;
  return auth?.userId ? `user:${auth.userId}` : auth?.guestKey ? `guest:${auth.guestKey}` : undefined;
}

/**
 * What a player has asked for and the server is carrying out, leg by leg; `legEndsAt` is when the
 * leg under way arrives (server ms), so each patch tick looks only at walks whose leg has ended.
 */
type Intent = ({ kind: "path"; waypoints: Point[] } | { kind: "walk"; dx: number; dy: number }) & { legEndsAt: number };

/** Legs chained in one catch-up at most (a stalled loop resumes where the walk would be). */
const MAX_LEGS_PER_PATCH = 64;

export class AvatarFeature extends LoungeFeature {
  private readonly intents = new Map<string, Intent>();
  private readonly moveLimiter = new RateLimiter({ burst: 30, perSecond: 20 }, () => this.host.clock.now());
  private readonly emoteLimiter = new RateLimiter({ burst: 3, perSecond: 1 }, () => this.host.clock.now());

  protected override messages = this.handlers(avatarMessages, {
    "avatar:move": { limit: this.moveLimiter, limited: "Too many moves; slow down.", handle: (client, msg) => this.onMove(client, msg) },
    "avatar:walk": { limit: this.moveLimiter, limited: "Too many moves; slow down.", handle: (client, msg) => this.onWalk(client, msg) },
    "avatar:emote": { limit: this.emoteLimiter, limited: "One emote at a time; wait a moment.", handle: (client, msg) => this.onEmote(client, msg) },
  });

  private get map(): LoungeMap { return this.host.map; }

  override readonly snapshotKey = "avatars";
  /** Where people stood when the lounge last closed, by who they are (account or guest identity). */
  private places = new Map<string, Place>();

  /** Where everyone stands, to stand them there again when they come back after a restart. */
  override snapshot(): Record<string, Place> | undefined {
    const places: Record<string, Place> = {};
    const now = this.host.clock.now();
    for (const client of this.host.clients) {
      const player = this.host.player(client.sessionId);
      const key = placeKey(client);
      if (player && key) places[key] = { ...positionAt(player, now), dir: player.dir };
    }
    return Object.keys(places).length > 0 ? places : undefined;
  }

  protected override onCreate(): void {
    const saved = placesSchema.safeParse(this.host.restored(this.snapshotKey));
    if (saved.success) this.places = new Map(Object.entries(saved.data));
    // A profile edited over HTTP, on any process, shows on this person's seats here.
    this.host.subscribe<ProfileChanged>(PROFILE_CHANGED, (changed) => this.applyProfile(changed.userId, changed.displayName, changed.avatar));
  }

  /**
   * Stands a newly seated player where they stood before the lounge last closed (when they come
   * back after a restart), or else at a door, before the seat enters the state anyone sees.
   */
  override onSeat(player: Player, client: Client): void {
    const key = placeKey(client);
    const place = key ? this.places.get(key) : undefined;
    const now = this.host.clock.now();
    if (key && place && this.map.isWalkable(place.x, place.y)) {
      this.places.delete(key);
      setMotion(player, standing(place, now));
      player.dir = place.dir;
      return;
    }
    const doors = this.map.tilesOfKind("door").filter((t) => this.map.isWalkableTile(t.tx, t.ty));
    const spawn = doors[Math.floor(this.host.random() * doors.length)] ?? this.map.nearestWalkable({ tx: 1, ty: 1 }, 64);
    if (!spawn) throw new Error(`map ${this.map.id} has nowhere to stand`);
    setMotion(player, standing(this.map.centerOf(spawn), now));
    player.dir = "up";
  }

  /**
   * Runs right before each patch is encoded: legs that ended since the last patch are followed by
   * the next one (starting exactly when the last arrived), or by standing at the end.
   */
  override beforePatch(): void {
    const now = this.host.clock.now();
    for (const [sessionId, intent] of this.intents) {
      // On its way (the usual case, 20 times a second per walker): nothing to look at yet.
      if (intent.legEndsAt > now) continue;
      const player = this.host.player(sessionId);
      if (!player) { this.intents.delete(sessionId); continue; }
      for (let i = 0; i < MAX_LEGS_PER_PATCH && player.moving && player.arrivesAt <= now; i++) {
        // The walk is over (the last waypoint, or a wall ahead): the leg that arrived already says
        // where the avatar stands, so nothing is written and nobody gets a patch for it.
        if (!this.nextLeg(player, intent, { x: player.toX, y: player.toY }, player.arrivesAt)) { this.intents.delete(sessionId); break; }
      }
    }
  }

  /** Someone edited their profile: their seats here show the new name and avatar. */
  applyProfile(userId: string, name: string, avatar: string): void {
    for (const player of this.host.state.players.values()) {
      if (player.userId !== userId) continue;
      if (player.name !== name) player.name = name;
      if (player.avatar !== avatar) player.avatar = avatar;
    }
  }

  /** A dropped connection stops walking: nobody walks on with nobody at the keys. */
  override onDrop(client: Client): void {
    this.stop(client.sessionId);
  }

  /** Stops whatever the player was doing, where they are now (an avatar already standing is left as it is). */
  private stop(sessionId: string): void {
    this.intents.delete(sessionId);
    const player = this.host.player(sessionId);
    const now = this.host.clock.now();
    if (player && isWalkingAt(player, now)) setMotion(player, standing(positionAt(player, now), now));
  }

  protected override onLeave(client: Client): void {
    this.intents.delete(client.sessionId);
    this.moveLimiter.forget(client.sessionId);
    this.emoteLimiter.forget(client.sessionId);
  }

  onMove(client: Client, msg: Msg<"avatar:move">): Refusal | void {
    const player = this.host.player(client.sessionId);
    if (!player) return;
    if (!this.map.inBounds(msg.x, msg.y)) {
      return refuse("OUT_OF_BOUNDS", `(${msg.x}, ${msg.y}) is outside the map (0–${this.map.pixelWidth} × 0–${this.map.pixelHeight}).`);
    }
    const now = this.host.clock.now();
    const here = positionAt(player, now);
    const clicked = this.map.tileOf(msg.x, msg.y);
    const goal = this.map.nearestWalkable(clicked, 2);
    const path = goal && findPath(this.map, this.map.tileOf(here.x, here.y), goal);
    if (!goal || !path) return refuse("UNREACHABLE", "There is no way to get there from where you stand; pick a spot on the floor.");
    const waypoints = path.map((t) => this.map.centerOf(t));
    // Stop exactly where they clicked when that point is on the floor.
    if (goal.tx === clicked.tx && goal.ty === clicked.ty) {
      if (waypoints.length > 0) waypoints[waypoints.length - 1] = { x: msg.x, y: msg.y };
      else waypoints.push({ x: msg.x, y: msg.y });
    }
    const intent: Intent = { kind: "path", waypoints: straightRuns(here, waypoints), legEndsAt: Infinity };
    this.intents.set(client.sessionId, intent);
    if (!this.nextLeg(player, intent, here, now)) this.intents.delete(client.sessionId);
  }

  onWalk(client: Client, msg: Msg<"avatar:walk">): void {
    if (msg.dx === 0 && msg.dy === 0) return this.stop(client.sessionId);
    const player = this.host.player(client.sessionId);
    if (!player) return;
    const now = this.host.clock.now();
    const intent: Intent = { kind: "walk", dx: msg.dx, dy: msg.dy, legEndsAt: Infinity };
    this.intents.set(client.sessionId, intent);
    if (!this.nextLeg(player, intent, positionAt(player, now), now)) this.intents.delete(client.sessionId);
  }

  onEmote(client: Client, msg: Msg<"avatar:emote">): void {
    const notice: EmoteNotice = { sessionId: client.sessionId, emote: msg.emote };
    this.host.broadcast("emote", notice);
  }

  /**
   * Puts `player`, at `from` at server time `t`, on the intent's next leg; false when there is none
   * (the path's end, or a wall ahead). Then the avatar stands at `from`: written only when it was
   * still walking at `t` (a new intent mid-leg), since a leg that has arrived already says so.
   */
  private nextLeg(player: Player, intent: Intent, from: Point, t: number): boolean {
    let next: Motion | undefined;
    if (intent.kind === "path") {
      const to = intent.waypoints.shift();
      if (to) next = leg(from, to, t);
    } else {
      next = walkLeg(this.map, from, intent.dx, intent.dy, t);
      // Held against a wall: stand, still facing the way the keys point.
      if (!next) player.dir = facingOf(intent.dx, intent.dy, player.dir as Facing);
    }
    if (next) {
      player.dir = facingOf(next.toX - next.x, next.toY - next.y, player.dir as Facing);
      setMotion(player, next);
      intent.legEndsAt = next.arrivesAt;
      return true;
    }
    if (isWalkingAt(player, t)) setMotion(player, standing(from, t));
    return false;
  }
}

/**
 * Writes a leg into the state, touching only the fields that changed (each change costs bytes). A
 * standing avatar is (x, y) from `startedAt`: its `toX`, `toY` and `arrivesAt` mean nothing while
 * `moving` is false (positionAt and every reader look at `moving` first), so they are left as they
 * were, which makes a stop 14 bytes smaller in every member's patch.
 */
function setMotion(player: Player, m: Motion): void {
  if (player.x !== m.x) player.x = m.x;
  if (player.y !== m.y) player.y = m.y;
  if (m.moving) {
    if (player.toX !== m.toX) player.toX = m.toX;
    if (player.toY !== m.toY) player.toY = m.toY;
    if (player.arrivesAt !== m.arrivesAt) player.arrivesAt = m.arrivesAt;
  }
  if (player.startedAt !== m.startedAt) player.startedAt = m.startedAt;
  if (player.moving !== m.moving) player.moving = m.moving;
}

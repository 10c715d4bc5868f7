// Avatars: players placed on the lounge map and moved by the server at a fixed speed, from
// intents (walk to a point, hold a direction). Owns `state.players` and emotes.
import type { Client } from "@colyseus/core";
import { z } from "zod";
import type { Player } from "../../shared/state/lounge-state.ts";
import { avatarMessages, type EmoteNotice } from "../../shared/features/avatars.ts";
import { AVATAR_SPEED, facingOf, followPath, walkDirection, type Facing, type Point } from "../../shared/movement.ts";
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

/** What a player has asked for and the server is carrying out, tick by tick. */
type Intent = { kind: "path"; waypoints: Point[] } | { kind: "walk"; dx: number; dy: number };

// A stalled event loop must not turn into a teleport: never move more than this per tick.
const MAX_TICK_SECONDS = 0.25;

export class AvatarFeature extends LoungeFeature {
  private readonly intents = new Map<string, Intent>();
  private readonly moveLimiter = new RateLimiter({ burst: 30, perSecond: 20 }, () => this.host.clock.now());
  private readonly emoteLimiter = new RateLimiter({ burst: 3, perSecond: 1 }, () => this.host.clock.now());
  /** Server time of the last step; undefined before the first. */
  private lastStepAt: number | undefined;

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
    for (const client of this.host.clients) {
      const player = this.host.player(client.sessionId);
      const key = placeKey(client);
      if (player && key) places[key] = { x: player.x, y: player.y, dir: player.dir };
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
    if (key && place && this.map.isWalkable(place.x, place.y)) {
      this.places.delete(key);
      player.x = place.x;
      player.y = place.y;
      player.dir = place.dir;
      return;
    }
    const doors = this.map.tilesOfKind("door").filter((t) => this.map.isWalkableTile(t.tx, t.ty));
    const spawn = doors[Math.floor(this.host.random() * doors.length)] ?? this.map.nearestWalkable({ tx: 1, ty: 1 }, 64);
    if (!spawn) throw new Error(`map ${this.map.id} has nowhere to stand`);
    const { x, y } = this.map.centerOf(spawn);
    player.x = x;
    player.y = y;
    player.dir = "up";
  }

  /**
   * Runs right before each patch is encoded, so a step reaches clients at once. A separate
   * simulation timer would run out of phase with the patch timer and add up to one patch
   * interval of delay to every move.
   */
  override beforePatch(): void {
    const now = this.host.clock.now();
    const last = this.lastStepAt ?? now;
    this.lastStepAt = now;
    this.step(Math.min((now - last) / 1000, MAX_TICK_SECONDS));
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

  /** Stops whatever the player was doing. */
  private stop(sessionId: string): void {
    this.intents.delete(sessionId);
    const player = this.host.player(sessionId);
    if (player) player.moving = false;
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
    const clicked = this.map.tileOf(msg.x, msg.y);
    const goal = this.map.nearestWalkable(clicked, 2);
    const path = goal && findPath(this.map, this.map.tileOf(player.x, player.y), goal);
    if (!goal || !path) return refuse("UNREACHABLE", "There is no way to get there from where you stand; pick a spot on the floor.");
    const waypoints = path.map((t) => this.map.centerOf(t));
    // Stop exactly where they clicked when that point is on the floor.
    if (goal.tx === clicked.tx && goal.ty === clicked.ty) {
      if (waypoints.length > 0) waypoints[waypoints.length - 1] = { x: msg.x, y: msg.y };
      else waypoints.push({ x: msg.x, y: msg.y });
    }
    this.intents.set(client.sessionId, { kind: "path", waypoints });
  }

  onWalk(client: Client, msg: Msg<"avatar:walk">): void {
    if (msg.dx === 0 && msg.dy === 0) return this.stop(client.sessionId);
    this.intents.set(client.sessionId, { kind: "walk", dx: msg.dx, dy: msg.dy });
  }

  onEmote(client: Client, msg: Msg<"avatar:emote">): void {
    const notice: EmoteNotice = { sessionId: client.sessionId, emote: msg.emote };
    this.host.broadcast("emote", notice);
  }

  /** One server step: advance every moving avatar. Idle avatars are not touched, so cost no patch. */
  step(seconds: number): void {
    const distance = AVATAR_SPEED * seconds;
    for (const [sessionId, intent] of this.intents) {
      const player = this.host.player(sessionId);
      if (!player) { this.intents.delete(sessionId); continue; }
      const from = { x: player.x, y: player.y };
      let to: Point;
      let dir: Facing = player.dir as Facing;
      if (intent.kind === "path") {
        const moved = followPath(from, intent.waypoints, distance);
        intent.waypoints.splice(0, moved.reached);
        to = moved.pos;
        dir = facingOf(moved.dx, moved.dy, dir);
        if (intent.waypoints.length === 0) this.intents.delete(sessionId);
      } else {
        to = walkDirection(this.map, from, intent.dx, intent.dy, distance);
        dir = facingOf(intent.dx, intent.dy, dir);
      }
      const moving = this.intents.has(sessionId) && (to.x !== from.x || to.y !== from.y);
      if (to.x !== player.x) player.x = to.x;
      if (to.y !== player.y) player.y = to.y;
      if (dir !== player.dir) player.dir = dir;
      if (moving !== player.moving) player.moving = moving;
    }
  }
}

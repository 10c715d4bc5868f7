// A lounge: one Colyseus room per lounge record, composed of features. The room itself only opens
// the record, admits players and keeps seats of dropped players for the reconnection window.
import { Room, ServerError, definePlugins, matchMaker, type AuthContext, type Client } from "@colyseus/core";
import type { Logger } from "pino";
import { LoungeState, LoungeInfo } from "../../shared/state/lounge-state.ts";
import { joinOptions, LeaveCode } from "../../shared/protocol.ts";
import { getMap, type LoungeMap } from "../../shared/maps/index.ts";
import { loungeContext, type LoungeContext } from "./context.ts";
import { ChatFeature } from "../features/chat.ts";
import { AvatarFeature } from "../features/avatars.ts";
import { ClockFeature } from "../features/clock.ts";
import { PlaybackFeature } from "../features/playback.ts";
import { ModerationFeature, roleOfPlayer } from "../features/moderation.ts";
import { admit, identify, roomIdOfRequest } from "../auth/room-auth.ts";
import { PROFILE_CHANGED, type ProfileChanged } from "../auth/accounts.ts";
import type { ModerationAction, Role } from "../../shared/moderation.ts";
import { JoinErrorCode } from "../../shared/join-errors.ts";

/**
 * Codes of a refused join, as the SDK's join promise rejects with them. Joins are checked in the
 * static onAuth, during matchmaking, where Colyseus answers with the code as the HTTP status.
 * Defined in shared/join-errors.ts so the client can tell them apart.
 */
export { JoinErrorCode };

/** What `onAuth` returns; Colyseus keeps it as `client.auth`. Server-side only. */
export interface LoungeAuth {
  name: string;
  avatar: string;
  userId: string | null;
  /** Digest of the guest token: what bans and mutes of a guest hold on to. */
  guestKey: string;
  role: Role;
  /** The lounge `role` was decided for; null when onAuth could not tell (onJoin decides then). */
  loungeId: string | null;
  /** Kept for onJoin when onAuth could not tell the lounge. */
  inviteCode: string | null;
}

export interface LoungeMetadata { loungeId: string; name: string; mapId: string; capacity: number }

export class LoungeRoom extends Room<{ state: LoungeState; metadata: LoungeMetadata }> {
  override state = new LoungeState();
  readonly ctx: LoungeContext = loungeContext();
  log: Logger = this.ctx.log;
  loungeId = "";
  map!: LoungeMap;

  override plugins = definePlugins({
    chat: new ChatFeature(), avatars: new AvatarFeature(), clock: new ClockFeature(), playback: new PlaybackFeature(),
    moderation: new ModerationFeature(),
  });

  override messages = {
    // Unknown message types get a clear error instead of Colyseus' silent disconnect.
    "*": (client: Client, type: string | number) => {
      client.send("error", { code: "UNKNOWN_MESSAGE", type: String(type), message: `This lounge does not understand "${String(type).slice(0, 64)}"; update your client.` });
    },
  };

  override async onCreate(options: { loungeId?: unknown }): Promise<void> {
    const loungeId = typeof options?.loungeId === "string" ? options.loungeId : "";
    const record = loungeId ? await this.ctx.lounges.get(loungeId) : undefined;
    if (!record) throw new ServerError(JoinErrorCode.LOUNGE_NOT_FOUND, `No lounge with id "${loungeId.slice(0, 64)}". Pick one from the list or create one.`);
    const map = getMap(record.mapId);
    if (!map) throw new ServerError(JoinErrorCode.LOUNGE_NOT_FOUND, `Lounge "${record.id}" uses map "${record.mapId}", which this server does not have.`);
    // The room id is the lounge id, so a link to a lounge is a link to its room.
    this.roomId = record.id;
    this.loungeId = record.id;
    this.map = map;
    this.log = this.ctx.log.child({ loungeId: record.id });
    this.maxClients = record.capacity;
    this.patchRate = this.ctx.config.PATCH_RATE_MS;
    this.maxMessagesPerSecond = this.ctx.config.ABUSE_MESSAGES_PER_SECOND;
    this.state.lounge = new LoungeInfo({
      id: record.id, name: record.name, mapId: record.mapId, capacity: record.capacity,
      visibility: record.visibility, ownerId: record.ownerId ?? "", slowModeSeconds: record.slowModeSeconds,
    });
    this.state.playback.control = record.playbackControl;
    // Who may enter is decided in onAuth; matchmaking only needs to keep private lounges off lists.
    await this.setMatchmaking({
      metadata: { loungeId: record.id, name: record.name, mapId: record.mapId, capacity: record.capacity },
      unlisted: record.visibility !== "public",
    });
    await this.presence.subscribe(PROFILE_CHANGED, this.onProfileChanged);
    this.log.info({ mapId: record.mapId, capacity: record.capacity }, "lounge opened");
  }

  /**
   * Runs during matchmaking, before a seat is reserved or a room created, for every way of joining
   * (joinOrCreate, joinById, create): refuses bad options, bad sessions, unknown, full and private
   * lounges and bans with a clear code and message. What it returns becomes `client.auth`.
   * The session comes from the `sessionToken` option, `Authorization: Bearer` (`context.token`) or
   * the session cookie in the request headers; a signed-in person's name and avatar are their profile's.
   */
  static override async onAuth(_token: string, options: unknown, context: AuthContext): Promise<LoungeAuth> {
    const parsed = joinOptions.safeParse(options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ServerError(JoinErrorCode.INVALID_OPTIONS, `Cannot join: ${issue.path.join(".") || "options"}: ${issue.message}`);
    }
    const ctx = loungeContext();
    const who = await identify(ctx, parsed.data, context);
    const name = who.user?.displayName ?? parsed.data.name;
    const avatar = who.user?.avatar ?? parsed.data.avatar;
    if (!name) throw new ServerError(JoinErrorCode.INVALID_OPTIONS, "Cannot join: name: Pick a display name (or sign in).");
    if (!avatar) throw new ServerError(JoinErrorCode.INVALID_OPTIONS, "Cannot join: avatar: Pick an avatar (or sign in).");
    const auth: LoungeAuth = {
      name, avatar, userId: who.user?.id ?? null, guestKey: who.guestKey, role: "guest",
      loungeId: null, inviteCode: parsed.data.inviteCode ?? null,
    };
    const loungeId = parsed.data.loungeId ?? roomIdOfRequest(context);
    if (loungeId !== undefined) {
      const record = await ctx.lounges.get(loungeId);
      if (!record) throw new ServerError(JoinErrorCode.LOUNGE_NOT_FOUND, `No lounge with id "${loungeId}". Pick one from the list or create one.`);
      const [live] = await matchMaker.query({ name: "lounge", roomId: loungeId });
      if (live && live.locked && live.clients >= live.maxClients) {
        throw new ServerError(JoinErrorCode.LOUNGE_FULL, `"${record.name}" is full (${live.maxClients} people). Try again in a little while.`);
      }
      auth.role = await admit(ctx, record, who, parsed.data.inviteCode);
      auth.loungeId = record.id;
    }
    return auth;
  }

  override async onJoin(client: Client<{ auth: LoungeAuth }>): Promise<void> {
    // onAuth always returns a LoungeAuth or throws, so a joined client has one.
    const auth = client.auth as LoungeAuth;
    if (auth.loungeId !== this.loungeId) {
      // onAuth could not tell which lounge this join was for: decide here, before placing anyone.
      const record = await this.ctx.lounges.get(this.loungeId);
      if (!record) throw new ServerError(JoinErrorCode.LOUNGE_NOT_FOUND, "This lounge no longer exists.");
      const user = auth.userId ? await this.ctx.accounts.users.byId(auth.userId) : undefined;
      auth.role = await admit(this.ctx, record, { user: user ?? null, guestKey: auth.guestKey }, auth.inviteCode ?? undefined);
      auth.loungeId = record.id;
    }
    this.plugins.avatars.place(client, auth);
    const player = this.state.players.get(client.sessionId);
    if (player) player.role = auth.role;
    this.log.info({ sessionId: client.sessionId, name: auth.name, userId: auth.userId, role: auth.role }, "player joined");
  }

  override onDrop(client: Client): void {
    const player = this.state.players.get(client.sessionId);
    if (player) player.connected = false;
    this.plugins.avatars.stop(client.sessionId);
    // Kicked or banned: the seat goes now (onLeave follows), it is not held for a reconnect.
    if (this.plugins.moderation.isRemoved(client.sessionId)) return;
    this.log.info({ sessionId: client.sessionId }, "player dropped; holding the seat");
    this.allowReconnection(client, this.ctx.config.RECONNECT_SECONDS);
  }

  override onReconnect(client: Client): void {
    // Removed by a moderator while their connection was down: the held seat is not theirs any more.
    if (this.plugins.moderation.isRemoved(client.sessionId)) {
      client.leave(LeaveCode.KICKED, "removed by a moderator");
      return;
    }
    const player = this.state.players.get(client.sessionId);
    if (player) player.connected = true;
    this.log.info({ sessionId: client.sessionId }, "player reconnected");
  }

  /** Steps avatars and trims the chat right before Colyseus encodes the patch, so both ship at once. */
  override onBeforePatch(): void {
    this.plugins.avatars.beforePatch();
    this.plugins.chat.beforePatch();
  }

  /** The person's role in this lounge (owner, moderator, dj, member, guest), as shown on their player. */
  roleOf(client: Client | string): Role {
    return roleOfPlayer(this.state.players.get(typeof client === "string" ? client : client.sessionId));
  }

  /** Something changed over HTTP (invites, bans, members): tell the moderators here. Remote-callable. */
  moderationChanged(action: ModerationAction): void {
    this.plugins.moderation.tellModerators(action);
  }

  /** A role given or taken over HTTP (called through matchMaker.remoteRoomCall from any process). */
  applyRole(userId: string, role: Role): void {
    this.plugins.moderation.applyRole(userId, role);
  }

  override onLeave(client: Client): void {
    this.log.info({ sessionId: client.sessionId }, "player left");
  }

  /** A profile edited over HTTP, on any process. */
  private readonly onProfileChanged = (changed: ProfileChanged): void => {
    this.plugins.avatars.applyProfile(changed.userId, changed.displayName, changed.avatar);
  };

  override onDispose(): void {
    this.presence.unsubscribe(PROFILE_CHANGED, this.onProfileChanged);
    this.log.info("lounge closed");
  }
}

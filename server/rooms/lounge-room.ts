// A lounge: one Colyseus room per lounge record, composed of features. The room itself only opens
// the record, admits players and keeps seats of dropped players for the reconnection window.
import { Room, ServerError, definePlugins, matchMaker, type AuthContext, type Client } from "@colyseus/core";
import type { Logger } from "pino";
import { LoungeState, LoungeInfo } from "../../shared/state/lounge-state.ts";
import { joinOptions } from "../../shared/protocol.ts";
import { getMap, type LoungeMap } from "../../shared/maps/index.ts";
import { loungeContext, type LoungeContext } from "./context.ts";
import { ChatFeature } from "../features/chat.ts";
import { AvatarFeature } from "../features/avatars.ts";
import { ClockFeature } from "../features/clock.ts";
import { PlaybackFeature } from "../features/playback.ts";

/**
 * Codes of a refused join, as the SDK's join promise rejects with them. Joins are checked in the
 * static onAuth, during matchmaking, where Colyseus answers with the code as the HTTP status.
 */
export const JoinErrorCode = {
  INVALID_OPTIONS: 400,
  LOUNGE_NOT_FOUND: 404,
  LOUNGE_FULL: 409,
} as const;

/** What `onAuth` returns; Colyseus keeps it as `client.auth`. */
export interface LoungeAuth { name: string; avatar: string; userId: string | null }

export interface LoungeMetadata { loungeId: string; name: string; mapId: string; capacity: number }

export class LoungeRoom extends Room<{ state: LoungeState; metadata: LoungeMetadata }> {
  override state = new LoungeState();
  readonly ctx: LoungeContext = loungeContext();
  log: Logger = this.ctx.log;
  loungeId = "";
  map!: LoungeMap;

  override plugins = definePlugins({ chat: new ChatFeature(), avatars: new AvatarFeature(), clock: new ClockFeature(), playback: new PlaybackFeature() });

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
    this.state.lounge = new LoungeInfo({ id: record.id, name: record.name, mapId: record.mapId, capacity: record.capacity });
    await this.setMatchmaking({
      metadata: { loungeId: record.id, name: record.name, mapId: record.mapId, capacity: record.capacity },
      unlisted: record.visibility === "unlisted",
    });
    this.log.info({ mapId: record.mapId, capacity: record.capacity }, "lounge opened");
  }

  /**
   * Runs during matchmaking, before a seat is reserved or a room created, for every way of joining
   * (joinOrCreate, joinById, create): refuses bad options, unknown and full lounges with a clear
   * code and message. What it returns becomes `client.auth`.
   */
  static override async onAuth(_token: string, options: unknown, _context: AuthContext): Promise<LoungeAuth> {
    const parsed = joinOptions.safeParse(options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ServerError(JoinErrorCode.INVALID_OPTIONS, `Cannot join: ${issue.path.join(".") || "options"}: ${issue.message}`);
    }
    const { loungeId } = parsed.data;
    if (loungeId !== undefined) {
      const record = await loungeContext().lounges.get(loungeId);
      if (!record) throw new ServerError(JoinErrorCode.LOUNGE_NOT_FOUND, `No lounge with id "${loungeId}". Pick one from the list or create one.`);
      const [live] = await matchMaker.query({ name: "lounge", roomId: loungeId });
      if (live && live.locked && live.clients >= live.maxClients) {
        throw new ServerError(JoinErrorCode.LOUNGE_FULL, `"${record.name}" is full (${live.maxClients} people). Try again in a little while.`);
      }
    }
    return { name: parsed.data.name, avatar: parsed.data.avatar, userId: null };
  }

  override onJoin(client: Client<{ auth: LoungeAuth }>): void {
    // onAuth always returns a LoungeAuth or throws, so a joined client has one.
    const auth = client.auth as LoungeAuth;
    this.plugins.avatars.place(client, auth);
    this.log.info({ sessionId: client.sessionId, name: auth.name }, "player joined");
  }

  override onDrop(client: Client): void {
    const player = this.state.players.get(client.sessionId);
    if (player) player.connected = false;
    this.plugins.avatars.stop(client.sessionId);
    this.log.info({ sessionId: client.sessionId }, "player dropped; holding the seat");
    this.allowReconnection(client, this.ctx.config.RECONNECT_SECONDS);
  }

  override onReconnect(client: Client): void {
    const player = this.state.players.get(client.sessionId);
    if (player) player.connected = true;
    this.log.info({ sessionId: client.sessionId }, "player reconnected");
  }

  /** The person's role in this lounge; accounts and roles refine it (owner, moderator, dj, member, guest). */
  roleOf(_client: Client): string {
    return "guest";
  }

  override onLeave(client: Client): void {
    this.log.info({ sessionId: client.sessionId }, "player left");
  }

  override onDispose(): void {
    this.log.info("lounge closed");
  }
}

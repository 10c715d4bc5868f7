// A lounge room: one Colyseus room per lounge record, composed of features. The room opens the
// record, builds the host contract the features see, seats players, holds the seats of dropped
// players for the reconnection window, and calls every feature at each lifecycle moment. It names
// no feature: a Room type is `defineLoungeRoom({ name, features })`.
import { ClientState, CloseCode, Protocol, Room, ServerError, definePlugins, matchMaker, type AuthContext, type Client } from "@colyseus/core";
import { Encoder } from "@colyseus/schema";
import type { Logger } from "pino";
import { LoungeState, LoungeInfo, Player } from "../../shared/state/lounge-state.ts";
import { LeaveCode } from "../../shared/protocol.ts";
import type { ModerationChanged } from "../../shared/features/moderation.ts";
import type { ServerDraining } from "../../shared/protocol.ts";
import { getMap } from "../../shared/maps/index.ts";
import { canModerate, roleOfPlayer } from "../../shared/moderation.ts";
import { JoinErrorCode } from "../../shared/join-errors.ts";
import type { ErrorPayload } from "../../shared/errors.ts";
import type { OperatorPerson } from "../../shared/operator.ts";
import { loungeContext, trackWrite, type LoungeContext } from "./context.ts";
import { CREATE_WAIT_MS, markClosing, unmarkClosing, untilStored } from "./closing-lounges.ts";
import { roomClock } from "./clock.ts";
import { GuardChain, type LoungeHost } from "./host.ts";
import { RecentChat } from "../features/recent-chat.ts";
import { LoungeFeature } from "./feature.ts";
import { authorizeSeat, loungeOfKind, reconnectionIsTheSeats, settleSeat, type SeatAuth } from "./seat.ts";
import { loungeChannel, type LoungeEvent } from "./audit-trail.ts";
import { hubOf, type ChannelHub } from "./channel-hub.ts";
import { writeSharedFrame } from "./shared-frames.ts";
import { patchPacer } from "./patch-pacer.ts";

export { JoinErrorCode };
export type { SeatAuth };

export interface LoungeMetadata { loungeId: string; name: string; mapId: string; capacity: number }

/** What makes a Room type: its name and a fresh set of features (and state) for each room. */
export interface LoungeRoomSpec<S extends LoungeState = LoungeState> {
  /** The room kind: clients join with `joinOrCreate(name, { loungeId })`; lounge records name it. */
  name: string;
  /**
   * A fresh feature set per room, keyed by plugin key (order is the order of lifecycle calls).
   * Features typed against the plain LoungeState serve a Room type with an extended state too.
   */
  features: () => Record<string, LoungeFeature<S> | LoungeFeature>;
  /** A fresh state per room; a Room type with its own slice extends LoungeState (see docs/modding.md). */
  state?: () => S;
}

/** Formats whatever a client sent as a message type without trusting it (it may be any value). */
function typeName(type: unknown): string {
  if (typeof type === "string") return type.slice(0, 64);
  if (typeof type === "number") return String(type);
  return "(not a message name)";
}

export abstract class LoungeRoomBase<S extends LoungeState = LoungeState> extends Room<{ state: S; metadata: LoungeMetadata }> {
  readonly ctx: LoungeContext = loungeContext();
  log: Logger = this.ctx.log;
  /** The contract the features see; built in onCreate, before any feature's onCreate runs. */
  host!: LoungeHost<S>;
  /** Seats ended for good (kicked, banned): not held for a reconnect. */
  private readonly released = new Set<string>();
  private readonly subscriptions: Array<[string, (message: never) => void]> = [];

  constructor() {
    super();
    // Colyseus 0.18 binds the hooks as own properties in its constructor when onUncaughtException
    // is defined, but installs a class's plugin hooks on the prototype only at the first room's
    // __init, after that. The first room of each kind would run none of its features' onCreate,
    // onJoin, onLeave or onDispose. Dropping those bindings lets the prototype's hooks (room's and
    // features') run; their errors still reach Colyseus, which refuses the join or create and logs.
    for (const hook of ["onCreate", "onAuth", "onJoin", "onLeave", "onDispose"] as const) {
      if (Object.hasOwn(this, hook)) delete (this as Partial<Record<typeof hook, unknown>>)[hook];
    }
    // Colyseus hands onReconnect no request: keep each reconnection's auth context (its cookie or
    // token) on the way in, so onReconnect can tell whose it is.
    const join = Reflect.get(this, "_onJoin") as (client: Client, context: AuthContext, options?: { reconnectionToken?: string }) => Promise<unknown>;
    Reflect.set(this, "_onJoin", (client: Client, context: AuthContext, options?: { reconnectionToken?: string }) => {
      this.prepareClient(client);
      if (options?.reconnectionToken) this.reconnectionContexts.set(client, context);
      return join.call(this, client, context, options);
    });
    // Every frame a client sends passes the flood control first (see admitFrame), and one that
    // cannot be decoded is answered instead of silently closing the connection (see receiveFrame).
    const receive = Reflect.get(this, "_onMessage") as (client: Client, buffer: Buffer) => unknown;
    Reflect.set(this, "_onMessage", (client: Client, buffer: Buffer) => (this.admitFrame(client) ? this.receiveFrame(client, buffer, receive) : undefined));
  }

  /** Messages each connection sent in the current one-second window (flood control). */
  private readonly messageCounts = new Map<string, { windowEndsAt: number; count: number }>();

  /**
   * Flood control ahead of Colyseus' own (which closes the socket with no reason and lets the
   * reconnection token bring the flooder straight back): the sender is told why, loses the seat
   * for good, and joins are refused for ABUSE_PENALTY_SECONDS. Returns false to drop the frame.
   */
  private admitFrame(client: Client): boolean {
    if (this.released.has(client.sessionId)) return false;
    const now = this.clock.currentTime;
    const entry = this.messageCounts.get(client.sessionId);
    if (!entry || now >= entry.windowEndsAt) {
      this.messageCounts.set(client.sessionId, { windowEndsAt: now + 1000, count: 1 });
      return true;
    }
    if (++entry.count <= this.ctx.config.ABUSE_MESSAGES_PER_SECOND) return true;
    const auth = client.auth as SeatAuth | undefined;
    const waitMs = this.ctx.config.ABUSE_PENALTY_SECONDS * 1000;
    this.ctx.penalties.hold([auth?.guestKey, auth?.userId, auth?.address], waitMs);
    const error: ErrorPayload = {
      code: "RATE_LIMITED", retryInMs: waitMs,
      message: `You sent more than ${this.ctx.config.ABUSE_MESSAGES_PER_SECOND} messages in one second, so the lounge disconnected you. Wait ${this.ctx.config.ABUSE_PENALTY_SECONDS} s, then join again.`,
    };
    client.send("error", error);
    this.log.warn({ sessionId: client.sessionId, address: auth?.address }, "client flooded; disconnected");
    this.host.release(client.sessionId, LeaveCode.FLOODING, "too many messages");
    return false;
  }

  /**
   * Hands a frame to Colyseus. When Colyseus cannot decode it (malformed msgpack), it closes the
   * connection with 4002 and no word of why; here the sender is told instead, and stays (a flood
   * of them is still cut off by admitFrame).
   */
  private receiveFrame(client: Client, buffer: Buffer, receive: (client: Client, buffer: Buffer) => unknown): unknown {
    if (client.state === ClientState.JOINING && buffer?.[0] === Protocol.JOIN_ROOM) return this.confirmJoin(client);
    this.dispatching = client;
    this.undecodable = false;
    try {
      return receive.call(this, client, buffer);
    } finally {
      this.dispatching = undefined;
      if (this.undecodable) {
        this.ctx.metrics.messagesRefused.inc({ code: "INVALID_MESSAGE" });
        const error: ErrorPayload = { code: "INVALID_MESSAGE", message: "The lounge could not decode that message (it is not valid msgpack); it was ignored. Send messages through the SDK." };
        client.send("error", error);
      }
    }
  }

  /**
   * The joiner's confirmation (its first frame): what Colyseus does with it (Room._onMessage,
   * JOIN_ROOM), except that the messages queued for the joiner until now are let go by setting
   * `_enqueuedMessages` to undefined rather than deleting it, which is the same to Colyseus (it
   * reads the field with `?.` and `!== undefined`). Deleting a field from the middle of an object
   * puts it in V8's dictionary mode: every connection's object grew by about 600 bytes and each of
   * its fields, read on every patch and message, became a hash lookup.
   */
  private confirmJoin(client: Client): void {
    const c = client as Client & { _joinedAt?: number; _lastMessageTime?: number; _enqueuedMessages?: Uint8Array[] };
    c._lastMessageTime = this.clock.currentTime;
    c.state = ClientState.JOINED;
    c._joinedAt = this.clock.elapsedTime;
    if (this.state) (this as unknown as { sendFullState(client: Client): void }).sendFullState(client);
    const queued = c._enqueuedMessages;
    c._enqueuedMessages = undefined;
    if (queued) for (const message of queued) client.raw(message);
  }

  /** The client whose frame Colyseus is dispatching (receiveFrame), and whether it failed to decode. */
  private dispatching: Client | undefined = undefined;
  private undecodable = false;

  /** The connections here that have a StateView (card players): the only ones a view change can concern. */
  private readonly viewers = new Set<Client>();

  /**
   * Every connection gets its extra fields once, as it joins: its `leave` sees Colyseus' decode
   * failure (see receiveFrame; swapping it on every frame cost each frame a property write), and
   * its `view` is kept through an accessor that notes who has one, so a patch tick asks only them
   * whether their view changed (see setSerializer), however a feature sets `client.view`; and its
   * `raw` writes a frame made once for all the members a patch or broadcast goes to.
   * The functions are the class's, shared by every connection: closures made per connection cost
   * about 300 bytes each (tsx gives each function it makes a `name` property, which puts the
   * function's properties in a dictionary of their own), nearly 1 KB per person in all.
   */
  private prepareClient(client: Client): void {
    const c = client as PreparedClient;
    c[LOUNGE] = this as unknown as LoungeRoomBase; // (its state type does not matter there)
    c[OWN_LEAVE] = client.leave;
    c[OWN_RAW] = client.raw;
    c[VIEW] = client.view;
    if (c[VIEW]) this.viewers.add(client);
    client.leave = LoungeRoomBase.leaveUnlessUndecodable;
    client.raw = LoungeRoomBase.rawSharingFrames;
    Object.defineProperty(client, "view", { configurable: true, enumerable: true, get: LoungeRoomBase.viewOf, set: LoungeRoomBase.setViewOf });
  }

  private static leaveUnlessUndecodable(this: PreparedClient, code?: number, reason?: string): void {
    const room = this[LOUNGE];
    // Colyseus' decode failure is exactly `leave(WITH_ERROR)` with no reason, during dispatch.
    if (room.dispatching === this && code === CloseCode.WITH_ERROR && reason === undefined) { room.undecodable = true; return; }
    this[OWN_LEAVE].call(this, code, reason);
  }

  /**
   * Colyseus sends a patch (and a broadcast) to every member as the same bytes: they go out as one
   * frame made once and written to each socket (see shared-frames.ts), not framed again per member.
   */
  private static rawSharingFrames(this: PreparedClient, data: Uint8Array, options?: unknown, cb?: (err?: Error) => void): void {
    if (cb !== undefined || !writeSharedFrame(this.ref, data)) this[OWN_RAW].call(this, data, options as never, cb);
  }

  private static viewOf(this: PreparedClient): Client["view"] { return this[VIEW]; }

  private static setViewOf(this: PreparedClient, next: Client["view"]): void {
    this[VIEW] = next;
    if (next) this[LOUNGE].viewers.add(this);
    else this[LOUNGE].viewers.delete(this);
  }

  /**
   * The auth context of each reconnection under way, by its connection (see the constructor): two
   * attempts on one held seat must each be judged by their own cookie or token.
   */
  private readonly reconnectionContexts = new WeakMap<Client, AuthContext>();

  override messages = {
    // Unknown message types get a clear error instead of Colyseus' silent disconnect. A client can
    // also send the type "*" itself: then the second argument is its payload, any value at all.
    "*": (client: Client, type: unknown) => {
      const name = typeName(type);
      this.ctx.metrics.messagesReceived.inc({ type: "unknown" });
      this.ctx.metrics.messagesRefused.inc({ code: "UNKNOWN_MESSAGE" });
      const error: ErrorPayload = { code: "UNKNOWN_MESSAGE", type: name, message: `This lounge does not understand "${name}"; update your client.` };
      client.send("error", error);
    },
  };

  /** Every feature of this room, in the order they were declared (fixed once the plugins are set up). */
  protected get features(): LoungeFeature<S>[] {
    const list = this.featureList ?? Object.values(this.plugins ?? {}).filter((p): p is LoungeFeature<S> => p instanceof LoungeFeature);
    if (this.plugins) this.featureList = list;
    return list;
  }
  private featureList: LoungeFeature<S>[] | undefined = undefined;
  /** The features with a step before each patch (20 times a second per lounge: looked up once). */
  private get stepping(): LoungeFeature<S>[] {
    return (this.steppingList ??= this.features.filter((f) => f.beforePatch));
  }
  private steppingList: LoungeFeature<S>[] | undefined = undefined;

  /**
   * Colyseus' patch timer calls this every PATCH_RATE_MS. The tick goes through the process's
   * pacer (patch-pacer.ts): at once, unless the ticks of this turn of the event loop have already
   * held it for a slice; then right after the loop has read the network, in the order they came due.
   */
  override broadcastPatch(): boolean {
    // A tick that comes due while an earlier one still waits adds none (the pacer keeps one per
    // lounge): the wait is counted from the earliest.
    this.tickDueAt ??= performance.now();
    patchPacer.tick(this, this.patchNow);
    // (Colyseus' own says whether there were changes; its timer, the one caller, ignores it.)
    return false;
  }
  private readonly patchNow = (): void => {
    if (this.tickDueAt !== undefined) this.ctx.metrics.patchWaitSeconds.observe((performance.now() - this.tickDueAt) / 1000);
    this.tickDueAt = undefined;
    super.broadcastPatch();
  };
  /** When this lounge's waiting tick came due (for chill_patch_wait_seconds); undefined when none waits. */
  private tickDueAt: number | undefined = undefined;

  /**
   * With a `@view` field in the state (a card hand), Colyseus 0.18 looks through every member for a
   * changed StateView on each patch tick, even when nothing changed: a filter with a closure over
   * all members, 20 times a second per lounge, most of an idle lounge's CPU. This asks the same
   * question of the members that have a view (`viewers`, kept by prepareClient) first, and skips
   * the tick only when the answer is "nothing to send" (no state change, no view change, no timed
   * input frames), which is exactly when Colyseus' own tick would send nothing. Otherwise
   * Colyseus' applyPatches runs as it is, through its unfiltered branch while nobody here has a
   * view: that branch sends every member the shared patch, which is what the filtered one sends a
   * member without a view, without looking up each member's view in a Map.
   */
  override setSerializer(serializer: Parameters<Room["setSerializer"]>[0]): void {
    const s = serializer as unknown as PatchingSerializer;
    // (Its encoder is made later, when the state is handed to it: looked up on each tick.)
    if (typeof s.applyPatches === "function") {
      const apply = s.applyPatches.bind(s);
      s.applyPatches = (clients, state, timing) => {
        if (!s.hasFilters) return apply(clients, state, timing);
        if (this.viewers.size === 0) {
          s.hasFilters = false;
          try { return apply(clients, state, timing); } finally { s.hasFilters = true; }
        }
        if (timing === undefined && s.encoder?.hasChanges === false && !anyViewChanged(this.viewers)) return false;
        return apply(clients, state, timing);
      };
    }
    if (typeof s.getFullState === "function") {
      const full = s.getFullState.bind(s);
      s.getFullState = (client, timing) => {
        const frame = full(client, timing);
        // A full state that outgrew its buffer was encoded again into a bigger one, which Colyseus
        // does not keep: the encode of a member's view just now used the old, cut-short copy of
        // the shared part. Keep the whole one, then encode that member's view again.
        const overflowed = keepEncodeHeadroom(s);
        return overflowed && s.hasFilters && (client as Client | undefined)?.view ? full(client, timing) : frame;
      };
    }
    super.setSerializer(serializer);
  }

  override async onCreate(options: { loungeId?: unknown }): Promise<void> {
    const loungeId = typeof options?.loungeId === "string" ? options.loungeId : "";
    // The same lounge, emptied a moment ago, may still be storing its snapshot: read it after
    // (joins wait for that before matchmaking; this covers one that got past just before).
    if (loungeId && (await untilStored(loungeId, CREATE_WAIT_MS).catch(() => "stored")) === "gave up") {
      this.ctx.log.warn({ loungeId }, "the lounge's last room was still storing its snapshot; opening it from what is stored");
    }
    const record = await loungeOfKind(this.ctx, loungeId, this.roomName);
    const map = getMap(record.mapId);
    if (!map) throw new ServerError(JoinErrorCode.LOUNGE_NOT_FOUND, `Lounge "${record.id}" uses map "${record.mapId}", which this server does not have.`);
    // The room id is the lounge id, so a link to a lounge is a link to its room.
    this.roomId = record.id;
    this.log = this.ctx.log.child({ loungeId: record.id, room: this.roomName });
    this.maxClients = record.capacity;
    // A reserved seat whose client never connects keeps the lounge fuller than it is: not for long.
    this.seatReservationTimeout = this.ctx.config.SEAT_RESERVATION_SECONDS;
    this.patchRate = this.ctx.config.PATCH_RATE_MS;
    // Our flood control (admitFrame) acts first and says why; Colyseus' stays as a backstop.
    this.maxMessagesPerSecond = this.ctx.config.ABUSE_MESSAGES_PER_SECOND * 2;
    this.state.lounge = new LoungeInfo({
      id: record.id, name: record.name, mapId: record.mapId, capacity: record.capacity,
      visibility: record.visibility, ownerId: record.ownerId ?? "", slowModeSeconds: record.slowModeSeconds,
    });
    this.state.playback.control = record.playbackControl;
    this.host = this.buildHost(record.id, map, record.snapshot ?? {});
    // Who may enter is decided in onAuth; matchmaking only needs to keep private lounges off lists.
    await this.setMatchmaking({
      metadata: { loungeId: record.id, name: record.name, mapId: record.mapId, capacity: record.capacity },
      unlisted: record.visibility !== "public",
    });
    this.host.subscribe<LoungeEvent>(loungeChannel(record.id), (event) => this.onLoungeEvent(event));
    this.ctx.metrics.roomOpened(this);
    // Once the room is up (on its clock, after every feature's onCreate; a room that fails to open
    // never ticks), the snapshot it handed to its features is cleared, so it is restored once.
    if (record.snapshot) {
      this.host.clock.setTimeout(() => {
        this.host.write(this.ctx.lounges.clearSnapshot(record.id)).catch((err: unknown) => this.log.error({ err }, "lounge snapshot not cleared"));
      }, 0);
    }
    this.log.info({ mapId: record.mapId, capacity: record.capacity }, "lounge opened");
  }

  private buildHost(loungeId: string, map: NonNullable<ReturnType<typeof getMap>>, snapshot: Record<string, unknown>): LoungeHost<S> {
    const { ctx } = this;
    return {
      restored: (key) => snapshot[key],
      loungeId, map, state: this.state, log: this.log, clock: roomClock(this.clock), random: Math.random,
      clients: this.clients, services: ctx, presence: this.presence,
      broadcast: (type, message, options) => this.broadcast(type, message, options),
      player: (sessionId) => this.state.players.get(sessionId),
      roleOf: (sessionId) => roleOfPlayer(this.state.players.get(sessionId)),
      write: (write) => trackWrite(ctx, write),
      audit: { record: (entry) => ctx.audit.record({ loungeId, ...entry }) },
      chatGuards: new GuardChain(),
      recentChat: new RecentChat(ctx.config.CHAT_STATE_SIZE),
      release: (sessionId, code, reason) => {
        this.released.add(sessionId);
        this.clients.getById(sessionId)?.leave(code, reason);
      },
      subscribe: (channel, listener) => {
        this.channels().subscribe(channel, listener as (message: never) => void).catch((err: unknown) => this.log.error({ err, channel }, "could not subscribe to a presence channel"));
        this.subscriptions.push([channel, listener as (message: never) => void]);
      },
    };
  }

  /** News about this lounge from HTTP or another room, on any process. */
  private onLoungeEvent(event: LoungeEvent): void {
    if (event.type === "role") {
      for (const player of this.state.players.values()) {
        if (player.userId === event.userId && player.role !== "owner") player.role = event.role;
      }
    } else if (event.type === "moderation-changed") {
      // "Manage lounge" has news (bans, members, the log): tell the owner and moderators present.
      const changed: ModerationChanged = { action: event.action };
      for (const client of this.clients) {
        if (canModerate(this.host.roleOf(client.sessionId))) client.send("moderation:changed", changed);
      }
    }
  }

  /** Seats the player; features see them next, in their own onJoin. */
  override async onJoin(client: Client<{ auth: SeatAuth }>): Promise<void> {
    // onAuth always returns a SeatAuth or throws, so a joined client has one.
    const auth = client.auth as SeatAuth;
    this.ctx.reservations.release(auth.address);
    // Someone came in after the last one left: the room stays, joins need not wait for it.
    void this.takeClosingMarkDown();
    await settleSeat(this.ctx, auth, this.roomId);
    const player = new Player({
      sessionId: client.sessionId, userId: auth.userId ?? "", name: auth.name, avatar: auth.avatar,
      role: auth.role, x: 0, y: 0, joinedAt: this.host.clock.now(),
    });
    for (const feature of this.features) feature.onSeat?.(player, client);
    this.state.players.set(client.sessionId, player);
    this.ctx.metrics.joins.inc();
    this.log.info({ sessionId: client.sessionId, name: auth.name, userId: auth.userId, role: auth.role }, "player joined");
  }

  override onDrop(client: Client): void {
    const player = this.state.players.get(client.sessionId);
    if (player) player.connected = false;
    for (const feature of this.features) feature.onDrop?.(client);
    // Kicked or banned: the seat goes now (onLeave follows), it is not held for a reconnect.
    if (this.released.has(client.sessionId)) return;
    this.log.info({ sessionId: client.sessionId }, "player dropped; holding the seat");
    // Colyseus answers with an already-rejected promise when the client never finished joining or
    // the room is disposing; left alone, that rejection would take the whole process down.
    this.allowReconnection(client, this.ctx.config.RECONNECT_SECONDS).catch(() => undefined);
  }

  override async onReconnect(client: Client): Promise<void> {
    const context = this.reconnectionContexts.get(client);
    this.reconnectionContexts.delete(client);
    // Removed by a moderator while their connection was down: the held seat is not theirs any more.
    if (this.released.has(client.sessionId)) {
      client.leave(LeaveCode.KICKED, "removed by a moderator");
      return;
    }
    if (!await reconnectionIsTheSeats(this.ctx, client.auth as SeatAuth, context)) {
      this.log.warn({ sessionId: client.sessionId }, "reconnection refused: not the seat's account");
      client.leave(LeaveCode.NOT_YOUR_SEAT, "This seat belongs to a signed-in person; join again to get a seat of your own.");
      return;
    }
    const player = this.state.players.get(client.sessionId);
    if (player) player.connected = true;
    // Back after the last connected one left: the room stays, joins need not wait for it.
    void this.takeClosingMarkDown();
    for (const feature of this.features) feature.onReconnect?.(client);
    this.log.info({ sessionId: client.sessionId }, "player reconnected");
  }

  /** Every feature's step right before Colyseus encodes the patch, so all of it ships at once. */
  override onBeforePatch(): void {
    // Colyseus ticks patches from the room's start, while onCreate still awaits the lounge record:
    // until the host is built there is nothing of the features' to step.
    if (!this.host) return;
    for (const feature of this.stepping) {
      // One feature's failure must not stop the others' steps, nor the patch.
      try { feature.beforePatch?.(); } catch (err) { this.log.error({ err, feature: feature.constructor.name }, "beforePatch failed"); }
    }
  }

  /** Features have had their onLeave (they run before this); the seat goes last. */
  override async onLeave(client: Client): Promise<void> {
    this.viewers.delete(client);
    this.state.players.delete(client.sessionId);
    this.released.delete(client.sessionId);
    this.messageCounts.delete(client.sessionId);
    this.log.info({ sessionId: client.sessionId }, "player left");
    // The last one out: Colyseus closes the room once this returns, unless a seat is still held
    // (see closing-lounges.ts). Not once onDispose has begun (a held seat can be let go after it),
    // nor in a drain (it marks around its own snapshot).
    if (this.clients.length === 0 && this.host && !this.closed && !this.drained) await this.putClosingMark();
  }

  /** True from the start of onDispose. */
  private closed = false;
  /** Whether this room has put the lounge's closing mark up (closing-lounges.ts) and not taken it down. */
  private closing = false;
  /** The room's writes of its mark, one after another in the order asked: a later one never overtakes. */
  private markWrites: Promise<void> = Promise.resolve();

  /**
   * Puts the lounge's closing mark up, anew each time (a mark put up earlier, while a seat was held,
   * may have expired). A failure is logged; the room closes as before.
   */
  private putClosingMark(): Promise<void> {
    this.closing = true;
    return (this.markWrites = this.markWrites.then(() => markClosing(this.presence, this.roomId)).catch((err: unknown) => {
      this.log.warn({ err }, "could not mark the lounge as closing; a room opened for it elsewhere right now may miss its last snapshot");
    }));
  }

  /** The lounge's snapshot is stored, or the room stays open after all: joins need not wait (no write when it is not up). */
  private takeClosingMarkDown(): Promise<void> {
    if (!this.closing) return this.markWrites;
    this.closing = false;
    return (this.markWrites = this.markWrites.then(() => unmarkClosing(this.presence, this.roomId)).catch((err: unknown) => {
      this.log.warn({ err }, "could not take the lounge's closing mark down; it expires by itself");
    }));
  }

  /**
   * A throwing handler, timer or hook is contained here: logged, and the lounge stays up for
   * everyone else. (Defining this makes Colyseus wrap messages, timers and hooks in try/catch.)
   */
  override onUncaughtException(error: Error, methodName: string): void {
    this.log.error({ err: error, method: methodName }, "lounge caught an error and goes on");
  }

  /**
   * Who is here, for the operator's overview (server/http/operator-overview.ts), which calls it by
   * name through matchMaker.remoteRoomCall on whichever process hosts the room.
   */
  operatorPeople(): OperatorPerson[] {
    return [...this.state.players.values()].map((p) => ({ loungeId: this.roomId, name: p.name, role: p.role, userId: p.userId || null, connected: p.connected }));
  }

  /** Every feature's snapshot, kept on the lounge record for when its room opens again. */
  private async saveSnapshot(): Promise<void> {
    if (!this.host) return;
    const snapshot: Record<string, unknown> = {};
    for (const feature of this.features) {
      if (!feature.snapshotKey || !feature.snapshot) continue;
      // One feature's failure costs only its own snapshot, never the drain.
      try {
        const data = feature.snapshot();
        if (data !== undefined) snapshot[feature.snapshotKey] = data;
      } catch (err) {
        this.log.error({ err, feature: feature.constructor.name }, "snapshot failed");
      }
    }
    try {
      await trackWrite(this.ctx, this.ctx.lounges.saveSnapshot(this.roomId, snapshot));
    } catch (err) {
      this.log.error({ err }, "lounge snapshot not saved");
    }
  }

  /** True once the process started draining: the snapshot was taken with everyone still here. */
  private drained = false;
  /** The drain's snapshot write (onDispose waits for it before the closing mark comes down). */
  private drainSave: Promise<void> | undefined = undefined;

  /**
   * The process is shutting down (SIGTERM): keep what the lounge must get back (the music, where
   * people stand) while everyone is still here, tell them, then close their connections. They join
   * again through matchmaking and the lounge opens on another process, or on this one restarted.
   */
  override onBeforeShutdown(): void {
    void (async () => {
      this.drained = true;
      this.lock().catch(() => undefined);
      // Locked, the room takes no join: one for this lounge waits for the snapshot (closing-lounges.ts).
      this.drainSave = this.putClosingMark().then(() => this.saveSnapshot());
      await this.drainSave;
      await this.takeClosingMarkDown();
      const notice: ServerDraining = { rejoinInMs: 500 };
      this.broadcast("server:draining", notice);
      this.log.info({ people: this.clients.length }, "draining: snapshot kept, people told");
      await this.disconnect(CloseCode.SERVER_SHUTDOWN).catch(() => undefined);
    })();
  }

  /**
   * The process' shared presence subscriptions (one per channel, however many lounges listen). Keyed
   * by the process' presence: each room's `this.presence` is a copy of its own (Colyseus scopes it
   * to the room), so a hub per room would subscribe once per lounge again.
   */
  private channels(): ChannelHub {
    // Looked up once: the room unsubscribes from the hub it subscribed on. The hub outlives the
    // room, so what it keeps (the error report) holds the process's log, not this room.
    const log = this.ctx.log;
    return (this.hub ??= hubOf(matchMaker.presence, (err, channel) => log.error({ err, channel }, "a lounge's presence listener failed")));
  }
  private hub: ChannelHub | undefined = undefined;

  override async onDispose(): Promise<void> {
    this.closed = true;
    patchPacer.forget(this);
    // First, so that a room whose opening failed halfway (Colyseus disposes it too) leaves no
    // listener behind on the process' presence.
    for (const [channel, listener] of this.subscriptions) this.channels().unsubscribe(channel, listener);
    // Emptied (not drained): the queue and its position still outlast the room.
    if (!this.drained) await this.saveSnapshot();
    else await this.drainSave;
    await this.takeClosingMarkDown();
    this.ctx.metrics.roomClosed(this);
    this.log.info("lounge closed");
  }
}

/** What prepareClient keeps on each connection: its lounge, its own `leave`, its StateView. */
const LOUNGE = Symbol("lounge");
const OWN_LEAVE = Symbol("ownLeave");
const OWN_RAW = Symbol("ownRaw");
const VIEW = Symbol("view");
type PreparedClient = Client & {
  [LOUNGE]: LoungeRoomBase;
  [OWN_LEAVE]: Client["leave"];
  [OWN_RAW]: Client["raw"];
  [VIEW]: Client["view"];
};

/** The parts of Colyseus' SchemaSerializer that LoungeRoomBase.setSerializer relies on. */
interface PatchingSerializer {
  applyPatches(clients: Client[], state: unknown, timing: unknown): boolean;
  getFullState(client: unknown, timing: unknown): unknown;
  hasFilters: boolean;
  encoder?: { hasChanges: boolean; sharedBuffer: Uint8Array };
  /** Where the full state is encoded, the last full encode, and how far it reached. */
  fullEncodeBuffer?: Uint8Array;
  fullEncodeCache?: Uint8Array;
  sharedOffsetCache?: { offset: number };
}

/** Free bytes a lounge's encode buffers keep past its full state: a tick's patch or a view's part. */
export const ENCODE_HEADROOM = 8 * 1024;

/**
 * A lounge's two encode buffers (its full state, its patches) start at @colyseus/schema's 16 KB
 * and grow with its state, ahead of need: after each full encode both keep ENCODE_HEADROOM free
 * past it, in steps of Encoder.BUFFER_SIZE. Colyseus' serializer does not keep a full-state buffer
 * the encoder had to grow (it grows it again, with a console warning, for every joiner, and encodes
 * a member's view after a cut-short copy of the shared part), and one buffer sized for the largest
 * lounge (64 KB each) cost a lounge of 50 people 2.6 KB per person.
 * Returns whether the last full encode had outgrown its buffer (its result is now the kept one).
 */
function keepEncodeHeadroom(s: Pick<PatchingSerializer, "encoder" | "fullEncodeBuffer" | "fullEncodeCache" | "sharedOffsetCache">): boolean {
  const used = s.sharedOffsetCache?.offset;
  if (used === undefined || !s.fullEncodeBuffer || !s.encoder) return false;
  const need = used + ENCODE_HEADROOM;
  // The encoder grew a copy of the buffer and encoded the whole state again into it.
  const overflowed = s.fullEncodeCache !== undefined && s.fullEncodeCache.buffer !== s.fullEncodeBuffer.buffer;
  if (overflowed) s.fullEncodeBuffer = new Uint8Array(s.fullEncodeCache!.buffer);
  if (s.fullEncodeBuffer.byteLength < need) {
    s.fullEncodeBuffer = grown(s.fullEncodeBuffer, need);
    // (The same bytes, in the buffer kept: so a buffer apart from the cache's means an overflow.)
    if (s.fullEncodeCache) s.fullEncodeCache = s.fullEncodeBuffer.subarray(0, used);
  }
  if (s.encoder.sharedBuffer.byteLength < need) s.encoder.sharedBuffer = grown(s.encoder.sharedBuffer, need);
  return overflowed;
}

/** A copy of `buffer` (its first byte is the frame's protocol code) with room for `need` bytes. */
function grown(buffer: Uint8Array, need: number): Uint8Array {
  const step = Encoder.BUFFER_SIZE;
  const next = new Uint8Array(Math.ceil(need / step) * step);
  next.set(buffer);
  return next;
}

/** Whether a member in the room (joined) has a StateView with changes to send. */
function anyViewChanged(viewers: ReadonlySet<Client>): boolean {
  for (const client of viewers) {
    if ((client.view?.changes.size ?? 0) > 0 && client.state === ClientState.JOINED) return true;
  }
  return false;
}

/** A lounge room of any kind, as tests and tools reach it (`matchMaker.getLocalRoomById`). */
export type LoungeRoom = LoungeRoomBase;

/** The concrete class Colyseus instantiates for a Room type. */
export type LoungeRoomClass = new () => LoungeRoomBase;

/**
 * Defines a Room type from its features: the class Colyseus registers under `spec.name`. Joins are
 * authorized for lounge records of that kind; each room gets fresh features and state.
 */
export function defineLoungeRoom<S extends LoungeState>(spec: LoungeRoomSpec<S>): LoungeRoomClass {
  const DefinedRoom = class extends LoungeRoomBase<S> {
    static override onAuth(_token: string, options: unknown, context: AuthContext): Promise<SeatAuth> {
      return authorizeSeat(spec.name, options, context);
    }
    override state = (spec.state ? spec.state() : new LoungeState()) as S;
    override plugins = definePlugins(spec.features());
  };
  Object.defineProperty(DefinedRoom, "name", { value: `LoungeRoom(${spec.name})` });
  return DefinedRoom as unknown as LoungeRoomClass;
}

// Tests a feature alone, without a server: a host with a ManualClock, fake clients that record what
// they are sent, and the feature's own message handlers called the way the room would call them.
// Time moves only with `clock.advance(ms)`, so a test of a timer never sleeps. Exported for modders.
import type { Client, MessageContext } from "@colyseus/core";
import { pino } from "pino";
import { LoungeState, LoungeInfo, Player } from "../../shared/state/lounge-state.ts";
import { getMap } from "../../shared/maps/index.ts";
import { roleOfPlayer, type Role } from "../../shared/moderation.ts";
import { isErrorPayload, type ErrorPayload } from "../../shared/errors.ts";
import type { LoungeContext } from "../rooms/context.ts";
import { Metrics } from "../metrics.ts";
import { ManualClock } from "../rooms/clock.ts";
import { GuardChain, type HostAuditEntry, type LoungeHost } from "../rooms/host.ts";
import { RecentChat } from "../features/recent-chat.ts";
import type { LoungeFeature } from "../rooms/feature.ts";
import type { SeatAuth } from "../rooms/seat.ts";

/** The lifecycle hooks and handlers a feature keeps protected, as the room (and this harness) reach them. */
interface FeatureInternals {
  onCreate?(options: unknown): unknown;
  onJoin?(client: Client, options?: unknown): unknown;
  onLeave?(client: Client, code?: number): unknown;
  onDispose?(): unknown;
  messages?: Record<string, (client: Client, raw: unknown, ctx: MessageContext) => unknown>;
  room: unknown;
}

export interface HarnessOptions<S extends LoungeState> {
  features: Record<string, LoungeFeature<S> | LoungeFeature>;
  /** A fresh state (a mod's extended LoungeState); default `new LoungeState()`. */
  state?: S;
  mapId?: string;
  /** The process services the features use (repositories, config); anything left out throws when touched. */
  services?: Partial<LoungeContext>;
  /** Seed of `host.random()`. */
  seed?: number;
  /** Snapshots as the room would hand them back (`host.restored(key)`). */
  restored?: Record<string, unknown>;
}

/** One person in the harness: their fake client and everything the room sent them. */
export interface TestSeat {
  sessionId: string;
  client: Client;
  player: Player;
  /** Messages sent to this client alone or broadcast, oldest first. */
  received: Array<{ type: string; message: unknown }>;
  /** Set when the room closed this seat's connection (kick, ban). */
  closed?: { code: number; reason: string };
}

/** What a message came back with: a request's reply, or the error the sender was told. */
export type SendResult = { ok: true; reply: unknown } | { ok: false; error: ErrorPayload };

function seededRandom(seed: number): () => number {
  // mulberry32: small, fast and plenty for tests' choices.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function servicesFrom(given: Partial<LoungeContext>): LoungeContext {
  const base = { pendingWrites: new Set<Promise<unknown>>(), metrics: new Metrics(), ...given };
  return new Proxy(base, {
    get(target, key) {
      if (key in target) return target[key as keyof typeof target];
      throw new Error(`services.${String(key)} was not given to the feature harness; pass it in options.services.`);
    },
  }) as LoungeContext;
}

export class FeatureHarness<S extends LoungeState = LoungeState> {
  readonly clock = new ManualClock();
  readonly state: S;
  readonly host: LoungeHost<S>;
  /** Audit entries the features recorded. */
  readonly audit: HostAuditEntry[] = [];
  readonly seats = new Map<string, TestSeat>();
  private readonly features: FeatureInternals[];
  private nextSeat = 1;
  private nextRequest = 1;

  private constructor(options: HarnessOptions<S>) {
    this.state = options.state ?? (new LoungeState() as S);
    const map = getMap(options.mapId ?? "lounge");
    if (!map) throw new Error(`no map "${options.mapId}"`);
    this.state.lounge = new LoungeInfo({ id: "test-lounge", name: "Test lounge", mapId: map.id, capacity: 50, visibility: "public", ownerId: "", slowModeSeconds: 0 });
    this.features = Object.values(options.features) as unknown as FeatureInternals[];
    const seats = this.seats;
    const clients = {
      get length() { return seats.size; },
      getById: (id: string) => seats.get(id)?.client,
      [Symbol.iterator]: function* () { for (const seat of seats.values()) yield seat.client; },
    };
    this.host = {
      loungeId: "test-lounge", map, state: this.state, log: pino({ level: "silent" }), clock: this.clock,
      random: seededRandom(options.seed ?? 1), clients, services: servicesFrom(options.services ?? {}),
      broadcast: (type, message, opts) => {
        for (const seat of seats.values()) if (seat.client !== opts?.except) seat.received.push({ type, message });
      },
      player: (id) => this.state.players.get(id),
      roleOf: (id) => roleOfPlayer(this.state.players.get(id)),
      write: (write) => write,
      audit: { record: async (entry) => { this.audit.push(entry); } },
      chatGuards: new GuardChain(),
      recentChat: new RecentChat(options.services?.config?.CHAT_STATE_SIZE ?? 50),
      release: (id, code, reason) => { const seat = seats.get(id); if (seat) seat.closed = { code, reason }; },
      subscribe: () => {},
      restored: (key) => options.restored?.[key],
      presence: undefined as never,
    };
    // What Colyseus does at __init: each plugin learns its room (here, just the host).
    for (const feature of this.features) feature.room = { host: this.host, state: this.state };
  }

  /** A harness with the features created (their onCreate has run). */
  static async create<S extends LoungeState>(options: HarnessOptions<S>): Promise<FeatureHarness<S>> {
    const harness = new FeatureHarness(options);
    for (const feature of harness.features) await feature.onCreate?.({});
    return harness;
  }

  /** Seats someone, as the room does, and runs the features' onJoin. */
  async join(who: { name?: string; role?: Role; userId?: string } = {}): Promise<TestSeat> {
    const sessionId = `s${this.nextSeat++}`;
    const auth: SeatAuth = {
      name: who.name ?? `Player ${sessionId}`, avatar: "fox", userId: who.userId ?? null, guestKey: `guest-${sessionId}`,
      role: who.role ?? "guest", loungeId: "test-lounge", inviteCode: null, address: null,
    };
    const seat = { sessionId, received: [] } as unknown as TestSeat;
    seat.client = {
      sessionId, auth,
      send: (type: string, message: unknown) => { seat.received.push({ type, message }); },
      leave: (code: number, reason: string) => { seat.closed = { code, reason }; },
    } as unknown as Client;
    seat.player = new Player({ sessionId, userId: auth.userId ?? "", name: auth.name, avatar: auth.avatar, role: auth.role, x: 0, y: 0, joinedAt: this.clock.now() });
    for (const feature of this.features) (feature as unknown as LoungeFeature).onSeat?.(seat.player, seat.client);
    this.state.players.set(sessionId, seat.player);
    this.seats.set(sessionId, seat);
    for (const feature of this.features) await feature.onJoin?.(seat.client, {});
    return seat;
  }

  /** Sends `type` from `seat` as a request would, through the feature's own handler and its checks. */
  async send(seat: TestSeat, type: string, payload?: unknown): Promise<SendResult> {
    const handler = this.features.map((f) => f.messages?.[type]).find((h) => h !== undefined);
    if (!handler) throw new Error(`no feature here handles "${type}"`);
    let rejected: { reason: unknown } | undefined;
    const ctx = {
      id: this.nextRequest++,
      reject: (reason: unknown) => { rejected = { reason }; return undefined; },
      resolve: (value: unknown) => value,
    } as unknown as MessageContext;
    const reply = await handler(seat.client, payload, ctx);
    if (rejected) {
      if (!isErrorPayload(rejected.reason)) throw new Error(`"${type}" rejected with something that is not an ErrorPayload`);
      return { ok: false, error: rejected.reason };
    }
    return { ok: true, reply };
  }

  /** The features' beforePatch, as right before a patch. */
  beforePatch(): void {
    for (const feature of this.features) (feature as unknown as LoungeFeature).beforePatch?.();
  }

  /** The features' onLeave, then the seat goes. */
  async leave(seat: TestSeat): Promise<void> {
    for (const feature of this.features) await feature.onLeave?.(seat.client);
    this.state.players.delete(seat.sessionId);
    this.seats.delete(seat.sessionId);
  }

  async dispose(): Promise<void> {
    for (const feature of this.features) await feature.onDispose?.();
  }
}

// The page's link to one lounge room: joining, the connection status people see, typed sends, and
// getting back in after a drop: the same seat while the server holds it (retries with backoff and
// jitter), else a new seat with the same name and avatar (the lounge moved, or its process died).
// State changes come out as events; views never touch the SDK. Runs in Node too (tests, bots).
import { Client, CloseCode, type Room } from "@colyseus/sdk";
import type { LoungeState } from "../../shared/state/lounge-state.ts";
import { LeaveCode, clientMessages, isClientMessageType, type ClientMessageInput, type ClientMessageType } from "../../shared/protocol.ts";
import { isErrorPayload, type ErrorPayload } from "../../shared/errors.ts";
import { Emitter } from "./emitter.ts";
import { bindRoomEvents, type LoungeEvents, type ConnectionStatus } from "./room-events.ts";
import { ChatFeed } from "./chat-feed.ts";
import { RetrySchedule, defaultBackoff, type BackoffPolicy } from "./backoff.ts";
import type { ModeratedNotice } from "../../shared/protocol.ts";
import { RoomName } from "../../shared/rooms.ts";
import { afterFailedReconnect, isFinalRefusal } from "./seat-recovery.ts";

export type { ConnectionStatus, LoungeEvents } from "./room-events.ts";

export interface JoinRequest { loungeId: string; name: string; avatar: string; inviteCode?: string }

/** The server refused the join (code from shared/join-errors.ts, or a Colyseus matchmaking code). */
export class JoinRefused extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
    this.name = "JoinRefused";
  }
}

export type LoungeRoom = Room<unknown, LoungeState>;

/** Words for the banner once a kick or ban closed the connection; the page supplies better ones. */
export type RemovalWords = (kind: "kick" | "ban", notice: ModeratedNotice | undefined) => string;

const plainRemovalWords: RemovalWords = (kind) => (kind === "kick"
  ? "A moderator removed you from this lounge. You may join again."
  : "A moderator banned you from this lounge. You cannot come back in while the ban lasts.");

const ATTEMPT_TIMEOUT_MS = 8000;
/** A connection that answers no ping for this long is treated as dropped. */
const PING_EVERY_MS = 5000;
const PING_DEADLINE_MS = 8000;

/** The error payload of a refused request (`room.request` rejects with name "rejected"). */
export function rejectionOf(err: unknown): ErrorPayload | undefined {
  if (err instanceof Error && err.name === "rejected" && "reason" in err && isErrorPayload(err.reason)) return err.reason;
  return undefined;
}

function errorCode(err: unknown): number | undefined {
  if (typeof err === "object" && err !== null && "code" in err && typeof err.code === "number") return err.code;
  return undefined;
}

function withTimeout<T>(p: Promise<T>, ms: number, onLate: (value: T) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => { done = true; reject(new Error("timed out")); }, ms);
    p.then((v) => { if (done) onLate(v); else { done = true; clearTimeout(timer); resolve(v); } },
      (e: unknown) => { if (!done) { done = true; clearTimeout(timer); reject(e); } });
  });
}

/** The browser window, for its online/offline events; none in Node. */
const page = typeof window === "undefined" ? undefined : window;

export class LoungeConnection extends Emitter<LoungeEvents> {
  private readonly client: Client;
  private room: LoungeRoom | undefined;
  private current: ConnectionStatus = { kind: "connecting" };
  private schedule: RetrySchedule | undefined;
  private droppedAt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private lastPong = 0;
  private closed = false;
  private heldWalk = { dx: 0, dy: 0 };
  /** The last notice a moderator's action sent us: a kick or ban says who and why before closing. */
  private lastNotice: ModeratedNotice | undefined;
  /** Everyone shown, across reconnects (a reconnect's fresh state says nothing of who left). */
  private readonly knownPlayers = new Set<string>();
  /** Every chat message shown, across reconnects and seats, so each shows once. */
  private readonly chat = new ChatFeed(this);
  private readonly onOffline = () => this.drop("the browser went offline");
  private readonly onOnline = () => { if (this.current.kind === "reconnecting") this.retryNow(); };
  /** The server said it is shutting down: the coming close means "join again", not "reconnect". */
  private draining = false;
  /** Incremented for each room attached, so late answers for an old one are ignored. */
  generation = 0;

  constructor(endpoint: string, readonly request: JoinRequest, private readonly backoff: BackoffPolicy = defaultBackoff, private readonly removalWords: RemovalWords = plainRemovalWords) {
    super();
    this.client = new Client(endpoint);
    page?.addEventListener("offline", this.onOffline);
    page?.addEventListener("online", this.onOnline);
    this.on("moderated", (n) => { this.lastNotice = n; });
  }

  get status(): ConnectionStatus { return this.current; }
  get sessionId(): string { return this.room?.sessionId ?? ""; }
  get state(): LoungeState | undefined { return this.room?.state; }
  get connected(): boolean { return this.current.kind === "connected"; }

  /** Joins the lounge. Rejects with JoinRefused when the server says no (unknown, full, banned…). */
  async join(): Promise<void> {
    this.setStatus({ kind: "connecting" });
    let room: LoungeRoom;
    try {
      room = await this.takeSeat();
    } catch (err) {
      if (!(err instanceof JoinRefused)) this.setStatus({ kind: "failed", message: "Could not reach the lounge server. Check your connection and try again.", retry: "rejoin" });
      throw err;
    }
    await this.attach(room, true);
  }

  /** A new seat through matchmaking; a refusal (the server said no) rejects with JoinRefused. */
  private async takeSeat(): Promise<LoungeRoom> {
    try {
      return await this.client.joinOrCreate<LoungeState>(RoomName.lounge, { ...this.request });
    } catch (err) {
      const code = errorCode(err);
      if (code !== undefined && code >= 400 && code < 600) throw new JoinRefused(code, (err as Error).message);
      throw err;
    }
  }

  // ---- sending ----

  send<K extends ClientMessageType>(type: K, payload: ClientMessageInput<K>): boolean {
    if (!this.room || !this.connected) return false;
    this.room.send(type, payload);
    return true;
  }

  /**
   * For senders that name the message at run time (the now-playing bar): checked against the
   * protocol table first, so a mistake is caught here rather than refused by the server.
   */
  sendChecked(type: string, payload?: unknown): boolean {
    if (!isClientMessageType(type) || !clientMessages[type].safeParse(payload).success) {
      console.warn(`not sending "${type}": it does not match the protocol`);
      return false;
    }
    if (!this.room || !this.connected) return false;
    this.room.send(type, payload);
    return true;
  }

  /** A request (reply or refusal). Rejects at once when not connected. */
  async ask<K extends ClientMessageType>(type: K, payload: ClientMessageInput<K>): Promise<unknown> {
    if (!this.room || !this.connected) throw new Error("not connected");
    return this.room.request(type, payload);
  }

  /** The held walk direction; resent after a reconnect, since the server stops dropped avatars. */
  walk(dx: number, dy: number): void {
    this.heldWalk = { dx, dy };
    this.send("avatar:walk", { dx, dy });
  }

  // ---- connection lifecycle ----

  private setStatus(status: ConnectionStatus): void {
    this.current = status;
    this.emit("status", status);
  }

  private async attach(room: LoungeRoom, newSeat: boolean): Promise<void> {
    this.room = room;
    const generation = ++this.generation;
    room.reconnection.enabled = false; // reconnection is ours: see drop()
    if (newSeat) this.emit("seat", room.sessionId);
    bindRoomEvents(room, this, this.knownPlayers, this.chat, () => {
      this.setStatus({ kind: "connected" });
      if (this.heldWalk.dx !== 0 || this.heldWalk.dy !== 0) this.send("avatar:walk", this.heldWalk);
    });
    room.onLeave((code) => { if (generation === this.generation) this.onRoomLeft(code); });
    room.onMessage("server:draining", () => { this.draining = true; });
    this.startPinging(room, generation);
  }

  private onRoomLeft(code: number): void {
    this.stopPinging();
    if (this.closed) return;
    if (code === CloseCode.SERVER_SHUTDOWN || this.draining) {
      // The process is shutting down: the seat cannot be reconnected to there. Join again through
      // matchmaking (the lounge opens on another process, with its music and our place kept).
      this.draining = false;
      this.room = undefined;
      this.drop("the server moved the lounge");
      return;
    }
    if (code === LeaveCode.KICKED || code === LeaveCode.BANNED) {
      this.room = undefined;
      const banned = code === LeaveCode.BANNED;
      this.setStatus({ kind: "failed", message: this.removalWords(banned ? "ban" : "kick", this.lastNotice), retry: banned ? "none" : "rejoin" });
      return;
    }
    if (code === CloseCode.CONSENTED) {
      this.room = undefined;
      this.setStatus({ kind: "failed", message: "The lounge closed your seat.", retry: "rejoin" });
      return;
    }
    this.drop(`connection closed (${code})`);
  }

  private startPinging(room: LoungeRoom, generation: number): void {
    this.stopPinging();
    this.lastPong = Date.now();
    this.pingTimer = setInterval(() => {
      if (generation !== this.generation || !this.connected) return;
      if (Date.now() - this.lastPong > PING_DEADLINE_MS) { this.drop("the server stopped answering"); return; }
      room.ping(() => { this.lastPong = Date.now(); });
    }, PING_EVERY_MS);
  }

  private stopPinging(): void {
    clearInterval(this.pingTimer);
    this.pingTimer = undefined;
  }

  /**
   * Treats the connection as lost: lets go of the socket (a dead network may never report it
   * closed) and starts getting the seat back. Also used by the page's "offline" event and tests.
   */
  drop(reason: string): void {
    if (this.closed || this.current.kind === "reconnecting" || this.current.kind === "failed") return;
    const old = this.room;
    this.generation++;
    this.stopPinging();
    if (old) {
      old.removeAllListeners();
      // Any close code but "consented" makes the server hold the seat for a reconnect.
      try { old.connection.close(CloseCode.MAY_TRY_RECONNECT, reason.slice(0, 100)); } catch { /* already closed */ }
    }
    this.droppedAt = Date.now();
    this.schedule = new RetrySchedule(this.backoff, this.droppedAt);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    const next = this.schedule?.next(Date.now());
    if (!next) {
      this.setStatus({ kind: "failed", message: "Lost the connection to the lounge and could not get it back.", retry: "reconnect" });
      return;
    }
    this.setStatus({ kind: "reconnecting", attempt: next.attempt, retryAt: next.at });
    this.retryTimer = setTimeout(() => { void this.attemptReconnect(); }, Math.max(0, next.at - Date.now()));
  }

  private async attemptReconnect(): Promise<void> {
    const token = this.room?.reconnectionToken;
    if (!token) { await this.rejoin(true); return; }
    const generation = this.generation;
    try {
      // An answer that comes after we gave up on it is still our seat: take it if nothing else did.
      const adoptLate = (late: LoungeRoom) => {
        if (!this.closed && generation === this.generation && this.current.kind === "reconnecting") {
          clearTimeout(this.retryTimer);
          void this.attach(late, false);
        } else {
          void late.leave(true);
        }
      };
      const room = await withTimeout(this.client.reconnect<LoungeState>(token), ATTEMPT_TIMEOUT_MS, adoptLate);
      if (this.closed || generation !== this.generation) { void room.leave(true); return; }
      await this.attach(room, false);
    } catch (err) {
      if (this.closed || generation !== this.generation) return;
      if (afterFailedReconnect(errorCode(err), Date.now() - this.droppedAt) === "rejoin") {
        // The seat is gone (the room closed, or its process died and the lounge opens elsewhere):
        // a new one, with the same name and avatar, still shown as reconnecting.
        this.room = undefined;
        await this.rejoin(true);
        return;
      }
      this.scheduleRetry();
    }
  }

  /** Try again now: skips the wait while reconnecting, or does what a failed status offers. */
  retryNow(): void {
    const s = this.current;
    if (s.kind === "reconnecting") {
      clearTimeout(this.retryTimer);
      void this.attemptReconnect();
    } else if (s.kind === "failed" && s.retry === "reconnect") {
      this.droppedAt = Date.now();
      this.schedule = new RetrySchedule(this.backoff, this.droppedAt);
      this.setStatus({ kind: "reconnecting", attempt: 1, retryAt: this.droppedAt });
      void this.attemptReconnect();
    } else if (s.kind === "failed" && s.retry === "rejoin") {
      void this.rejoin();
    }
  }

  /**
   * A new seat with the same name and avatar, when the old one is gone. While `retrying` (the
   * server moved the lounge, or the process hosting it died), the status stays "reconnecting" and
   * a server that cannot seat us yet is tried again on the schedule (backoff with jitter).
   */
  private async rejoin(retrying = false): Promise<void> {
    const generation = ++this.generation;
    if (!retrying || !this.schedule) {
      try {
        await this.join();
      } catch (err) {
        if (err instanceof JoinRefused) this.setStatus({ kind: "failed", message: err.message, retry: "none" });
      }
      return;
    }
    let room: LoungeRoom;
    try {
      room = await this.takeSeat();
    } catch (err) {
      if (this.closed || generation !== this.generation) return;
      if (err instanceof JoinRefused && isFinalRefusal(err.code)) this.setStatus({ kind: "failed", message: err.message, retry: "none" });
      else this.scheduleRetry();
      return;
    }
    if (this.closed || generation !== this.generation) { void room.leave(true); return; }
    await this.attach(room, true);
  }

  async leave(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.stopPinging();
    page?.removeEventListener("offline", this.onOffline);
    page?.removeEventListener("online", this.onOnline);
    const room = this.room;
    this.room = undefined;
    this.clear();
    await room?.leave(true);
  }
}

// Moderation inside a lounge: mute, kick, ban, delete a message, slow mode and roles. Every action
// is authorized here on the server (owner and moderators; roles by the owner only), written to the
// audit table, and told to the person it concerns. Owns players' `role` and `muted` and the
// lounge's `slowModeSeconds`; chat asks `checkChat` (the ChatGate, chat-gate.ts) before accepting
// a message.
import { RoomPlugin, type Client } from "@colyseus/core";
import type { ChatDeleted, ClientMessage, ModeratedNotice, ModerationAck, ModerationChanged } from "../../shared/protocol.ts";
import { LeaveCode } from "../../shared/protocol.ts";
import { canModerate, isRole, outranks, type ModerationAction, type Role } from "../../shared/moderation.ts";
import type { Player } from "../../shared/state/lounge-state.ts";
import { validated, refuse, Refusal } from "../rooms/validated.ts";
import { trackWrite } from "../rooms/context.ts";
import { RateLimiter } from "./rate-limit.ts";
import { ChatGate } from "./chat-gate.ts";
import type { LoungeRoom, LoungeAuth } from "../rooms/lounge-room.ts";
import type { Target } from "../db/moderation.ts";

/** Who is behind a seat, as far as bans and mutes are concerned (kept server-side only). */
interface Person { userId: string | null; guestKey: string }

interface Actor { client: Client; player: Player; role: Role }
interface Subject { sessionId: string; client: Client | undefined; player: Player; person: Person }
/** An authorized moderator acting on someone present who ranks below them. */
interface Action { actor: Actor; subject: Subject }

const OK: ModerationAck = { ok: true };

export class ModerationFeature extends RoomPlugin<LoungeRoom> {
  protected override order = { onCreate: "after", onJoin: "after" } as const;
  private readonly people = new Map<string, Person>();
  /** Seats a moderator removed: their connection closing must not hold the seat for a reconnect. */
  private readonly removed = new Set<string>();
  private gate!: ChatGate;
  private limiter!: RateLimiter;

  protected override messages = {
    "mod:mute": validated("mod:mute", () => this.room.log, (c, m) => this.onMute(c, m)),
    "mod:unmute": validated("mod:unmute", () => this.room.log, (c, m) => this.onUnmute(c, m)),
    "mod:kick": validated("mod:kick", () => this.room.log, (c, m) => this.onKick(c, m)),
    "mod:ban": validated("mod:ban", () => this.room.log, (c, m) => this.onBan(c, m)),
    "mod:delete": validated("mod:delete", () => this.room.log, (c, m) => this.onDelete(c, m)),
    "mod:slow-mode": validated("mod:slow-mode", () => this.room.log, (c, m) => this.onSlowMode(c, m)),
    "mod:role": validated("mod:role", () => this.room.log, (c, m) => this.onRole(c, m)),
  };

  protected override onCreate(): void {
    this.limiter = new RateLimiter({ burst: 10, perSecond: 2 }, () => this.room.clock.currentTime);
    this.gate = new ChatGate(this.room);
  }

  /** Runs after the room placed the player: applies a mute still in force from an earlier visit. */
  protected override async onJoin(client: Client): Promise<void> {
    const auth = client.auth as LoungeAuth;
    const person: Person = { userId: auth.userId, guestKey: auth.guestKey };
    this.people.set(client.sessionId, person);
    const mute = await this.room.ctx.moderation.activeSanction(this.room.loungeId, "mute", person);
    if (mute) this.gate.mute(client.sessionId, mute.expiresAt ? mute.expiresAt.getTime() : null);
  }

  protected override onLeave(client: Client): void {
    this.people.delete(client.sessionId);
    this.removed.delete(client.sessionId);
    this.gate.forget(client.sessionId);
    this.limiter.forget(client.sessionId);
  }

  protected override onDispose(): void {
    this.gate.dispose();
  }

  /** True when a moderator removed this seat (kick or ban): no reconnection for it. */
  isRemoved(sessionId: string): boolean {
    return this.removed.has(sessionId);
  }

  /** The chat gate: refuses a muted person, and paces people in slow mode (see ChatGate). */
  checkChat(client: Client): Refusal | undefined {
    return this.gate.check(client.sessionId);
  }

  /** A role given or taken over HTTP reaches the people already here under that account. */
  applyRole(userId: string, role: Role): void {
    for (const [sessionId, person] of this.people) {
      const player = this.room.state.players.get(sessionId);
      if (person.userId === userId && player && player.role !== "owner") player.role = role;
    }
  }

  private authorize(client: Client, doing: string, ownerOnly = false): Actor | Refusal {
    const player = this.room.state.players.get(client.sessionId);
    if (!player) return refuse("FORBIDDEN", "Join the lounge first.");
    const decision = this.limiter.take(client.sessionId);
    if (!decision.ok) return refuse("RATE_LIMITED", "Too many moderation actions; wait a moment.", { retryInMs: decision.retryInMs });
    const role = this.room.roleOf(client);
    if (ownerOnly ? role !== "owner" : !canModerate(role)) {
      return refuse("FORBIDDEN", ownerOnly ? `Only the lounge's owner can ${doing}.` : `Only the lounge's owner and moderators can ${doing}.`);
    }
    return { client, player, role };
  }

  private subject(actor: Actor, sessionId: string, doing: string): Subject | Refusal {
    const player = this.room.state.players.get(sessionId);
    const person = this.people.get(sessionId);
    if (!player || !person) return refuse("NOT_FOUND", "That person is not in the lounge any more.");
    if (sessionId === actor.client.sessionId) return refuse("FORBIDDEN", `You cannot ${doing} yourself.`);
    if (!outranks(actor.role, this.room.roleOf(sessionId))) {
      return refuse("FORBIDDEN", `You cannot ${doing} the owner or another moderator.`);
    }
    return { sessionId, client: this.room.clients.getById(sessionId), player, person };
  }

  /** Authorizes `client` to act on `sessionId`; `doing` reads "mute people", `verb` "mute". */
  private action(client: Client, doing: string, verb: string, sessionId: string, ownerOnly = false): Action | Refusal {
    const actor = this.authorize(client, doing, ownerOnly);
    if (actor instanceof Refusal) return actor;
    const subject = this.subject(actor, sessionId, verb);
    if (subject instanceof Refusal) return subject;
    return { actor, subject };
  }

  /** Records a mute or ban of the subject, for `minutes` or for good; returns when it ends (epoch ms). */
  private async sanction(kind: "mute" | "ban", { actor, subject }: Action, minutes: number | undefined, reason: string): Promise<number | null> {
    const until = minutes ? Date.now() + minutes * 60_000 : null;
    const { ctx } = this.room;
    await trackWrite(ctx, ctx.moderation.addSanction({
      loungeId: this.room.loungeId, kind, ...this.target(subject), targetName: subject.player.name,
      reason, createdBy: actor.player.userId || null, createdByName: actor.player.name,
      expiresAt: until === null ? null : new Date(until),
    }));
    await this.audit(actor, kind, subject, { minutes: minutes ?? null, reason });
    return until;
  }

  private target(subject: Subject): Target {
    return { userId: subject.person.userId, guestKey: subject.person.guestKey };
  }

  private async audit(actor: Actor, action: ModerationAction, subject: Subject | undefined, detail: Record<string, unknown>): Promise<void> {
    const { ctx } = this.room;
    await trackWrite(ctx, ctx.moderation.audit({
      loungeId: this.room.loungeId, action, actorUserId: actor.player.userId || null, actorName: actor.player.name,
      targetUserId: subject?.person.userId ?? null, targetName: subject?.player.name ?? null, detail,
    }));
    this.room.log.info({ action, by: actor.client.sessionId, target: subject?.sessionId, ...detail }, "moderation");
    this.tellModerators(action);
  }

  /** Lets the owner and moderators present know "Manage lounge" changed (bans, members, the log). */
  tellModerators(action: ModerationAction): void {
    const changed: ModerationChanged = { action };
    for (const client of this.room.clients) {
      if (canModerate(this.room.roleOf(client))) client.send("moderation:changed", changed);
    }
  }

  private notify(subject: Subject, notice: ModeratedNotice): void {
    subject.client?.send("moderated", notice);
  }

  async onMute(client: Client, msg: ClientMessage<"mod:mute">): Promise<ModerationAck | Refusal> {
    const act = this.action(client, "mute people", "mute", msg.sessionId);
    if (act instanceof Refusal) return act;
    // A new mute replaces the one in force, so its length is the one just chosen.
    await trackWrite(this.room.ctx, this.room.ctx.moderation.lift(this.room.loungeId, "mute", this.target(act.subject)));
    const until = await this.sanction("mute", act, msg.minutes, msg.reason ?? "");
    this.gate.mute(act.subject.sessionId, until);
    this.notify(act.subject, { action: "mute", by: act.actor.player.name, reason: msg.reason ?? "", until });
    return OK;
  }

  async onUnmute(client: Client, msg: ClientMessage<"mod:unmute">): Promise<ModerationAck | Refusal> {
    const act = this.action(client, "unmute people", "unmute", msg.sessionId);
    if (act instanceof Refusal) return act;
    await trackWrite(this.room.ctx, this.room.ctx.moderation.lift(this.room.loungeId, "mute", this.target(act.subject)));
    this.gate.unmute(act.subject.sessionId);
    await this.audit(act.actor, "unmute", act.subject, {});
    this.notify(act.subject, { action: "unmute", by: act.actor.player.name, reason: "", until: null });
    return OK;
  }

  async onKick(client: Client, msg: ClientMessage<"mod:kick">): Promise<ModerationAck | Refusal> {
    const act = this.action(client, "remove people", "remove", msg.sessionId);
    if (act instanceof Refusal) return act;
    await this.audit(act.actor, "kick", act.subject, { reason: msg.reason ?? "" });
    this.remove(act.subject, LeaveCode.KICKED, { action: "kick", by: act.actor.player.name, reason: msg.reason ?? "", until: null });
    return OK;
  }

  async onBan(client: Client, msg: ClientMessage<"mod:ban">): Promise<ModerationAck | Refusal> {
    const act = this.action(client, "ban people", "ban", msg.sessionId);
    if (act instanceof Refusal) return act;
    const until = await this.sanction("ban", act, msg.minutes, msg.reason ?? "");
    this.remove(act.subject, LeaveCode.BANNED, { action: "ban", by: act.actor.player.name, reason: msg.reason ?? "", until });
    return OK;
  }

  /** Tells the person, then closes their connection with a code the SDK does not reconnect on. */
  private remove(subject: Subject, code: number, notice: ModeratedNotice): void {
    this.removed.add(subject.sessionId);
    this.notify(subject, notice);
    subject.client?.leave(code, notice.reason || notice.action);
  }

  async onDelete(client: Client, msg: ClientMessage<"mod:delete">): Promise<ModerationAck | Refusal> {
    const actor = this.authorize(client, "delete messages");
    if (actor instanceof Refusal) return actor;
    const { ctx } = this.room;
    const row = await trackWrite(ctx, ctx.chat.markDeleted(this.room.loungeId, msg.messageId));
    const chat = this.room.state.chat;
    const index = chat.findIndex((m) => m.id === msg.messageId);
    if (index >= 0) chat.splice(index, 1);
    if (!row && index < 0) return refuse("NOT_FOUND", "No such message in this lounge (or it was already deleted).");
    const deleted: ChatDeleted = { messageId: msg.messageId };
    this.room.broadcast("chat:deleted", deleted);
    await this.audit(actor, "delete-message", undefined, {
      messageId: msg.messageId, author: row?.authorName ?? null, authorUserId: row?.authorUserId ?? null, text: row?.text.slice(0, 500) ?? null,
    });
    return OK;
  }

  async onSlowMode(client: Client, msg: ClientMessage<"mod:slow-mode">): Promise<ModerationAck | Refusal> {
    const actor = this.authorize(client, "change slow mode");
    if (actor instanceof Refusal) return actor;
    await trackWrite(this.room.ctx, this.room.ctx.lounges.setSlowMode(this.room.loungeId, msg.seconds));
    this.room.state.lounge.slowModeSeconds = msg.seconds;
    if (msg.seconds === 0) this.gate.slowModeOff();
    await this.audit(actor, "slow-mode", undefined, { seconds: msg.seconds });
    return OK;
  }

  async onRole(client: Client, msg: ClientMessage<"mod:role">): Promise<ModerationAck | Refusal> {
    const act = this.action(client, "give roles", "change the role of", msg.sessionId, true);
    if (act instanceof Refusal) return act;
    const { actor, subject } = act;
    const userId = subject.person.userId;
    if (!userId) return refuse("FORBIDDEN", "Only signed-in people can have a role here; ask them to sign in first.");
    const { ctx } = this.room;
    if (msg.role === "guest") await trackWrite(ctx, ctx.members.remove(this.room.loungeId, userId));
    else await trackWrite(ctx, ctx.members.setRole(this.room.loungeId, userId, msg.role));
    this.applyRole(userId, msg.role);
    await this.audit(actor, msg.role === "guest" ? "remove-member" : "set-role", subject, { role: msg.role });
    return OK;
  }
}

/** The role on a player's state, read defensively (the schema field is a plain string). */
export function roleOfPlayer(player: Player | undefined): Role {
  return player && isRole(player.role) ? player.role : "guest";
}

// Moderation inside a lounge: mute, kick, ban, delete a message, slow mode and roles. Every action
// is authorized here on the server (owner and moderators; roles by the owner only), written to the
// audit table, and told to the person it concerns. Owns players' `role` and `muted` and the
// lounge's `slowModeSeconds`. Its chat gate (chat-gate.ts) is added to the host's chat guards, so
// chat asks it without knowing moderation exists.
import type { Client } from "@colyseus/core";
import type { z } from "zod";
import { LeaveCode } from "../../shared/protocol.ts";
import type { ChatDeleted } from "../../shared/features/chat.ts";
import { moderationMessages, type ModeratedNotice, type ModerationAck } from "../../shared/features/moderation.ts";
import { canModerate, outranks, type ModerationAction, type Role } from "../../shared/moderation.ts";
import type { Player } from "../../shared/state/lounge-state.ts";
import { refuse, Refusal } from "../rooms/refusal.ts";
import { LoungeFeature } from "../rooms/feature.ts";
import type { SeatAuth } from "../rooms/seat.ts";
import { RateLimiter } from "./rate-limit.ts";
import { ChatGate } from "./chat-gate.ts";
import type { Target } from "../db/moderation.ts";

type Msg<K extends keyof typeof moderationMessages> = z.output<(typeof moderationMessages)[K]>;

/** Who is behind a seat, as far as bans and mutes are concerned (kept server-side only). */
interface Person { userId: string | null; guestKey: string; address: string | null }

interface Actor { client: Client; player: Player; role: Role }
interface Subject { sessionId: string; client: Client | undefined; player: Player; person: Person }
/** An authorized moderator acting on someone present who ranks below them. */
interface Action { actor: Actor; subject: Subject }

const OK: ModerationAck = { ok: true };

export class ModerationFeature extends LoungeFeature {
  private readonly people = new Map<string, Person>();
  private readonly limiter = new RateLimiter({ burst: 10, perSecond: 2 }, () => this.host.clock.now());
  private gate!: ChatGate;

  /** Every action is for the owner and moderators ("mod:role" for the owner alone), checked here. */
  protected override messages = this.handlers(moderationMessages, {
    "mod:mute": this.rule("mute people", (c, m) => this.onMute(c, m)),
    "mod:unmute": this.rule("unmute people", (c, m) => this.onUnmute(c, m)),
    "mod:kick": this.rule("remove people", (c, m) => this.onKick(c, m)),
    "mod:ban": this.rule("ban people", (c, m) => this.onBan(c, m)),
    "mod:delete": this.rule("delete messages", (c, m) => this.onDelete(c, m)),
    "mod:slow-mode": this.rule("change slow mode", (c, m) => this.onSlowMode(c, m)),
    "mod:role": this.rule("give roles", (c, m) => this.onRole(c, m), true),
  });

  private rule<M>(doing: string, handle: (client: Client, msg: M) => unknown, ownerOnly = false) {
    return {
      who: ownerOnly ? (role: Role) => role === "owner" : canModerate,
      denied: ownerOnly ? `Only the lounge's owner can ${doing}.` : `Only the lounge's owner and moderators can ${doing}.`,
      limit: this.limiter,
      limited: "Too many moderation actions; wait a moment.",
      handle,
    };
  }

  protected override onCreate(): void {
    this.gate = new ChatGate(this.host);
    this.host.chatGuards.add((sessionId) => this.gate.check(sessionId));
  }

  /** Runs after the room seated the player: applies a mute still in force from an earlier visit. */
  protected override async onJoin(client: Client): Promise<void> {
    const auth = client.auth as SeatAuth;
    const person: Person = { userId: auth.userId, guestKey: auth.guestKey, address: auth.address };
    this.people.set(client.sessionId, person);
    const mute = await this.host.services.moderation.activeSanction(this.host.loungeId, "mute", person);
    if (mute) this.gate.mute(client.sessionId, mute.expiresAt ? mute.expiresAt.getTime() : null);
  }

  protected override onLeave(client: Client): void {
    this.people.delete(client.sessionId);
    this.gate.forget(client.sessionId);
    this.limiter.forget(client.sessionId);
  }

  protected override onDispose(): void {
    this.gate.dispose();
  }

  /** The acting moderator, whom the message rule has already authorized. */
  private actor(client: Client): Actor | Refusal {
    const player = this.host.player(client.sessionId);
    if (!player) return refuse("FORBIDDEN", "Join the lounge first.");
    return { client, player, role: this.host.roleOf(client.sessionId) };
  }

  private subject(actor: Actor, sessionId: string, doing: string): Subject | Refusal {
    const player = this.host.player(sessionId);
    const person = this.people.get(sessionId);
    if (!player || !person) return refuse("NOT_FOUND", "That person is not in the lounge any more.");
    if (sessionId === actor.client.sessionId) return refuse("FORBIDDEN", `You cannot ${doing} yourself.`);
    if (!outranks(actor.role, this.host.roleOf(sessionId))) {
      return refuse("FORBIDDEN", `You cannot ${doing} the owner or another moderator.`);
    }
    return { sessionId, client: this.host.clients.getById(sessionId), player, person };
  }

  /** The moderator `client` acting on `sessionId`, who must rank below them; `verb` reads "mute". */
  private action(client: Client, verb: string, sessionId: string): Action | Refusal {
    const actor = this.actor(client);
    if (actor instanceof Refusal) return actor;
    const subject = this.subject(actor, sessionId, verb);
    if (subject instanceof Refusal) return subject;
    return { actor, subject };
  }

  /** Records a mute or ban of the subject, for `minutes` or for good; returns when it ends (epoch ms). */
  private async sanction(kind: "mute" | "ban", { actor, subject }: Action, minutes: number | undefined, reason: string): Promise<number | null> {
    const until = minutes ? this.host.clock.now() + minutes * 60_000 : null;
    await this.host.write(this.host.services.moderation.addSanction({
      loungeId: this.host.loungeId, kind, ...this.target(subject), targetName: subject.player.name,
      // A banned guest's address keeps other guests from it out too (BAN_GUESTS_BY_ADDRESS).
      address: kind === "ban" && !subject.person.userId && this.host.services.config.BAN_GUESTS_BY_ADDRESS ? subject.person.address : null,
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
    await this.host.audit.record({
      action, actorUserId: actor.player.userId || null, actorName: actor.player.name,
      targetUserId: subject?.person.userId ?? null, targetName: subject?.player.name ?? null, detail,
    });
    this.host.log.info({ action, by: actor.client.sessionId, target: subject?.sessionId, ...detail }, "moderation");
  }

  private notify(subject: Subject, notice: ModeratedNotice): void {
    subject.client?.send("moderated", notice);
  }

  async onMute(client: Client, msg: Msg<"mod:mute">): Promise<ModerationAck | Refusal> {
    const act = this.action(client, "mute", msg.sessionId);
    if (act instanceof Refusal) return act;
    // A new mute replaces the one in force, so its length is the one just chosen.
    await this.host.write(this.host.services.moderation.lift(this.host.loungeId, "mute", this.target(act.subject)));
    const until = await this.sanction("mute", act, msg.minutes, msg.reason ?? "");
    this.gate.mute(act.subject.sessionId, until);
    this.notify(act.subject, { action: "mute", by: act.actor.player.name, reason: msg.reason ?? "", until });
    return OK;
  }

  async onUnmute(client: Client, msg: Msg<"mod:unmute">): Promise<ModerationAck | Refusal> {
    const act = this.action(client, "unmute", msg.sessionId);
    if (act instanceof Refusal) return act;
    await this.host.write(this.host.services.moderation.lift(this.host.loungeId, "mute", this.target(act.subject)));
    this.gate.unmute(act.subject.sessionId);
    await this.audit(act.actor, "unmute", act.subject, {});
    this.notify(act.subject, { action: "unmute", by: act.actor.player.name, reason: "", until: null });
    return OK;
  }

  async onKick(client: Client, msg: Msg<"mod:kick">): Promise<ModerationAck | Refusal> {
    const act = this.action(client, "remove", msg.sessionId);
    if (act instanceof Refusal) return act;
    await this.audit(act.actor, "kick", act.subject, { reason: msg.reason ?? "" });
    this.remove(act.subject, LeaveCode.KICKED, { action: "kick", by: act.actor.player.name, reason: msg.reason ?? "", until: null });
    return OK;
  }

  async onBan(client: Client, msg: Msg<"mod:ban">): Promise<ModerationAck | Refusal> {
    const act = this.action(client, "ban", msg.sessionId);
    if (act instanceof Refusal) return act;
    const until = await this.sanction("ban", act, msg.minutes, msg.reason ?? "");
    this.remove(act.subject, LeaveCode.BANNED, { action: "ban", by: act.actor.player.name, reason: msg.reason ?? "", until });
    return OK;
  }

  /** Tells the person, then closes their connection with a code the SDK does not reconnect on. */
  private remove(subject: Subject, code: number, notice: ModeratedNotice): void {
    this.notify(subject, notice);
    this.host.release(subject.sessionId, code, notice.reason || notice.action);
  }

  async onDelete(client: Client, msg: Msg<"mod:delete">): Promise<ModerationAck | Refusal> {
    const actor = this.actor(client);
    if (actor instanceof Refusal) return actor;
    const row = await this.host.write(this.host.services.chat.markDeleted(this.host.loungeId, msg.messageId));
    // Out of the recent window too, so joiners and reconnecting people are not sent it again.
    const wasRecent = this.host.recentChat.remove(msg.messageId);
    if (!row && !wasRecent) return refuse("NOT_FOUND", "No such message in this lounge (or it was already deleted).");
    const deleted: ChatDeleted = { messageId: msg.messageId };
    this.host.broadcast("chat:deleted", deleted);
    await this.audit(actor, "delete-message", undefined, {
      messageId: msg.messageId, author: row?.authorName ?? null, authorUserId: row?.authorUserId ?? null, text: row?.text.slice(0, 500) ?? null,
    });
    return OK;
  }

  async onSlowMode(client: Client, msg: Msg<"mod:slow-mode">): Promise<ModerationAck | Refusal> {
    const actor = this.actor(client);
    if (actor instanceof Refusal) return actor;
    await this.host.write(this.host.services.lounges.setSlowMode(this.host.loungeId, msg.seconds));
    this.host.state.lounge.slowModeSeconds = msg.seconds;
    if (msg.seconds === 0) this.gate.slowModeOff();
    await this.audit(actor, "slow-mode", undefined, { seconds: msg.seconds });
    return OK;
  }

  async onRole(client: Client, msg: Msg<"mod:role">): Promise<ModerationAck | Refusal> {
    const act = this.action(client, "change the role of", msg.sessionId);
    if (act instanceof Refusal) return act;
    const { actor, subject } = act;
    const userId = subject.person.userId;
    if (!userId) return refuse("FORBIDDEN", "Only signed-in people can have a role here; ask them to sign in first.");
    const { members } = this.host.services;
    if (msg.role === "guest") await this.host.write(members.remove(this.host.loungeId, userId));
    else await this.host.write(members.setRole(this.host.loungeId, userId, msg.role));
    for (const player of this.host.state.players.values()) {
      if (player.userId === userId && player.role !== "owner") player.role = msg.role;
    }
    await this.audit(actor, msg.role === "guest" ? "remove-member" : "set-role", subject, { role: msg.role });
    return OK;
  }
}

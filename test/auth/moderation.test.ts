import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { matchMaker } from "@colyseus/core";
import { ColyseusSDK } from "@colyseus/sdk";
import type { LoungeState } from "../../shared/state/lounge-state.ts";
import { testServer } from "../support/server.ts";
import { leaveAll, type LoungeClient } from "../support/lounges.ts";
import { api, joinWith, leaveCode, register, type Account } from "../support/accounts.ts";
import { nextMessage, waitFor, refusal } from "../support/wait.ts";
import { chatOf } from "../support/chat-log.ts";
import { chatMessages, moderationAudit } from "../../server/db/schema.ts";
import { JoinErrorCode } from "../../shared/join-errors.ts";
import { LeaveCode, type ChatAck, type ChatDeleted, type ModeratedNotice, type ModerationChanged } from "../../shared/protocol.ts";
import type { AuditEntryDto, BanDto } from "../../shared/moderation.ts";

type JoinError = Error & { code?: number };


async function auditActions(loungeId: string): Promise<string[]> {
  const { lounge } = await testServer();
  const rows = await lounge.database.db.select().from(moderationAudit).where(eq(moderationAudit.loungeId, loungeId)).orderBy(moderationAudit.id);
  return rows.map((r) => r.action);
}

describe("moderation in a lounge", () => {
  let owner: Account;
  let loungeId: string;
  let o: LoungeClient;
  const open: LoungeClient[] = [];
  const track = (c: LoungeClient) => { open.push(c); return c; };
  const guest = (name: string, guestToken?: string) => joinWith(loungeId, {}, { name, avatar: "cat", guestToken }).then(track);

  beforeEach(async () => {
    owner = await register({ displayName: "Owner" });
    const res = await api("/api/lounges", { json: { name: "Moderated" }, cookie: owner.cookie });
    loungeId = res.body.id;
    o = track(await joinWith(loungeId, { cookie: owner.cookie }));
  });
  afterEach(() => leaveAll(...open.splice(0)));

  it("refuses every moderation action from a guest and changes nothing", async () => {
    const g = await guest("Troll");
    const ack = await o.request<unknown, ChatAck>("chat:send", { text: "hello", nonce: "h" });
    await waitFor(() => chatOf(g).messages.length === 1);
    // Chat comes at once, not with a patch: wait for the patch that shows the guest to the owner.
    await waitFor(() => o.state.players.has(g.sessionId), { what: "the owner to see the guest" });
    const before = JSON.stringify(o.state.toJSON());
    const attempts: Array<[string, unknown]> = [
      ["mod:mute", { sessionId: o.sessionId }], ["mod:unmute", { sessionId: o.sessionId }],
      ["mod:kick", { sessionId: o.sessionId }], ["mod:ban", { sessionId: o.sessionId }],
      ["mod:delete", { messageId: ack.id }], ["mod:slow-mode", { seconds: 30 }],
      ["mod:role", { sessionId: g.sessionId, role: "moderator" }],
    ];
    for (const [type, payload] of attempts) {
      const err = await refusal(g.request(type, payload));
      assert.equal(err.code, "FORBIDDEN", type);
      assert.match(err.message, /owner/);
    }
    await o.request("clock:ping", { t0: 0 });
    assert.equal(JSON.stringify(o.state.toJSON()), before);
    assert.deepEqual([chatOf(g).deleted, chatOf(o).deleted], [[], []], "no message was deleted");
    assert.deepEqual((await api(`/api/lounges/${loungeId}/messages`)).body.messages.map((m: { id: number }) => m.id), [ack.id]);
    assert.deepEqual(await auditActions(loungeId), []);
  });

  it("mutes: chat is refused with MUTED until unmuted, and the mute outlasts a rejoin", async () => {
    const member = await register({ displayName: "Chatty" });
    const m = track(await joinWith(loungeId, { cookie: member.cookie }));
    const notice = nextMessage<ModeratedNotice>(m, "moderated");
    await o.request("mod:mute", { sessionId: m.sessionId, minutes: 10, reason: "spam" });
    assert.equal((await notice).action, "mute");
    assert.ok(((await notice).until ?? 0) > Date.now() + 9 * 60_000);
    await waitFor(() => m.state.players.get(m.sessionId)?.muted === true, { what: "muted in state" });
    const err = await refusal(m.request("chat:send", { text: "let me talk", nonce: "x" }));
    assert.equal(err.code, "MUTED");
    assert.match(err.message, /muted you; you can chat again in 10 min/);
    await leaveAll(m);
    const again = track(await joinWith(loungeId, { cookie: member.cookie }));
    await waitFor(() => again.state.players.get(again.sessionId)?.muted === true, { what: "still muted after rejoining" });
    assert.equal((await refusal(again.request("chat:send", { text: "now?", nonce: "y" }))).code, "MUTED");
    await o.request("mod:unmute", { sessionId: again.sessionId });
    await waitFor(() => again.state.players.get(again.sessionId)?.muted === false);
    const ack = await again.request<unknown, ChatAck>("chat:send", { text: "thanks", nonce: "z" });
    assert.ok(ack.id > 0);
    assert.deepEqual(await auditActions(loungeId), ["mute", "unmute"]);
  });

  it("kicks: the person is told, disconnected with KICKED, and may come back", async () => {
    const g = await guest("Loud");
    const seen = track(await guest("Watcher"));
    const notice = nextMessage<ModeratedNotice>(g, "moderated");
    const closed = leaveCode(g);
    await o.request("mod:kick", { sessionId: g.sessionId, reason: "too loud" });
    assert.deepEqual(await notice, { action: "kick", by: "Owner", reason: "too loud", until: null });
    assert.equal(await closed, LeaveCode.KICKED);
    await waitFor(() => !seen.state.players.has(g.sessionId), { what: "the seat to go at once, not held for a reconnect" });
    const back = await guest("Loud");
    assert.ok(back.state.players.has(back.sessionId));
  });

  it("kicks someone whose connection is down: their reconnect is refused with KICKED", async () => {
    const g = await guest("Flaky");
    g.reconnection.minUptime = 0;
    g.reconnection.minDelay = 1000; // away for a whole second: the kick comes while the seat is held
    const serverSide = matchMaker.getLocalRoomById(loungeId)?.clients.getById(g.sessionId);
    assert.ok(serverSide);
    (serverSide.ref as unknown as { terminate(): void }).terminate();
    await waitFor(() => o.state.players.get(g.sessionId)?.connected === false, { what: "the seat to be held" });
    const closed = leaveCode(g, 8000);
    await o.request("mod:kick", { sessionId: g.sessionId });
    assert.equal(await closed, LeaveCode.KICKED);
    await waitFor(() => !o.state.players.has(g.sessionId), { what: "the held seat to go" });
  });

  it("bans a signed-in user: rejoining is refused with BANNED, even as a guest from the same browser, until unbanned", async () => {
    const member = await register({ displayName: "Banned Bob" });
    const guestToken = "guest-token-of-bobs-browser";
    const m = track(await joinWith(loungeId, { cookie: `${member.cookie}; chill_guest=${guestToken}` }));
    const closed = leaveCode(m);
    await o.request("mod:ban", { sessionId: m.sessionId, reason: "rude" });
    assert.equal(await closed, LeaveCode.BANNED);
    await assert.rejects(joinWith(loungeId, { cookie: member.cookie }), (err: JoinError) => {
      assert.equal(err.code, JoinErrorCode.BANNED);
      assert.match(err.message, /banned from "Moderated": rude/);
      return true;
    });
    await assert.rejects(joinWith(loungeId, { cookie: `chill_guest=${guestToken}` }, { name: "Not Bob", avatar: "fox" }),
      (err: JoinError) => { assert.equal(err.code, JoinErrorCode.BANNED); return true; });
    const bans = await api(`/api/lounges/${loungeId}/bans`, { cookie: owner.cookie });
    assert.deepEqual(bans.body.bans.map((b: BanDto) => [b.userId, b.name, b.reason, b.by]), [[member.user.id, "Banned Bob", "rude", "Owner"]]);
    assert.equal((await api(`/api/lounges/${loungeId}/bans/${bans.body.bans[0].id}`, { method: "DELETE", cookie: member.cookie })).status, 403);
    const lift = await api(`/api/lounges/${loungeId}/bans/${bans.body.bans[0].id}`, { method: "DELETE", cookie: owner.cookie });
    assert.equal(lift.status, 204);
    track(await joinWith(loungeId, { cookie: member.cookie }));
  });

  it("bans a guest by guest session: the same guest token is refused, another guest is not", async () => {
    const g = await guest("Anon", "anon-guest-token");
    const closed = leaveCode(g);
    await o.request("mod:ban", { sessionId: g.sessionId, minutes: 60 });
    assert.equal(await closed, LeaveCode.BANNED);
    await assert.rejects(guest("Anon again", "anon-guest-token"), (err: JoinError) => {
      assert.equal(err.code, JoinErrorCode.BANNED);
      assert.match(err.message, /until \d{4}-/);
      return true;
    });
    await guest("Someone new", "another-guest-token");
  });

  it("bans a guest by address too: a new guest token from there is refused; another address, or signing in there, is not", async () => {
    const { baseUrl } = await testServer();
    const from = (ip: string, cookie?: string) => new ColyseusSDK(baseUrl, { headers: { "x-forwarded-for": ip, ...(cookie ? { cookie } : {}) } });
    const g = track(await from("203.0.113.66").joinOrCreate<LoungeState>("lounge", { loungeId, name: "Pest", avatar: "cat", guestToken: "pest-token-1" }) as LoungeClient);
    g.onMessage("*", () => {});
    const closed = leaveCode(g);
    await o.request("mod:ban", { sessionId: g.sessionId });
    assert.equal(await closed, LeaveCode.BANNED);
    await assert.rejects(from("203.0.113.66").joinOrCreate("lounge", { loungeId, name: "Pest again", avatar: "cat", guestToken: "pest-token-2" }),
      (err: JoinError) => err.code === JoinErrorCode.BANNED);
    // Claiming another address in a header no trusted proxy set changes nothing.
    const forged = new ColyseusSDK(baseUrl, { headers: { "x-forwarded-for": "203.0.113.66", "x-real-ip": "192.0.2.200", "x-client-ip": "192.0.2.201" } });
    await assert.rejects(forged.joinOrCreate("lounge", { loungeId, name: "Pest in disguise", avatar: "cat", guestToken: "pest-token-4" }),
      (err: JoinError) => err.code === JoinErrorCode.BANNED);
    const elsewhere = await from("198.51.100.23").joinOrCreate("lounge", { loungeId, name: "Neighbour", avatar: "owl", guestToken: "pest-token-3" });
    elsewhere.onMessage("*", () => {});
    track(elsewhere as LoungeClient);
    const member = await register({ displayName: "Same cafe" });
    const signedIn = await from("203.0.113.66", member.cookie).joinOrCreate("lounge", { loungeId });
    signedIn.onMessage("*", () => {});
    track(signedIn as LoungeClient);
  });

  it("deletes a message: gone for everyone and from the recent chat, marked deleted in the database, hidden from history", async () => {
    const g = await guest("Poster");
    const keep = await g.request<unknown, ChatAck>("chat:send", { text: "fine message", nonce: "a" });
    const bad = await g.request<unknown, ChatAck>("chat:send", { text: "awful message", nonce: "b" });
    await waitFor(() => chatOf(o).messages.length === 2);
    // Everyone is told which message went, by id.
    const told = nextMessage<ChatDeleted>(g, "chat:deleted");
    await o.request("mod:delete", { messageId: bad.id });
    assert.deepEqual(await told, { messageId: bad.id });
    assert.deepEqual(chatOf(g).messages.map((m) => m.id), [keep.id]);
    // Nor does anyone joining later get it with the recent chat.
    const late = await guest("Late");
    await waitFor(() => chatOf(late).windows.length === 1, { what: "the joiner's recent chat" });
    assert.deepEqual(chatOf(late).recent.map((m) => m.id), [keep.id]);
    const { lounge } = await testServer();
    const [row] = await lounge.database.db.select().from(chatMessages).where(eq(chatMessages.id, bad.id));
    assert.ok(row.deletedAt instanceof Date);
    const history = await api(`/api/lounges/${loungeId}/messages`);
    assert.deepEqual(history.body.messages.map((m: { id: number }) => m.id), [keep.id]);
    assert.equal((await refusal(o.request("mod:delete", { messageId: bad.id }))).code, "NOT_FOUND");
    const audit = await api(`/api/lounges/${loungeId}/audit`, { cookie: owner.cookie });
    const entry = audit.body.entries.find((e: AuditEntryDto) => e.action === "delete-message");
    assert.equal(entry.detail.text, "awful message");
    assert.equal(entry.actorUserId, owner.user.id);
  });

  it("tells the owner and moderators present that the moderation lists changed, and nobody else", async () => {
    const g = await guest("Bystander");
    const target = await guest("Target", "target-guest-token");
    let guestHeard = 0;
    g.onMessage("moderation:changed", () => { guestHeard++; });
    const ownerHears = (action: string) => new Promise<void>((resolve) => {
      const off = o.onMessage("moderation:changed", (p: ModerationChanged) => { if (p.action === action) { off(); resolve(); } });
    });
    const banned = ownerHears("ban");
    await o.request("mod:ban", { sessionId: target.sessionId });
    await banned;
    // Lifted over HTTP (from any process): the room hears of it too.
    const bans = await api(`/api/lounges/${loungeId}/bans`, { cookie: owner.cookie });
    const unbanned = ownerHears("unban");
    assert.equal((await api(`/api/lounges/${loungeId}/bans/${bans.body.bans[0].id}`, { method: "DELETE", cookie: owner.cookie })).status, 204);
    await unbanned;
    await o.request("clock:ping", { t0: 0 });
    await g.request("clock:ping", { t0: 0 });
    assert.equal(guestHeard, 0, "a guest is not told");
  });

  it("slow mode: a second message too soon is refused with SLOW_MODE; the owner is exempt", async () => {
    const g = await guest("Speedy");
    await o.request("mod:slow-mode", { seconds: 30 });
    await waitFor(() => g.state.lounge.slowModeSeconds === 30);
    await g.request("chat:send", { text: "one", nonce: "1" });
    const err = await refusal(g.request("chat:send", { text: "two", nonce: "2" }));
    assert.equal(err.code, "SLOW_MODE");
    assert.ok((err.retryInMs ?? 0) > 25_000 && (err.retryInMs ?? 0) <= 30_000);
    await o.request("chat:send", { text: "owner one", nonce: "3" });
    await o.request("chat:send", { text: "owner two", nonce: "4" });
    const res = await api(`/api/lounges/${loungeId}`);
    assert.equal(res.body.slowModeSeconds, 30, "kept on the lounge record");
    await o.request("mod:slow-mode", { seconds: 0 });
    await g.request("chat:send", { text: "free again", nonce: "5" });
  });

  it("roles: the owner makes a moderator, who may mute guests but not the owner or other moderators", async () => {
    const modAcct = await register({ displayName: "Mod" });
    const mod = track(await joinWith(loungeId, { cookie: modAcct.cookie }));
    const g = await guest("Guest");
    assert.equal((await refusal(o.request("mod:role", { sessionId: g.sessionId, role: "moderator" }))).message, "Only signed-in people can have a role here; ask them to sign in first.");
    await o.request("mod:role", { sessionId: mod.sessionId, role: "moderator" });
    await waitFor(() => g.state.players.get(mod.sessionId)?.role === "moderator", { what: "everyone to see the new role" });
    await mod.request("mod:mute", { sessionId: g.sessionId });
    await waitFor(() => o.state.players.get(g.sessionId)?.muted === true);
    const up = await refusal(mod.request("mod:kick", { sessionId: o.sessionId }));
    assert.equal(up.code, "FORBIDDEN");
    assert.match(up.message, /owner or another moderator/);
    assert.equal((await refusal(mod.request("mod:role", { sessionId: g.sessionId, role: "member" }))).code, "FORBIDDEN");
    const members = await api(`/api/lounges/${loungeId}/members`, { cookie: modAcct.cookie });
    assert.deepEqual(members.body.members.map((m: { role: string }) => m.role), ["owner", "moderator"]);
    // Taken away over HTTP, the open room follows.
    const del = await api(`/api/lounges/${loungeId}/members/${modAcct.user.id}`, { method: "DELETE", cookie: owner.cookie });
    assert.equal(del.status, 204);
    await waitFor(() => o.state.players.get(mod.sessionId)?.role === "guest", { what: "the role to go in the open room" });
    assert.equal((await refusal(mod.request("mod:unmute", { sessionId: g.sessionId }))).code, "FORBIDDEN");
    assert.deepEqual(await auditActions(loungeId), ["set-role", "mute", "remove-member"]);
    const log = await api(`/api/lounges/${loungeId}/audit`, { cookie: owner.cookie });
    const removal = log.body.entries.find((e: AuditEntryDto) => e.action === "remove-member");
    assert.equal(removal?.targetName, modAcct.user.displayName, "the log names who was removed");
  });

  it("keeps the audit log for the owner and moderators only", async () => {
    const g = await guest("X");
    await o.request("mod:kick", { sessionId: g.sessionId });
    const stranger = await register();
    assert.equal((await api(`/api/lounges/${loungeId}/audit`)).status, 401);
    assert.equal((await api(`/api/lounges/${loungeId}/audit`, { cookie: stranger.cookie })).status, 403);
    const log = await api(`/api/lounges/${loungeId}/audit`, { cookie: owner.cookie });
    assert.deepEqual(log.body.entries.map((e: AuditEntryDto) => [e.action, e.actorName, e.targetName]), [["kick", "Owner", "X"]]);
  });
});

import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import type { EventEmitter } from "node:events";
import { matchMaker } from "@colyseus/core";
import { ColyseusSDK } from "@colyseus/sdk";
import { testServer } from "../support/server.ts";
import { waitFor } from "../support/wait.ts";
import { join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import { api, joinWith, register, type Account } from "../support/accounts.ts";
import { loungeInvites, sessions } from "../../server/db/schema.ts";
import { JoinErrorCode } from "../../shared/join-errors.ts";
import type { LoungeDto } from "../../shared/api.ts";
import type { InviteDto } from "../../shared/moderation.ts";
import { PROFILE_CHANGED } from "../../server/auth/accounts.ts";

type JoinError = Error & { code?: number };

function refusedWith(code: number, pattern?: RegExp) {
  return (err: JoinError) => {
    assert.equal(err.code, code, err.message);
    if (pattern) assert.match(err.message, pattern);
    return true;
  };
}

async function createLoungeAs(owner: Account | null, body: Record<string, unknown> = {}): Promise<LoungeDto> {
  const res = await api("/api/lounges", { json: { name: "Somewhere", ...body }, cookie: owner?.cookie });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function invite(owner: Account, loungeId: string, body: Record<string, unknown> = {}): Promise<InviteDto> {
  const res = await api(`/api/lounges/${loungeId}/invites`, { json: body, cookie: owner.cookie });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

describe("joining a lounge signed in", () => {
  const open: LoungeClient[] = [];
  afterEach(() => leaveAll(...open.splice(0)));
  const track = (c: LoungeClient) => { open.push(c); return c; };

  it("takes name and avatar from the profile, by cookie, bearer token or sessionToken option", async () => {
    const acct = await register({ displayName: "Profile Name", avatar: "panda" });
    const lounge = await createLoungeAs(null);
    for (const how of [{ cookie: acct.cookie }, { bearer: acct.token }, { sessionToken: acct.token }]) {
      const c = track(await joinWith(lounge.id, how, { name: "Ignored", avatar: "fox" }));
      const me = c.state.players.get(c.sessionId);
      assert.equal(me?.name, "Profile Name", JSON.stringify(Object.keys(how)));
      assert.equal(me?.avatar, "panda");
      assert.equal(me?.userId, acct.user.id);
      assert.equal(me?.role, "guest", "signed in, but no role in someone else's public lounge");
    }
  });

  it("lets guests join with a display name, and asks a guest without one for it", async () => {
    const lounge = await createLoungeAs(null);
    const c = track(await join(lounge.id, "Guesty", "cat"));
    assert.equal(c.state.players.get(c.sessionId)?.role, "guest");
    assert.equal(c.state.players.get(c.sessionId)?.userId, "");
    const { colyseus } = await testServer();
    await assert.rejects(colyseus.sdk.joinOrCreate("lounge", { loungeId: lounge.id, avatar: "fox" }), refusedWith(JoinErrorCode.INVALID_OPTIONS, /name/));
  });

  it("refuses a forged token with SESSION_INVALID and an expired one with SESSION_EXPIRED", async () => {
    const acct = await register();
    const lounge = await createLoungeAs(null);
    const [id] = acct.token.split(".");
    await assert.rejects(joinWith(lounge.id, { sessionToken: `${id}.${"b".repeat(32)}` }), refusedWith(JoinErrorCode.SESSION_INVALID, /not valid/));
    const { lounge: server } = await testServer();
    await server.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(sessions.userId, acct.user.id));
    await assert.rejects(joinWith(lounge.id, { bearer: acct.token }), refusedWith(JoinErrorCode.SESSION_EXPIRED, /expired/));
  });

  it("lets a browser whose session cookie died join as a guest, with nothing of the account", async () => {
    const acct = await register({ displayName: "Ada Account" });
    const lounge = await createLoungeAs(acct);
    const forged = track(await joinWith(lounge.id, { cookie: "chill_session=forged" }, { name: "X", avatar: "fox" }));
    assert.deepEqual([forged.state.players.get(forged.sessionId)?.userId, forged.state.players.get(forged.sessionId)?.role], ["", "guest"]);
    const { lounge: server } = await testServer();
    await server.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(sessions.userId, acct.user.id));
    const ended = track(await joinWith(lounge.id, { cookie: acct.cookie }, { name: "Just Me", avatar: "owl" }));
    const player = ended.state.players.get(ended.sessionId);
    assert.equal(player?.userId, "", "not signed in");
    assert.equal(player?.role, "guest", "not the owner any more");
    assert.equal(player?.name, "Just Me", "the name given, not the profile's");
  });

  it("shows a profile edited while in a lounge to everyone there at once", async () => {
    const acct = await register({ displayName: "Before", avatar: "fox" });
    const lounge = await createLoungeAs(null);
    const me = track(await joinWith(lounge.id, { cookie: acct.cookie }));
    const other = track(await joinWith(lounge.id, {}, { name: "Watcher", avatar: "owl" }));
    assert.equal(other.state.players.get(me.sessionId)?.name, "Before");
    const edit = await api("/api/me", { method: "PATCH", json: { displayName: "After", avatar: "robot" }, cookie: acct.cookie });
    assert.equal(edit.status, 200);
    await waitFor(() => other.state.players.get(me.sessionId)?.name === "After", { what: "the new name to show" });
    assert.equal(other.state.players.get(me.sessionId)?.avatar, "robot");
    assert.equal(other.state.players.get(other.sessionId)?.name, "Watcher", "nobody else changes");
  });

  it("hears profile edits in every open lounge through one presence subscription for the process", async () => {
    const acct = await register({ displayName: "Roamer", avatar: "fox" });
    const lounges = [await createLoungeAs(null), await createLoungeAs(null), await createLoungeAs(null)];
    const watchers: LoungeClient[] = [];
    for (const lounge of lounges) {
      track(await joinWith(lounge.id, { cookie: acct.cookie }));
      watchers.push(track(await joinWith(lounge.id, {}, { name: "Watcher", avatar: "owl" })));
    }
    // Colyseus gives each room a presence of its own (scoped to it): the lounges share one
    // subscription on the process' presence, not one each (hundreds of lounges would be hundreds
    // of listeners, and as many dispatches of every edit).
    const subscriptions = (matchMaker.presence as unknown as { subscriptions: EventEmitter }).subscriptions;
    assert.equal(subscriptions.listenerCount(PROFILE_CHANGED), 1, "one subscription for all the open lounges");
    const edit = await api("/api/me", { method: "PATCH", json: { displayName: "Roamed", avatar: "robot" }, cookie: acct.cookie });
    assert.equal(edit.status, 200);
    await waitFor(() => watchers.every((w) => [...w.state.players.values()].some((p) => p.name === "Roamed")), { what: "the edit to show in all three lounges" });
  });

  it("shows the owner as owner in the lounge they created", async () => {
    const owner = await register();
    const lounge = await createLoungeAs(owner);
    assert.equal(lounge.ownerId, owner.user.id);
    const c = track(await joinWith(lounge.id, { cookie: owner.cookie }));
    assert.equal(c.state.players.get(c.sessionId)?.role, "owner");
    assert.equal(c.state.lounge.ownerId, owner.user.id);
  });
});

describe("private lounges", () => {
  const open: LoungeClient[] = [];
  afterEach(() => leaveAll(...open.splice(0)));
  const track = (c: LoungeClient) => { open.push(c); return c; };

  it("can only be created by a signed-in person, and stays off the public list", async () => {
    const guest = await api("/api/lounges", { json: { name: "Secret", visibility: "private" } });
    assert.equal(guest.status, 401);
    assert.equal(guest.body.error.code, "NOT_SIGNED_IN");
    const owner = await register();
    const lounge = await createLoungeAs(owner, { visibility: "private" });
    assert.equal(lounge.visibility, "private");
    const list = await api("/api/lounges");
    assert.ok(!list.body.lounges.some((l: LoungeDto) => l.id === lounge.id));
    const stranger = await api(`/api/lounges/${lounge.id}`);
    assert.equal(stranger.status, 403);
    assert.equal(stranger.body.error.code, "PRIVATE_LOUNGE");
    assert.equal((await api(`/api/lounges/${lounge.id}/messages`)).status, 403);
    assert.equal((await api(`/api/lounges/${lounge.id}`, { cookie: owner.cookie })).status, 200);
    const mine = await api("/api/me/lounges", { cookie: owner.cookie });
    assert.deepEqual(mine.body.lounges.map((l: { lounge: LoungeDto; role: string }) => [l.lounge.id, l.role]), [[lounge.id, "owner"]]);
  });

  it("refuses a guest or a stranger without an invite, and admits the owner", async () => {
    const owner = await register();
    const stranger = await register();
    const lounge = await createLoungeAs(owner, { visibility: "private" });
    await assert.rejects(join(lounge.id, "Nosy"), refusedWith(JoinErrorCode.INVITE_REQUIRED, /private/));
    await assert.rejects(joinWith(lounge.id, { cookie: stranger.cookie }), refusedWith(JoinErrorCode.INVITE_REQUIRED));
    const o = track(await joinWith(lounge.id, { cookie: owner.cookie }));
    assert.equal(o.state.lounge.visibility, "private");
    // With the room open, joining by id must be refused the same way.
    const { baseUrl } = await testServer();
    await assert.rejects(new ColyseusSDK(baseUrl).joinById(lounge.id, { name: "Sneaky", avatar: "fox" }), refusedWith(JoinErrorCode.INVITE_REQUIRED));
  });

  it("admits invite holders: a signed-in one becomes a member, a guest uses the invite each time", async () => {
    const owner = await register();
    const friend = await register();
    const lounge = await createLoungeAs(owner, { visibility: "private" });
    const inv = await invite(owner, lounge.id, { maxUses: 2 });
    assert.equal(inv.active, true);
    const peek = await api(`/api/lounges/${lounge.id}?invite=${inv.code}`);
    assert.equal(peek.status, 200, "an invite lets you see the lounge's name");
    const f = track(await joinWith(lounge.id, { cookie: friend.cookie }, { inviteCode: inv.code }));
    assert.equal(f.state.players.get(f.sessionId)?.role, "member");
    await leaveAll(f);
    const back = track(await joinWith(lounge.id, { cookie: friend.cookie }));
    assert.equal(back.state.players.get(back.sessionId)?.role, "member", "a member needs no invite any more");
    const g = track(await joinWith(lounge.id, {}, { name: "Guest", avatar: "frog", inviteCode: inv.code }));
    assert.equal(g.state.players.get(g.sessionId)?.role, "guest");
    await assert.rejects(joinWith(lounge.id, {}, { name: "Third", avatar: "frog", inviteCode: inv.code }), refusedWith(JoinErrorCode.INVITE_INVALID, /used up/));
    const list = await api(`/api/lounges/${lounge.id}/invites`, { cookie: owner.cookie });
    assert.deepEqual(list.body.invites.map((i: InviteDto) => [i.uses, i.active]), [[2, false]]);
  });

  it("lets a guest come back with a one-use invite they already used, until the owner revokes it", async () => {
    const owner = await register();
    const lounge = await createLoungeAs(owner, { visibility: "private" });
    const inv = await invite(owner, lounge.id, { maxUses: 1 });
    const guest = { name: "Reloader", avatar: "frog" as const, inviteCode: inv.code, guestToken: "reloader-guest-token-0123456789" };
    const first = track(await joinWith(lounge.id, {}, guest));
    await leaveAll(first);
    // A page reload joins again with the same guest identity and the same link.
    const again = track(await joinWith(lounge.id, {}, guest));
    assert.equal(again.state.players.get(again.sessionId)?.name, "Reloader");
    await leaveAll(again);
    await assert.rejects(joinWith(lounge.id, {}, { ...guest, name: "Someone Else", guestToken: "another-guest-token-0123456789" }),
      refusedWith(JoinErrorCode.INVITE_INVALID, /used up/));
    const list = await api(`/api/lounges/${lounge.id}/invites`, { cookie: owner.cookie });
    assert.deepEqual(list.body.invites.map((i: InviteDto) => i.uses), [1], "coming back used nothing more");
    // The page a reloaded link loads asks the same question over HTTP, with the guest cookie.
    const reloadPage = await api(`/api/lounges/${lounge.id}?invite=${inv.code}`, { cookie: `chill_guest=${guest.guestToken}` });
    assert.equal(reloadPage.status, 200, JSON.stringify(reloadPage.body));
    const otherPage = await api(`/api/lounges/${lounge.id}?invite=${inv.code}`);
    assert.equal(otherPage.status, 410);
    assert.equal(otherPage.body.error.code, "INVITE_INVALID");
    assert.match(otherPage.body.error.message, /used up/);
    await api(`/api/lounges/${lounge.id}/invites/${inv.code}`, { method: "DELETE", cookie: owner.cookie });
    await assert.rejects(joinWith(lounge.id, {}, guest), refusedWith(JoinErrorCode.INVITE_INVALID, /revoked/));
    const revokedPage = await api(`/api/lounges/${lounge.id}?invite=${inv.code}`, { cookie: `chill_guest=${guest.guestToken}` });
    assert.equal(revokedPage.status, 410);
    assert.match(revokedPage.body.error.message, /revoked/);
  });

  it("shows a private lounge's tracks only to those who may enter, and takes uploads only from them", async () => {
    const owner = await register();
    const lounge = await createLoungeAs(owner, { visibility: "private" });
    const inv = await invite(owner, lounge.id);
    const stranger = await api(`/api/lounges/${lounge.id}/tracks`);
    assert.equal(stranger.status, 403);
    assert.equal(stranger.body.error.code, "PRIVATE_LOUNGE");
    assert.equal((await api(`/api/lounges/${lounge.id}/tracks`, { cookie: owner.cookie })).status, 200);
    assert.equal((await api(`/api/lounges/${lounge.id}/tracks?invite=${inv.code}`)).status, 200);
    const upload = await api(`/api/lounges/${lounge.id}/tracks`, { method: "POST", json: { url: "http://127.0.0.1:9/x.mp3" } });
    assert.equal(upload.status, 403);
    assert.equal(upload.body.error.code, "PRIVATE_LOUNGE");
  });

  it("refuses revoked, expired and unknown invite codes with a reason", async () => {
    const owner = await register();
    const lounge = await createLoungeAs(owner, { visibility: "private" });
    const revoked = await invite(owner, lounge.id);
    const del = await api(`/api/lounges/${lounge.id}/invites/${revoked.code}`, { method: "DELETE", cookie: owner.cookie });
    assert.equal(del.status, 200);
    assert.equal(del.body.active, false);
    await assert.rejects(joinWith(lounge.id, {}, { name: "G", avatar: "fox", inviteCode: revoked.code }), refusedWith(JoinErrorCode.INVITE_INVALID, /revoked/));
    const expiring = await invite(owner, lounge.id, { expiresInMinutes: 1 });
    const { lounge: server } = await testServer();
    await server.database.db.update(loungeInvites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(loungeInvites.code, expiring.code));
    await assert.rejects(joinWith(lounge.id, {}, { name: "G", avatar: "fox", inviteCode: expiring.code }), refusedWith(JoinErrorCode.INVITE_INVALID, /expired/));
    await assert.rejects(joinWith(lounge.id, {}, { name: "G", avatar: "fox", inviteCode: "nope" }), refusedWith(JoinErrorCode.INVITE_INVALID, /does not belong/));
  });

  it("lets only the owner make and see invites", async () => {
    const owner = await register();
    const other = await register();
    const lounge = await createLoungeAs(owner, { visibility: "private" });
    const res = await api(`/api/lounges/${lounge.id}/invites`, { json: {}, cookie: other.cookie });
    assert.equal(res.status, 403);
    assert.equal((await api(`/api/lounges/${lounge.id}/invites`, { json: {} })).status, 401);
    assert.equal((await api(`/api/lounges/${lounge.id}/invites`, { cookie: other.cookie })).status, 403);
    assert.equal((await api(`/api/lounges/${lounge.id}/invites`, { json: { maxUses: 0 }, cookie: owner.cookie })).status, 400);
  });
});

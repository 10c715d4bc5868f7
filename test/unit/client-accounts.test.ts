import assert from "node:assert/strict";
import { inviteCodeOf, inviteLink, loungePath, nextPathOf, signInPath } from "../../client/ui/navigation.ts";
import { joinRefusalAdvice } from "../../client/ui/join-refusal.ts";
import { auditSentence, banSummary, formatSpan, inviteSummary, moderatedNotice, removedMessage, slowModeLabel, timeAgo } from "../../client/ui/moderation-words.ts";
import { retryAfterOf } from "../../client/net/api.ts";
import { JoinErrorCode } from "../../shared/join-errors.ts";
import { moderationActions, type AuditEntryDto, type BanDto, type InviteDto, type ModerationAction } from "../../shared/moderation.ts";

const now = Date.parse("2026-03-01T12:00:00.000Z");
const guest = { signedIn: false, hadInvite: false };
const member = { signedIn: true, hadInvite: false };

describe("lounge and invite links", () => {
  it("puts the invite code in the lounge link, escaped, and reads it back", () => {
    assert.equal(loungePath("den"), "/l/den");
    assert.equal(loungePath("den", "abc"), "/l/den?invite=abc");
    const link = inviteLink("https://lounge.example", "a b", "x&y");
    assert.equal(link, "https://lounge.example/l/a%20b?invite=x%26y");
    assert.equal(inviteCodeOf(new URL(link).search), "x&y");
    assert.equal(inviteCodeOf("?invite="), undefined);
    assert.equal(inviteCodeOf(""), undefined);
  });

  it("comes back to the lounge after signing in, but never to another site", () => {
    const path = signInPath("/l/den?invite=abc");
    assert.equal(nextPathOf(new URL(path, "https://x.example").search), "/l/den?invite=abc");
    for (const bad of ["https://evil.example/l/x", "//evil.example/l/x", "/l/x/../../admin", "/\\evil.example", "/settings"]) {
      assert.equal(nextPathOf(`?next=${encodeURIComponent(bad)}`), undefined, bad);
    }
  });
});

describe("join refusal advice", () => {
  it("has a title, the server's words and a next step for every refusal code", () => {
    for (const code of Object.values(JoinErrorCode)) {
      const advice = joinRefusalAdvice(code, "The server's sentence.", guest);
      assert.ok(advice.title.length > 0 && advice.next.length > 0, String(code));
      assert.equal(advice.message, "The server's sentence.");
      assert.ok(advice.actions.length > 0);
    }
  });

  it("offers signing in to a guest at a private lounge, but not to someone already signed in", () => {
    const asGuest = joinRefusalAdvice(JoinErrorCode.INVITE_REQUIRED, undefined, guest);
    assert.equal(asGuest.title, "This lounge is private");
    assert.match(asGuest.next, /invite link/);
    assert.deepEqual(asGuest.actions, ["sign-in", "home"]);
    assert.deepEqual(joinRefusalAdvice(JoinErrorCode.INVITE_REQUIRED, undefined, member).actions, ["home"]);
  });

  it("tells a dead invite, a ban, an expired session and a full lounge apart", () => {
    assert.match(joinRefusalAdvice(JoinErrorCode.INVITE_INVALID, undefined, guest).message, /expired, been used up or been revoked/);
    assert.match(joinRefusalAdvice(JoinErrorCode.INVITE_INVALID, "That invite has expired; ask the owner for a new one.", guest).message, /has expired/);
    assert.deepEqual(joinRefusalAdvice(JoinErrorCode.BANNED, undefined, guest).actions, ["home"]);
    assert.deepEqual(joinRefusalAdvice(JoinErrorCode.SESSION_EXPIRED, undefined, member).actions, ["sign-in", "continue-as-guest", "home"]);
    assert.deepEqual(joinRefusalAdvice(JoinErrorCode.SESSION_INVALID, undefined, member).actions, ["sign-in", "continue-as-guest", "home"]);
    assert.ok(joinRefusalAdvice(JoinErrorCode.LOUNGE_FULL, undefined, guest).actions.includes("retry"));
    assert.equal(joinRefusalAdvice(599, undefined, guest).title, "The lounge did not let you in");
  });
});

describe("moderation words", () => {
  it("rounds spans up, in the unit people use", () => {
    assert.equal(formatSpan(1), "1 min");
    assert.equal(formatSpan(59 * 60_000), "59 min");
    assert.equal(formatSpan(90 * 60_000), "2 h");
    assert.equal(formatSpan(3 * 24 * 3600_000), "3 days");
    assert.equal(slowModeLabel(0), "Off");
    assert.equal(slowModeLabel(10), "One message every 10 s");
    assert.equal(slowModeLabel(300), "One message every 5 min");
  });

  it("tells the person who acted, for how long and why", () => {
    assert.equal(moderatedNotice({ action: "mute", by: "Ada", reason: "", until: now + 10 * 60_000 }, now), "Ada muted you: you cannot chat for 10 min.");
    assert.equal(moderatedNotice({ action: "mute", by: "Ada", reason: " spam ", until: null }, now), "Ada muted you: you cannot chat until a moderator unmutes you. Reason: “spam”.");
    assert.equal(moderatedNotice({ action: "unmute", by: "Ada", reason: "", until: null }, now), "Ada unmuted you: you can chat again.");
    assert.equal(removedMessage("kick", { action: "kick", by: "Ada", reason: "too loud", until: null }, now),
      "Ada removed you from this lounge. Reason: “too loud”. You may join again.");
    assert.equal(removedMessage("ban", { action: "ban", by: "Ada", reason: "", until: null }, now),
      "Ada banned you from this lounge for good. You cannot come back in unless a moderator lifts the ban.");
    assert.match(removedMessage("ban", { action: "ban", by: "Ada", reason: "", until: now + 3600_000 }, now), /for 1 h\. You can come back once the ban ends\./);
  });

  it("falls back to plain words when the notice did not arrive or was about something else", () => {
    assert.equal(removedMessage("kick", undefined, now), "A moderator removed you from this lounge. You may join again.");
    assert.match(removedMessage("ban", { action: "mute", by: "Ada", reason: "", until: null }, now), /^A moderator banned you/);
  });

  it("summarises an invite's uses, expiry and why it stopped working", () => {
    const invite = (over: Partial<InviteDto>): InviteDto => ({ code: "c", loungeId: "l", createdAt: new Date(now).toISOString(), expiresAt: null, maxUses: null, uses: 0, active: true, ...over });
    assert.equal(inviteSummary(invite({}), now), "Used 0 times · never expires");
    assert.equal(inviteSummary(invite({ uses: 1, maxUses: 5, expiresAt: new Date(now + 2 * 3600_000).toISOString() }), now), "Used 1 of 5 · expires in 2 h");
    assert.equal(inviteSummary(invite({ uses: 5, maxUses: 5, active: false }), now), "Used 5 of 5 · used up");
    assert.equal(inviteSummary(invite({ expiresAt: new Date(now - 1).toISOString(), active: false }), now), "Used 0 times · expired");
    assert.equal(inviteSummary(invite({ uses: 1, active: false }), now), "Used 1 time · revoked");
  });
});

describe("Manage lounge words", () => {
  const entry = (action: ModerationAction, detail: Record<string, unknown> = {}, targetName: string | null = "Bo"): AuditEntryDto =>
    ({ id: 1, action, actorUserId: "u1", actorName: "Ada", targetUserId: null, targetName, detail, at: new Date(now).toISOString() });

  it("says who did what to whom, for how long and why", () => {
    assert.equal(auditSentence(entry("mute", { minutes: 10, reason: "spam" })), "Ada muted Bo for 10 min — spam");
    assert.equal(auditSentence(entry("mute", { minutes: null, reason: "" })), "Ada muted Bo until unmuted");
    assert.equal(auditSentence(entry("unmute")), "Ada unmuted Bo");
    assert.equal(auditSentence(entry("kick", { reason: "too loud" })), "Ada kicked Bo out — too loud");
    assert.equal(auditSentence(entry("ban", { minutes: null, reason: "" })), "Ada banned Bo for good");
    assert.equal(auditSentence(entry("ban", { minutes: 60, reason: " trolling " })), "Ada banned Bo for 1 h — trolling");
    assert.equal(auditSentence(entry("unban", { banId: 3 })), "Ada lifted the ban on Bo");
  });

  it("words the lounge's own changes: messages, slow mode, roles, invites and who runs the music", () => {
    assert.equal(auditSentence(entry("delete-message", { messageId: "m", author: "Bo", text: "buy cheap sunglasses" }, null)),
      "Ada deleted a message by Bo: “buy cheap sunglasses”");
    assert.match(auditSentence(entry("delete-message", { author: "Bo", text: "x".repeat(200) }, null)), /: “x{59}…”$/);
    assert.equal(auditSentence(entry("delete-message", { author: null, text: null }, null)), "Ada deleted a message");
    assert.equal(auditSentence(entry("slow-mode", { seconds: 5 }, null)), "Ada set slow mode to one message every 5 s");
    assert.equal(auditSentence(entry("slow-mode", { seconds: 0 }, null)), "Ada turned slow mode off");
    assert.equal(auditSentence(entry("set-role", { role: "dj" })), "Ada made Bo a DJ");
    assert.equal(auditSentence(entry("set-role", { role: "moderator" })), "Ada made Bo a moderator");
    assert.equal(auditSentence(entry("remove-member", { role: "guest" })), "Ada removed Bo from the members");
    assert.equal(auditSentence(entry("remove-member", {}, null)), "Ada removed a member");
    assert.equal(auditSentence(entry("invite-create", { code: "c", maxUses: 5, expiresAt: null }, null)), "Ada created an invite link for up to 5 uses");
    assert.equal(auditSentence(entry("invite-create", { code: "c", maxUses: null, expiresAt: "2026-03-02T12:00:00.000Z" }, null)), "Ada created an expiring invite link");
    assert.equal(auditSentence(entry("invite-revoke", { code: "c" }, null)), "Ada revoked an invite link");
    assert.equal(auditSentence(entry("playback-control", { control: "owner" }, null)), "Ada kept the music controls to the owner");
    assert.equal(auditSentence(entry("playback-control", { control: "dj" }, null)), "Ada let DJs and moderators control the music");
    assert.equal(auditSentence(entry("playback-control", { control: "everyone" }, null)), "Ada let everyone control the music");
  });

  it("has a sentence of its own for every action, and survives details it cannot read", () => {
    for (const action of moderationActions) {
      const sentence = auditSentence(entry(action, { minutes: "ten", reason: 42, seconds: "x", role: 7, control: null, maxUses: "5" }));
      assert.match(sentence, /^Ada [a-z]/, action);
      assert.doesNotMatch(sentence, /undefined|null|NaN|\[object|did “/, action);
    }
    assert.equal(auditSentence({ ...entry("kick"), action: "teleport" as ModerationAction }), "Ada did “teleport” to Bo");
  });

  it("sums up a ban in force and says how long ago something happened", () => {
    const ban = (over: Partial<BanDto>): BanDto => ({ id: 1, userId: null, name: "Bo", reason: "", by: "Ada", createdAt: new Date(now).toISOString(), expiresAt: null, ...over });
    assert.equal(banSummary(ban({}), now), "by Ada · for good");
    assert.equal(banSummary(ban({ reason: " spam ", expiresAt: new Date(now + 90 * 60_000).toISOString() }), now), "by Ada · ends in 2 h · “spam”");
    assert.equal(timeAgo(now - 20_000, now), "just now");
    assert.equal(timeAgo(now - 5 * 60_000, now), "5 min ago");
    assert.equal(timeAgo(now - 3 * 3600_000 - 1, now), "3 h ago");
    assert.equal(timeAgo(now - 3 * 24 * 3600_000, now), "3 days ago");
  });
});

describe("rate-limit waits from the API", () => {
  it("reads the seconds from the body, else from Retry-After", () => {
    assert.equal(retryAfterOf({ error: { code: "RATE_LIMITED", message: "m", retryAfterSeconds: 12 } }, "30"), 12);
    assert.equal(retryAfterOf({ error: { code: "RATE_LIMITED", message: "m" } }, "30"), 30);
    assert.equal(retryAfterOf(undefined, null), undefined);
    assert.equal(retryAfterOf({ error: { retryAfterSeconds: "soon" } }, "nope"), undefined);
  });
});

// Accounts, private lounges and moderation in a real browser against the real server: signing up
// and in (and what a wrong password or a taken name says), a private lounge that an invite link
// opens and a plain link does not, what a kicked or banned person is told, and "Manage lounge"
// (bans lifted, roles given and taken, the audit log).
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { testServer } from "../support/server.ts";
import { screenshot } from "../support/browser.ts";
import { browserSuite, type SuitePage } from "../support/browser-suite.ts";
import { randomIp, register, uniqueName, type Account } from "../support/accounts.ts";
import { createLoungeBody } from "../../shared/api.ts";

describe("browser accounts and private lounges (Chromium)", function () {
  this.timeout(60_000);
  const suite = browserSuite();

  /** A fresh browser profile (its own cookies and storage), optionally already signed in. */
  async function newPage(signedIn?: Account): Promise<SuitePage> {
    // The server trusts loopback proxies: each browser gets an address of its own, so sign-in limits
    // count per test, as they would per person.
    const opened = await suite.newPage({ extraHTTPHeaders: { "x-forwarded-for": randomIp() } });
    if (signedIn) await opened.context.addCookies([{ name: "chill_session", value: signedIn.token, url: suite.baseUrl }]);
    return opened;
  }

  const connected = (page: Page) => page.waitForFunction(() => window.__lounge?.status === "connected");
  const peopleNames = async (page: Page) => (await page.locator(".people-list .person-name").allTextContents()).sort();

  /** A guest opens a link, picks a name, and joins. */
  async function joinAsGuest(page: Page, url: string, name: string): Promise<void> {
    await page.goto(url);
    await page.getByLabel("Your name").fill(name);
    await page.getByRole("button", { name: "Join the lounge" }).click();
    await connected(page);
  }

  async function signUp(page: Page, username: string, password: string): Promise<void> {
    await page.getByRole("tab", { name: "Create account" }).click();
    const form = page.locator("#signup-form");
    await form.getByLabel("Username").fill(username);
    await form.getByLabel("Password").fill(password);
    await form.getByRole("button", { name: "Create my account" }).click();
  }

  async function ownedLounge(owner: Account, name: string) {
    const { lounge } = await testServer();
    return lounge.context.lounges.create(createLoungeBody.parse({ name }), owner.user.id);
  }

  it("signs up, starts a private lounge and invites someone by link; without the link a stranger is told it is private", async () => {
    const a = await newPage();
    await a.page.goto(`${suite.baseUrl}/`);
    await a.page.getByLabel("Your name").fill("Ada");
    await signUp(a.page, uniqueName("ada"), "correct horse battery");
    await a.page.locator(".signed-in-as", { hasText: "Signed in as Ada" }).waitFor();
    await screenshot(a.page, "accounts-signed-in");

    await a.page.getByLabel("Name", { exact: true }).fill("Secret den");
    await a.page.getByLabel("Who can find it").selectOption("private");
    await a.page.getByRole("button", { name: "Start the lounge" }).click();
    await connected(a.page);
    const loungeId = decodeURIComponent(new URL(a.page.url()).pathname.split("/")[2]);
    assert.equal(await a.page.locator(".lounge-title").innerText(), "Secret den");
    await a.page.locator(".people-list .person", { hasText: "Ada" }).locator(".badge.role", { hasText: "owner" }).waitFor();

    // The owner makes an invite link in the lounge and reads it off the page.
    await a.page.getByText("Manage lounge").click();
    await a.page.getByLabel("Max uses").fill("5");
    await a.page.getByRole("button", { name: "Create invite link" }).click();
    const invite = a.page.locator(".invite-list .invite").first();
    await invite.locator(".invite-summary", { hasText: "Used 0 of 5" }).waitFor();
    const link = await invite.getByLabel("Invite link").inputValue();
    const url = new URL(link);
    assert.equal(url.origin, suite.baseUrl);
    assert.equal(url.pathname, `/l/${loungeId}`);
    assert.ok(url.searchParams.get("invite"), "the link carries the invite code");
    await screenshot(a.page, "accounts-invite");

    // Someone else, in a browser of their own, opens the link and gets in.
    const b = await newPage();
    await joinAsGuest(b.page, link, "Bo");
    for (const page of [a.page, b.page]) {
      await page.waitForFunction(() => document.querySelectorAll(".people-list .person").length === 2);
      assert.deepEqual(await peopleNames(page), ["Ada", "Bo"]);
    }
    assert.equal(await b.page.locator(".lounge-title").innerText(), "Secret den");
    // The invite also opens the lounge's music to them: the track list loads, with the library in it.
    await b.page.waitForFunction(() => (document.querySelector<HTMLSelectElement>("select[aria-label='Track to queue']")?.options.length ?? 0) >= 3);

    // A stranger with only the plain lounge link is told it is private and what to do.
    const c = await newPage();
    await c.page.goto(`${suite.baseUrl}/l/${loungeId}`);
    const refusal = c.page.locator(".refusal");
    await refusal.getByRole("heading", { name: "This lounge is private" }).waitFor();
    assert.match(await refusal.innerText(), /invite link/);
    await refusal.getByRole("link", { name: "Sign in" }).waitFor();
    assert.equal(await c.page.locator(".stage canvas").count(), 0, "no lounge is shown");
    await screenshot(c.page, "accounts-private-refused");

    // A revoked link stops working, and says so.
    await invite.getByRole("button", { name: "Revoke" }).click();
    await a.page.locator(".invite-list .invite.inactive .invite-summary", { hasText: "revoked" }).waitFor();
    await c.page.goto(link);
    await c.page.locator(".refusal").getByRole("heading", { name: "This invite link does not work any more" }).waitFor();
    assert.match(await c.page.locator(".refusal").innerText(), /revoked/, "it says why");
    assert.deepEqual(a.errors.filter((e) => e.startsWith("pageerror")), []);
  });

  it("says what went wrong when signing in or up fails, and signs out", async () => {
    const existing = await register({ displayName: "Grace" });
    const { page } = await newPage();
    await page.goto(`${suite.baseUrl}/`);
    const signIn = page.locator("#signin-form");
    await signIn.getByLabel("Username").fill(existing.username);
    await signIn.getByLabel("Password").fill("not the password");
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await signIn.locator(".field-problem", { hasText: "Wrong username or password." }).waitFor();

    await signUp(page, existing.username, "another long password");
    await page.locator("#signup-form .field-problem", { hasText: `The username "${existing.username}" is taken` }).waitFor();
    await signUp(page, "x", "another long password");
    await page.locator("#signup-form .field-problem", { hasText: "Usernames are 3–24 characters." }).waitFor();

    await page.getByRole("tab", { name: "Sign in" }).click();
    await signIn.getByLabel("Password").fill(existing.password);
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await page.locator(".signed-in-as", { hasText: "Signed in as Grace" }).waitFor();
    await page.locator(".my-lounges", { hasText: "Your lounges" }).waitFor();

    // The profile's name is the one lounges show.
    await page.getByLabel("Display name").fill("Grace H");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.locator(".form-note", { hasText: "Profile saved" }).waitFor();
    await page.locator(".signed-in-as", { hasText: "Signed in as Grace H" }).waitFor();

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.locator("#signin-form").waitFor();
    await page.reload();
    await page.locator("#signin-form").waitFor();
    assert.equal(await page.locator(".signed-in-as").count(), 0, "still signed out after a reload");
  });

  it("holds the sign-in button with a countdown after too many attempts", async () => {
    const existing = await register();
    const { page } = await newPage();
    await page.goto(`${suite.baseUrl}/`);
    const signIn = page.locator("#signin-form");
    await signIn.getByLabel("Username").fill(existing.username);
    await signIn.getByLabel("Password").fill("wrong password");
    const submit = signIn.locator("button[type=submit]");
    const problem = signIn.locator(".form-problem");
    for (let i = 0; i < 10; i++) {
      await submit.click();
      await problem.filter({ hasText: /Wrong username or password|Too many/ }).waitFor();
      if ((await problem.innerText()).startsWith("Too many")) break;
    }
    assert.match(await problem.innerText(), /^Too many sign-in attempts for this account; try again in \d+ s\.$/);
    assert.match(await submit.innerText(), /^Try again in \d+ s$/);
    assert.ok(await submit.isDisabled(), "cannot try again before the wait is over");
  });

  it("tells someone whose sign-in ended elsewhere that they came in as a guest", async () => {
    const owner = await register({ displayName: "Ada" });
    const lounge = await ownedLounge(owner, "Open house");
    const { page } = await newPage(owner);
    await page.goto(`${suite.baseUrl}/l/${lounge.id}`);
    await page.locator(".join-as", { hasText: "Ada" }).waitFor();
    // "Sign out everywhere" on another device, while this page waits.
    await (await testServer()).lounge.context.accounts.sessions.invalidateAll(owner.user.id);
    await page.getByRole("button", { name: "Join the lounge" }).click();
    await connected(page);
    await page.locator(".toast", { hasText: "Your sign-in has ended, so you are here as a guest." }).waitFor();
    assert.equal(await page.locator(".people-list .badge.role").count(), 0, "not shown as the owner");
    await page.locator(".brand").click();
    await page.locator("#signin-form").waitFor();
  });

  it("lets the owner kick and ban a guest, who is told each time; a banned guest cannot come back until the ban is lifted", async () => {
    const owner = await register({ displayName: "Ada" });
    const lounge = await ownedLounge(owner, "House rules");
    const a = await newPage(owner);
    await a.page.goto(`${suite.baseUrl}/l/${lounge.id}`);
    await a.page.locator(".join-as", { hasText: "Ada" }).waitFor();
    await a.page.getByRole("button", { name: "Join the lounge" }).click();
    await connected(a.page);
    const b = await newPage();
    await joinAsGuest(b.page, `${suite.baseUrl}/l/${lounge.id}`, "Bo");
    await a.page.waitForFunction(() => document.querySelectorAll(".people-list .person").length === 2);
    assert.equal(await b.page.getByRole("button", { name: /^Moderate/ }).count(), 0, "a guest gets no moderation menu");

    // A message, deleted by the owner for everyone.
    await b.page.getByLabel("Chat message").fill("buy cheap sunglasses");
    await b.page.getByLabel("Chat message").press("Enter");
    const spam = a.page.locator(".chat-log .msg", { hasText: "buy cheap sunglasses" });
    await spam.getByRole("button", { name: "Delete message" }).click();
    await b.page.locator(".chat-log .msg-text", { hasText: "buy cheap sunglasses" }).waitFor({ state: "detached" });

    const menu = a.page.getByRole("group", { name: "Moderate Bo" });
    // Mute: Bo is told, and cannot chat until unmuted.
    await a.page.getByRole("button", { name: "Moderate Bo" }).click();
    await menu.getByRole("button", { name: "Mute", exact: true }).click();
    await b.page.locator(".toast", { hasText: "Ada muted you: you cannot chat for 10 min." }).waitFor();
    await b.page.locator(".chat-rules", { hasText: "A moderator muted you" }).waitFor();
    assert.ok(await b.page.getByLabel("Chat message").isDisabled(), "the chat box is closed to a muted person");
    await a.page.locator(".person", { hasText: "Bo" }).locator(".badge", { hasText: "muted" }).waitFor();
    await a.page.getByRole("button", { name: "Moderate Bo" }).click();
    await menu.getByRole("button", { name: "Unmute", exact: true }).click();
    await b.page.locator(".toast", { hasText: "Ada unmuted you: you can chat again." }).waitFor();
    await b.page.waitForFunction(() => !(document.querySelector(".chat-input") as HTMLInputElement | null)?.disabled);

    // Slow mode, set by the owner, is announced in everyone's chat.
    await a.page.getByText("Manage lounge").click();
    await a.page.getByLabel("Slow mode").selectOption({ label: "One message every 5 s" });
    await b.page.locator(".chat-rules", { hasText: "Slow mode: one message every 5 s." }).waitFor();
    await a.page.getByLabel("Slow mode").selectOption({ label: "Off" });
    await b.page.locator(".chat-rules").waitFor({ state: "hidden" });
    await a.page.getByText("Manage lounge").click();

    // Kick: Bo is told by whom and why, and may come back.
    await a.page.getByRole("button", { name: "Moderate Bo" }).click();
    await menu.getByLabel("Reason").fill("too loud");
    await menu.getByRole("button", { name: "Kick", exact: true }).click();
    await b.page.locator(".banner", { hasText: "Ada removed you from this lounge. Reason: “too loud”. You may join again." }).waitFor();
    await a.page.waitForFunction(() => document.querySelectorAll(".people-list .person").length === 1);
    await b.page.getByRole("button", { name: "Join again" }).click();
    await connected(b.page);

    // Ban: told so, and the lounge refuses the next visit with the reason.
    await a.page.getByRole("button", { name: "Moderate Bo" }).click();
    await menu.getByLabel("How long").selectOption({ label: "Until lifted" });
    await menu.getByRole("button", { name: "Ban", exact: true }).click();
    await b.page.locator(".banner", { hasText: "Ada banned you from this lounge for good." }).waitFor();
    assert.equal(await b.page.getByRole("button", { name: "Join again" }).count(), 0, "no way back in offered");
    await screenshot(b.page, "accounts-banned");
    await b.page.reload();
    await b.page.getByRole("button", { name: "Join the lounge" }).click();
    await b.page.locator(".refusal").getByRole("heading", { name: "You are banned from this lounge" }).waitFor();
    assert.match(await b.page.locator(".refusal-message").innerText(), /banned from "House rules"/);

    // The owner opens "Manage lounge", finds the ban and lifts it.
    await a.page.getByText("Manage lounge").click();
    const bans = a.page.getByRole("list", { name: "Bans" });
    await bans.getByRole("listitem").filter({ hasText: "Bo" }).filter({ hasText: "by Ada · for good" }).waitFor();
    await screenshot(a.page, "accounts-bans");
    await bans.getByRole("button", { name: "Unban Bo" }).click();
    await a.page.locator(".toast", { hasText: "Ban lifted: Bo can come back in." }).waitFor();
    await bans.getByText("No one is banned from this lounge.").waitFor();

    // The audit log tells the story, newest first, in sentences.
    const audit = a.page.getByRole("list", { name: "Audit log" });
    await audit.getByText("Ada lifted the ban on Bo").waitFor();
    await audit.scrollIntoViewIfNeeded();
    await screenshot(a.page, "accounts-audit");
    const story = await audit.locator(".audit-text").allTextContents();
    assert.deepEqual(story, [
      "Ada lifted the ban on Bo",
      "Ada banned Bo for good",
      "Ada kicked Bo out — too loud",
      "Ada turned slow mode off",
      "Ada set slow mode to one message every 5 s",
      "Ada unmuted Bo",
      "Ada muted Bo for 10 min",
      "Ada deleted a message by Bo: “buy cheap sunglasses”",
    ]);

    // And Bo can come back in.
    await b.page.reload();
    await b.page.getByRole("button", { name: "Join the lounge" }).click();
    await connected(b.page);
    await a.page.waitForFunction(() => document.querySelectorAll(".people-list .person").length === 2);
    assert.deepEqual(await peopleNames(b.page), ["Ada", "Bo"]);
    assert.deepEqual(a.errors.filter((e) => e.startsWith("pageerror")), []);
  });

  it("lets the owner change a member's role and remove them; a moderator sees the members but cannot change them", async () => {
    const owner = await register({ displayName: "Ada" });
    const crew = await register({ displayName: "Cy" });
    const lounge = await ownedLounge(owner, "Crew room");
    await (await testServer()).lounge.context.members.setRole(lounge.id, crew.user.id, "member");
    const a = await newPage(owner);
    await a.page.goto(`${suite.baseUrl}/l/${lounge.id}`);
    await a.page.getByRole("button", { name: "Join the lounge" }).click();
    await connected(a.page);
    const c = await newPage(crew);
    await c.page.goto(`${suite.baseUrl}/l/${lounge.id}`);
    await c.page.getByRole("button", { name: "Join the lounge" }).click();
    await connected(c.page);
    assert.ok(await c.page.locator("details.admin").isHidden(), "a member gets no Manage lounge panel");

    await a.page.getByText("Manage lounge").click();
    const members = a.page.getByRole("list", { name: "Members" });
    await members.getByRole("listitem").filter({ hasText: "Ada" }).getByText("Owner").waitFor();
    await a.page.getByLabel("Role of Cy").selectOption({ label: "Moderator" });
    await a.page.locator(".toast", { hasText: "Cy is now a moderator here." }).waitFor();
    await members.scrollIntoViewIfNeeded();
    await screenshot(a.page, "accounts-members");
    // The room hears of it at once: Cy is shown as a moderator and gets the panel, read-only.
    await c.page.locator(".people-list .person", { hasText: "Cy" }).locator(".badge.role", { hasText: "moderator" }).waitFor();
    await c.page.getByText("Manage lounge").click();
    const seen = c.page.getByRole("list", { name: "Members" });
    await seen.getByRole("listitem").filter({ hasText: "Cy" }).getByText("Moderator").waitFor();
    assert.equal(await seen.getByRole("combobox").count(), 0, "a moderator cannot change roles");
    assert.equal(await seen.getByRole("button", { name: /^Remove/ }).count(), 0, "nor remove members");
    await c.page.getByRole("list", { name: "Audit log" }).getByText("Ada made Cy a moderator").waitFor();

    // Removing takes a second click to confirm; Cy is a guest again and loses the panel. A reload
    // of the list between the clicks (here: Ada's other tab makes Cy a DJ) keeps the question.
    const remove = members.getByRole("button", { name: "Remove Cy from the members" });
    await remove.click();
    await remove.getByText("Really remove?").waitFor();
    const elsewhere = await a.page.evaluate(async ({ loungeId, userId }) => (await fetch(`/api/lounges/${loungeId}/members/${userId}`, {
      method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ role: "dj" }),
    })).status, { loungeId: lounge.id, userId: crew.user.id });
    assert.equal(elsewhere, 200);
    await a.page.waitForFunction((id) => (document.getElementById(`member-role-${id}`) as HTMLSelectElement | null)?.value === "dj", crew.user.id);
    assert.equal(await remove.textContent(), "Really remove?", "the reloaded list still asks");
    await remove.click();
    await a.page.locator(".toast", { hasText: "Cy is no longer a member here." }).waitFor();
    await members.getByText("No members yet besides the owner.").waitFor();
    await c.page.locator("details.admin").waitFor({ state: "hidden" });
    await a.page.getByRole("list", { name: "Audit log" }).getByText("Ada removed Cy from the members").waitFor();
  });
});

// The first five minutes in a real browser, as a newcomer meets them: a fresh server has a lounge to
// walk into; the start page on a phone puts the lounges and "Start a lounge" first; forms say what
// is wrong under the field at fault and focus it; a name forgotten on the start page is asked for on
// the join card; "Copy link" copies a link that brings a friend into the same lounge (an invite for
// a private one), with a field to copy from where the clipboard is out of reach; "Add a track" sits
// in the empty now-playing bar; controls have names; the avatar picked is remembered.
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { browserSuite, type SuitePage } from "../support/browser-suite.ts";
import { screenshot } from "../support/browser.ts";
import { createLounge } from "../support/lounges.ts";
import { randomIp, register } from "../support/accounts.ts";
import { serverOnScratchDatabase } from "../support/process.ts";
import { testServer } from "../support/server.ts";
import { joinThroughPage } from "../support/listening.ts";
import { createLoungeBody, type TrackDto } from "../../shared/api.ts";
import { displayName } from "../../shared/fields.ts";

const PHONE = { width: 390, height: 844 };

describe("the first five minutes (Chromium)", function () {
  this.timeout(90_000);
  const suite = browserSuite();

  const phonePage = (): Promise<SuitePage> => suite.newPage({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const connected = (page: Page) => page.waitForFunction(() => window.__lounge?.status === "connected");

  async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
    const b = await locator.boundingBox();
    assert.ok(b, "the element is on the page");
    return b;
  }

  /** Wholly inside the phone's screen as it is scrolled now. */
  async function assertOnScreen(locator: Locator, what: string): Promise<void> {
    const b = await box(locator);
    assert.ok(b.y >= 0 && b.y + b.height <= PHONE.height && b.x >= 0 && b.x + b.width <= PHONE.width,
      `${what} is on the screen (at ${Math.round(b.x)},${Math.round(b.y)} size ${Math.round(b.width)}×${Math.round(b.height)})`);
  }

  const isFocused = (locator: Locator) => locator.evaluate((node) => node === document.activeElement);

  /** The field is marked invalid and points at the line that says why. */
  async function assertFlagged(field: Locator, line: Locator): Promise<void> {
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    const lineId = await line.getAttribute("id");
    assert.ok(lineId, "the error line has an id");
    assert.ok((await field.getAttribute("aria-describedby"))?.split(" ").includes(lineId), "the field is described by the error line");
  }

  it("puts the lounges and Start a lounge first on a phone, folds sign-in away, and fits the fields", async () => {
    await createLounge({ name: "Listed for phones" });
    const { page } = await phonePage();
    await page.goto(`${suite.baseUrl}/`);
    await page.locator(".lounge-item", { hasText: "Listed for phones" }).first().waitFor();
    const lounges = await box(page.locator(".lounge-list"));
    const start = await box(page.getByRole("button", { name: "Start the lounge" }));
    const you = await box(page.locator("#account"));
    assert.ok(lounges.y < start.y && start.y + start.height < you.y, "lounges, then Start a lounge, then You");
    assert.equal(await page.locator("#signin-form").isVisible(), false, "the sign-in form waits behind its link");
    for (const id of ["#new-lounge-name", "#new-lounge-visibility", "#new-lounge-map", "#new-lounge-capacity"]) {
      const b = await box(page.locator(id));
      assert.ok(b.x >= 0 && b.x + b.width <= PHONE.width, `${id} fits across the screen`);
    }
    // Every choice of "Who can find it" shows whole in the closed select, not "Public: listed h".
    const cut = await page.locator("#new-lounge-visibility").evaluate((select: HTMLSelectElement) => {
      const style = getComputedStyle(select);
      const ctx = document.createElement("canvas").getContext("2d");
      if (!ctx) return ["no canvas"];
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      // The room for words: the box less its padding and the drop-down arrow (about 24 px).
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24;
      return [...select.options].filter((o) => ctx.measureText(o.text).width > room).map((o) => o.text);
    });
    assert.deepEqual(cut, [], "no choice is cut off");
    await screenshot(page, "first-visit-phone-start");

    await page.getByText("Sign in or create an account").tap();
    await page.locator("#signin-form").waitFor();
  });

  it("says what is wrong under the field at fault and focuses it, on a phone, with no browser tooltip", async () => {
    const { page } = await phonePage();
    await page.goto(`${suite.baseUrl}/`);
    const start = page.getByRole("button", { name: "Start the lounge" });
    await start.tap();
    const name = page.getByLabel("Name", { exact: true });
    const line = page.locator(".create .field-problem", { hasText: "Give the lounge a name." });
    await line.waitFor();
    assert.ok(await isFocused(name), "the lounge's name field has the focus");
    await assertFlagged(name, line);
    await assertOnScreen(line, "the error");
    await assertOnScreen(name, "the field");
    assert.equal(new URL(page.url()).pathname, "/", "nothing was started");
    // Typing clears it.
    await name.fill("F");
    assert.equal(await line.count(), 0);
    assert.equal(await name.getAttribute("aria-invalid"), null);
  });

  it("starts a lounge without a name and asks for the name on the join card, error under the field", async () => {
    const { page } = await phonePage();
    await page.goto(`${suite.baseUrl}/`);
    await page.getByLabel("Name", { exact: true }).fill("Nameless start");
    await page.getByRole("button", { name: "Start the lounge" }).tap();
    const card = page.locator(".join-card");
    await card.waitFor();
    assert.match(new URL(page.url()).pathname, /^\/l\/[^/]+$/);
    assert.equal(await card.getByRole("heading").first().innerText(), "Nameless start");
    const yourName = card.getByLabel("Your name");
    assert.ok(await isFocused(yourName), "the name field has the focus");
    await assertOnScreen(card.getByText("Pick the name the others will see, then join."), "why the card asks");
    // The card keeps off the screen's edges.
    const c = await box(card);
    assert.ok(c.x >= 12 && PHONE.width - (c.x + c.width) >= 12, `margins on both sides (${Math.round(c.x)} px, ${Math.round(PHONE.width - c.x - c.width)} px)`);

    // Joining without a name: the words go under the field, next to the button, on the screen.
    const join = card.getByRole("button", { name: "Join the lounge" });
    await join.tap();
    const words = displayName.safeParse("").error?.issues[0]?.message;
    assert.ok(words);
    const line = card.locator(".field-problem", { hasText: words });
    await line.waitFor();
    assert.ok(await isFocused(yourName));
    await assertFlagged(yourName, line);
    await assertOnScreen(line, "the error");
    await assertOnScreen(join, "the Join button");
    await screenshot(page, "first-visit-phone-join-card");

    await yourName.fill("Pip");
    await join.tap();
    await connected(page);
    assert.equal(await page.locator(".lounge-title").innerText(), "Nameless start");
    await page.locator(".empty-room").waitFor();
    await screenshot(page, "first-visit-phone-lounge");
  });

  it("copies the lounge's link from the header, and the link brings a friend into the same lounge", async () => {
    const lounge = await createLounge({ name: "Share me" });
    const a = await suite.newPage({ permissions: ["clipboard-read", "clipboard-write"] });
    await joinThroughPage(a.page, suite.baseUrl, lounge.id, "Ada", "Fox");
    // Alone: a prompt says to share, with the same button.
    const prompt = a.page.locator(".empty-room");
    await prompt.getByRole("heading", { name: "It's just you here" }).waitFor();
    await prompt.getByRole("button", { name: "Copy link" }).waitFor();

    await a.page.locator(".topbar").getByRole("button", { name: "Copy link" }).click();
    await a.page.locator(".topbar").getByRole("button", { name: "Copied ✓" }).waitFor();
    const link = await a.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(link, `${suite.baseUrl}/l/${lounge.id}`);
    await screenshot(a.page, "first-visit-copied");

    const b = await suite.newPage();
    await b.page.goto(link);
    await b.page.getByLabel("Your name").fill("Bo");
    await b.page.getByRole("button", { name: "Join the lounge" }).click();
    await connected(b.page);
    assert.equal(new URL(b.page.url()).pathname, `/l/${lounge.id}`);
    await a.page.waitForFunction(() => document.querySelectorAll(".people-list .person").length === 2);
    await prompt.waitFor({ state: "hidden" });
  });

  it("gives a private lounge's owner an invite link, in a field to copy from when the clipboard is out of reach", async () => {
    const owner = await register({ displayName: "Olive" });
    const { lounge: server } = await testServer();
    const lounge = await server.context.lounges.create(createLoungeBody.parse({ name: "Invite only", visibility: "private" }), owner.user.id);
    const a = await suite.newPage({ extraHTTPHeaders: { "x-forwarded-for": randomIp() } });
    await a.context.addCookies([{ name: "chill_session", value: owner.token, url: suite.baseUrl }]);
    // A browser that gives the page no clipboard (a page not served over HTTPS, say).
    await a.context.addInitScript(() => { Object.defineProperty(navigator, "clipboard", { value: undefined }); });
    await a.page.goto(`${suite.baseUrl}/l/${lounge.id}`);
    await a.page.getByRole("button", { name: "Join the lounge" }).click();
    await connected(a.page);

    const copy = a.page.locator(".topbar").getByRole("button", { name: "Copy invite link" });
    await copy.click();
    const field = a.page.locator(".topbar").getByLabel("Link to this lounge", { exact: true });
    await field.waitFor();
    const link = await field.inputValue();
    assert.match(link, new RegExp(`^${suite.baseUrl}/l/${lounge.id}\\?invite=[^&]+$`), "an invite link");
    assert.ok(await isFocused(field), "the field has the focus");
    assert.deepEqual(await field.evaluate((f: HTMLInputElement) => [f.selectionStart, f.selectionEnd]), [0, link.length], "the whole link is selected");
    // Asked again, the owner gets the same lasting invite, not a new one each time.
    await copy.click();
    assert.equal(await field.inputValue(), link);
    assert.equal((await server.context.invites.list(lounge.id)).length, 1);

    const b = await suite.newPage();
    await b.page.goto(link);
    await b.page.getByLabel("Your name").fill("Friend");
    await b.page.getByRole("button", { name: "Join the lounge" }).click();
    await connected(b.page);
    assert.equal(await b.page.locator(".lounge-title").innerText(), "Invite only");
  });

  it("adds a track from the empty now-playing bar, and names the skip votes and the volume", async () => {
    const lounge = await createLounge({ name: "Quiet so far" });
    const { page } = await suite.newPage();
    await joinThroughPage(page, suite.baseUrl, lounge.id, "Dee", "Cat");
    const bar = page.getByRole("region", { name: "Now playing" });
    await bar.getByText("Nothing playing").waitFor();
    const votes = bar.getByRole("button", { name: /^Skip votes 0\/1/ });
    assert.equal(await votes.innerText(), "Skip votes 0/1");
    await bar.getByRole("slider", { name: "Music volume" }).waitFor();

    const { tracks } = (await (await fetch(`${suite.baseUrl}/api/tracks`)).json()) as { tracks: TrackDto[] };
    await bar.getByRole("button", { name: "Add a track" }).click();
    const pick = bar.getByLabel("Track to queue");
    assert.ok(await isFocused(pick), "the track list has the focus");
    await pick.locator(`option[value="${tracks[0].id}"]`).waitFor({ state: "attached" });
    await pick.selectOption(tracks[0].id);
    await bar.getByRole("button", { name: "+ Queue" }).click();
    await bar.locator(".np-title", { hasText: tracks[0].title }).waitFor();
    await bar.getByRole("button", { name: "Add a track" }).waitFor({ state: "hidden" });
  });

  it("remembers the avatar across visits: the first one given, then the one picked", async () => {
    const lounge = await createLounge({ name: "Same face" });
    const { page } = await suite.newPage();
    const checked = () => page.locator(".avatar-grid input:checked").getAttribute("value");
    await page.goto(`${suite.baseUrl}/`);
    const first = await checked();
    assert.ok(first);
    await page.reload();
    assert.equal(await checked(), first, "the same avatar on the next visit");
    const other = first === "owl" ? "Ghost" : "Owl";
    await page.locator(".avatar-option", { hasText: other }).click();
    await page.reload();
    assert.equal(await checked(), other.toLowerCase());
    await page.goto(`${suite.baseUrl}/l/${lounge.id}`);
    await page.locator(".join-card").waitFor();
    assert.equal(await checked(), other.toLowerCase(), "and on a lounge's join card");
  });

  describe("on a fresh server (its own process and database)", () => {
    const fresh = serverOnScratchDatabase("chill_first_visit");

    it("shows the default lounge on the start page, and a click and a name take you in", async () => {
      const { page } = await suite.newPage();
      const base = fresh.current().url;
      await page.goto(`${base}/`);
      const item = page.locator(".lounge-item", { hasText: "The Lounge" });
      await item.waitFor();
      assert.equal(await page.locator(".lounge-item").count(), 1, "the one default lounge");
      await item.getByRole("button", { name: "Join The Lounge" }).click();
      await page.getByLabel("Your name").fill("Newcomer");
      await page.getByRole("button", { name: "Join the lounge" }).click();
      await connected(page);
      assert.equal(new URL(page.url()).pathname, "/l/welcome");
      assert.equal(await page.locator(".lounge-title").innerText(), "The Lounge");
    });
  });
});

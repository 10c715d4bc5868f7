// The embeddable widget in Chromium, on a host page from another origin than the lounge: the
// launcher and inline placements, joining, chat both ways through the host API, live theming, a
// phone-sized screen, a host the lounge's owner did not allow, and forged postMessages.
import assert from "node:assert/strict";
import type { Frame, Page } from "playwright-core";
import { browserSuite, type SuitePage } from "../support/browser-suite.ts";
import { createLounge, join, leaveAll } from "../support/lounges.ts";
import { hostSite, hostPage, type HostSite } from "../support/host-site.ts";
import { testServer } from "../support/server.ts";
import { requestPaced } from "../support/wait.ts";
import { screenshot } from "../support/browser.ts";
import type { ChatAck } from "../../shared/protocol.ts";

interface HostEvent { type: string; [k: string]: unknown }
declare global { interface Window { events: HostEvent[]; ChillLounge: { push(command: [string, unknown?]): void; readonly isOpen: boolean } } }

describe("embeddable widget (Chromium)", function () {
  this.timeout(60_000);
  const suite = browserSuite();
  let site: HostSite;
  before(async () => { site = await hostSite(); });
  after(async () => { await site?.close(); });

  async function widgetFrame(page: Page): Promise<Frame> {
    const handle = await page.waitForSelector("iframe[title='Chill Lounge']", { state: "attached" }).catch(async () => {
      // The launcher's frame lives in its shadow root.
      return page.locator("iframe[title='Chill Lounge']").elementHandle();
    });
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error("no widget frame");
    return frame;
  }

  async function joined(page: Page): Promise<Frame> {
    await page.waitForFunction(() => window.events.some((e) => e.type === "joined"), null, { timeout: 20_000 });
    const frame = await widgetFrame(page);
    await frame.waitForFunction(() => window.__widget?.status === "connected");
    return frame;
  }

  async function fullLounge(loungeId: string, name: string): Promise<SuitePage> {
    const p = await suite.newPage();
    await p.page.goto(`${suite.baseUrl}/l/${loungeId}`);
    await p.page.getByLabel("Your name").fill(name);
    await p.page.getByRole("button", { name: "Join the lounge" }).click();
    await p.page.waitForFunction(() => window.__lounge?.status === "connected");
    return p;
  }

  it("shows a launcher on another origin's page; the widget joins, chats both ways through the host API, and walks on a click", async () => {
    const lounge = await createLounge({ name: "Embedded lounge" });
    site.pages.set("/launcher", hostPage(suite.baseUrl, "<p>Welcome to my site.</p><script>window.ChillLounge = window.ChillLounge || []; ChillLounge.push([\"open\"]);</script>", `data-lounge="${lounge.id}" data-name="Hosty"`));
    const host = await suite.newPage();
    await host.page.goto(`${site.origin}/launcher`);
    // Pushed before the loader arrived: the panel opened by itself.
    const frame = await joined(host.page);
    const joinedEvent = (await host.page.evaluate(() => window.events.find((e) => e.type === "joined"))) as HostEvent;
    assert.equal(joinedEvent.name, "Hosty");
    assert.equal(joinedEvent.loungeId, lounge.id);

    const full = await fullLounge(lounge.id, "Grace");
    await frame.waitForFunction(() => window.__widget?.drawnCount() === 2);
    // The furniture is painted after the ground, in idle time: all of it arrives.
    await frame.waitForFunction(() => { const f = window.__widget?.furniture(); return f !== undefined && f.total > 0 && f.painted === f.total; }, undefined, { timeout: 10_000 });
    await host.page.waitForFunction(() => window.events.some((e) => e.type === "people" && Array.isArray(e.people) && e.people.length === 2));

    await host.page.evaluate(() => window.ChillLounge.push(["sendChat", { text: "Hello from the host page" }]));
    await full.page.locator(".chat-log", { hasText: "Hello from the host page" }).waitFor();
    await frame.locator(".w-line", { hasText: "Hello from the host page" }).waitFor();

    await full.page.getByLabel("Chat message").fill("Hi back, host!");
    await full.page.getByLabel("Chat message").press("Enter");
    await host.page.waitForFunction(() => window.events.some((e) => e.type === "message" && e.text === "Hi back, host!" && e.author === "Grace" && e.self === false));
    const me = await frame.evaluate(() => window.__widget?.sessionId ?? "");
    const bubble = await frame.evaluate((id) => window.__widget?.drawn(id)?.bubble, me);
    assert.equal(bubble, "Hello from the host page");

    // Click a spot of the floor in the widget: the server walks the avatar there.
    const start = await frame.evaluate(() => window.__widget?.self());
    const target = { x: 15 * 32 + 16, y: 10 * 32 + 16 };
    const point = await frame.evaluate(({ x, y }) => window.__widget?.pagePoint(x, y), target);
    assert.ok(start && point);
    const box = await (await host.page.locator("iframe[title='Chill Lounge']").elementHandle())?.boundingBox();
    assert.ok(box);
    await host.page.mouse.click(box.x + point.x, box.y + point.y);
    await frame.waitForFunction(({ x, y }) => { const s = window.__widget?.self(); return s !== undefined && Math.hypot(s.x - x, s.y - y) < 40; }, target, { timeout: 15_000 });
    await screenshot(host.page, "widget-launcher");
    assert.deepEqual(host.errors, []);
  });

  it("pages in earlier messages above the recent ones, each once and in order, up to the beginning", async () => {
    const lounge = await createLounge({ name: "Embed with a past" });
    const { lounge: server } = await testServer();
    for (let i = 1; i <= 70; i++) {
      await server.context.chat.insert({ loungeId: lounge.id, authorSessionId: "old", authorUserId: null, authorName: "Archivist", text: `message ${i}` });
    }
    site.pages.set("/history", hostPage(suite.baseUrl, "<script>window.ChillLounge = window.ChillLounge || []; ChillLounge.push([\"open\"]);</script>", `data-lounge="${lounge.id}" data-name="Reader"`));
    const host = await suite.newPage();
    await host.page.goto(`${site.origin}/history`);
    const frame = await joined(host.page);
    const texts = () => frame.locator(".w-line .w-text").allTextContents();
    await frame.locator(".w-line", { hasText: "message 70" }).waitFor();
    assert.ok(!(await texts()).includes("message 1"), "the oldest are not there before asking");
    // Pages of 30 before the oldest shown: as many clicks as the recent window leaves to fetch.
    const beginning = frame.locator(".w-top", { hasText: "The beginning of this lounge's chat." });
    for (let clicks = 0; !(await beginning.isVisible()); clicks++) {
      assert.ok(clicks < 4, "70 messages take at most three pages");
      const before = (await texts()).length;
      await frame.getByRole("button", { name: "Earlier messages" }).click();
      await frame.waitForFunction((n) => document.querySelectorAll(".w-line").length > n || document.querySelector(".w-top")?.textContent?.includes("beginning"), before);
    }
    const all = await texts();
    assert.equal(all.length, 70, "each message once");
    assert.deepEqual(all.slice(0, 3), ["message 1", "message 2", "message 3"], "oldest first");
    assert.equal(all.at(-1), "message 70", "the newest still last");
    assert.deepEqual(host.errors, []);
  });

  it("shows each chat message once and in order, also when its connection drops and comes back", async () => {
    const lounge = await createLounge({ name: "Chatty embed" });
    site.pages.set("/chatty", hostPage(suite.baseUrl, "<script>window.ChillLounge = window.ChillLounge || []; ChillLounge.push([\"open\"]);</script>", `data-lounge="${lounge.id}" data-name="Hosty"`));
    const bo = await join(lounge.id, "Bo", "cat");
    try {
      // Bo sends six messages in about two seconds, past the chat's burst on a fast machine: paced
      // as the lounge's own client paces them (waiting the retryInMs a refusal names).
      const said = ["one", "two", "three"];
      for (const text of said) await requestPaced<ChatAck>(bo, "chat:send", { text, nonce: text });
      const host = await suite.newPage();
      await host.page.goto(`${site.origin}/chatty`);
      const frame = await joined(host.page);
      const lines = () => frame.locator(".w-line .w-text").allTextContents();
      await frame.locator(".w-line", { hasText: "three" }).waitFor();
      const live = await requestPaced<ChatAck>(bo, "chat:send", { text: "four", nonce: "four" });
      await frame.locator(".w-line", { hasText: "four" }).waitFor();
      assert.deepEqual(await lines(), ["one", "two", "three", "four"]);

      // "reconnecting" may last only until the first retry: read it from the status history.
      const before = await frame.evaluate(() => window.__widget?.statuses().length ?? 0);
      await frame.evaluate(() => window.__widget?.dropConnection());
      await frame.waitForFunction((n) => window.__widget?.statuses().slice(n).includes("reconnecting"), before, { timeout: 15_000 });
      const away = await requestPaced<ChatAck>(bo, "chat:send", { text: "said while away", nonce: "away" });
      assert.ok(away.id > live.id);
      await frame.waitForFunction(() => window.__widget?.status === "connected", null, { timeout: 30_000 });
      await frame.locator(".w-line", { hasText: "said while away" }).waitFor();
      await requestPaced<ChatAck>(bo, "chat:send", { text: "after", nonce: "after" });
      await frame.locator(".w-line", { hasText: "after" }).waitFor();
      assert.deepEqual(await lines(), ["one", "two", "three", "four", "said while away", "after"], "each once, in order");
      assert.deepEqual(host.errors, []);
    } finally {
      await leaveAll(bo);
    }
  });

  it("changes its colours live on setTheme, in the DOM and on the canvas", async () => {
    const lounge = await createLounge({ name: "Themed lounge" });
    site.pages.set("/inline", hostPage(suite.baseUrl, `<div data-chill-lounge="${lounge.id}" data-theme="light" style="width:380px;height:520px"></div>`));
    const host = await suite.newPage();
    await host.page.goto(`${site.origin}/inline`);
    const frame = await joined(host.page);
    const bg = () => frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(await bg(), "rgb(251, 244, 236)");
    await host.page.evaluate(() => window.ChillLounge.push(["setTheme", { background: "#102030", accent: "#3b82f6", text: "#ffffff" }]));
    await frame.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(16, 32, 48)");
    assert.equal(await frame.evaluate(() => getComputedStyle(document.querySelector(".w-send") as Element).backgroundColor), "rgb(59, 130, 246)");
    assert.deepEqual(await frame.evaluate(() => window.__widget?.palette()), { accent: "#3b82f6", background: "#102030", text: "#ffffff" });
    assert.equal(await frame.evaluate(() => window.__widget?.canvasBackground()), "#102030");
    await screenshot(host.page, "widget-themed");
  });

  it("opens from the launcher on a phone-sized screen, filling it above the button", async () => {
    const lounge = await createLounge({ name: "Phone lounge" });
    site.pages.set("/phone", hostPage(suite.baseUrl, "<p>My phone site.</p>", `data-lounge="${lounge.id}"`));
    const host = await suite.newPage({ viewport: { width: 390, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await host.page.goto(`${site.origin}/phone`);
    const launcher = host.page.getByRole("button", { name: "Open the lounge" });
    await launcher.tap();
    const frame = await joined(host.page);
    const box = await host.page.locator("iframe[title='Chill Lounge']").boundingBox();
    assert.ok(box && box.width >= 380 && box.height >= 600, `the panel fills the phone: ${JSON.stringify(box)}`);
    assert.ok(await frame.getByLabel("Chat message").isVisible());
    await screenshot(host.page, "widget-phone");
    await host.page.getByRole("button", { name: "Close the lounge" }).tap();
    assert.equal(await host.page.evaluate(() => window.ChillLounge.isOpen), false);
  });

  it("refuses a host that is not on the lounge's list, by frame-ancestors, and says so in the box", async () => {
    const lounge = await createLounge({ name: "Picky lounge" });
    await (await testServer()).lounge.context.lounges.setEmbedOrigins(lounge.id, ["https://friend.example"]);
    const res = await fetch(`${suite.baseUrl}/embed/${lounge.id}`);
    assert.match(res.headers.get("content-security-policy") ?? "", /frame-ancestors 'self' https:\/\/friend\.example/);
    site.pages.set("/refused", hostPage(suite.baseUrl, `<div data-chill-lounge="${lounge.id}" style="width:360px;height:300px"></div>
      <iframe id="raw" title="raw" src="${suite.baseUrl}/embed/${lounge.id}" style="width:300px;height:200px"></iframe>`));
    const host = await suite.newPage();
    await host.page.goto(`${site.origin}/refused`);
    await host.page.getByRole("alert").filter({ hasText: "not on the lounge's list" }).waitFor();
    await host.page.waitForFunction(() => window.events.some((e) => e.type === "error" && e.code === "EMBED_REFUSED"));
    // A frame made by hand, past the loader, is blocked by the browser itself.
    await waitForWarning(host.errors, "frame-ancestors");
    const raw = await (await host.page.locator("#raw").elementHandle())?.contentFrame();
    assert.ok(raw);
    assert.ok(await raw.evaluate(() => document.querySelector(".w-root") === null).catch(() => true), "no widget inside the refused frame");
  });

  it("ignores and logs forged postMessages: wrong origin, wrong shape, unknown version", async () => {
    const lounge = await createLounge({ name: "Guarded lounge" });
    site.pages.set("/evil", `<!doctype html><script>
      parent.frames[0].postMessage({ v: 1, type: "sendChat", text: "forged from a third origin" }, "*");
      parent.postMessage({ v: 1, type: "message", id: 1, author: "Mallory", text: "forged event", at: 1, self: false }, "*");
    </script>`);
    site.pages.set("/guarded", hostPage(suite.baseUrl, `<div data-chill-lounge="${lounge.id}" style="width:360px;height:420px"></div>`));
    const host = await suite.newPage();
    const warnings: string[] = [];
    host.page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
    await host.page.goto(`${site.origin}/guarded`);
    const frame = await joined(host.page);
    await host.page.evaluate((origin) => {
      const w = (document.querySelector("iframe[title='Chill Lounge']") as HTMLIFrameElement).contentWindow;
      w?.postMessage({ v: 2, type: "sendChat", text: "from the future" }, origin);
      w?.postMessage({ v: 1, type: "sendChat", text: 42 }, origin);
      const evil = document.createElement("iframe");
      evil.src = location.href.replace("127.0.0.1", "localhost").replace("/guarded", "/evil");
      document.body.append(evil);
    }, suite.baseUrl);
    await frame.waitForFunction(() => (window.__widget?.ignored().length ?? 0) >= 3);
    const ignored = await frame.evaluate(() => window.__widget?.ignored() ?? []);
    assert.ok(ignored.some((w) => w.includes("unknown protocol version 2")), ignored.join(" | "));
    assert.ok(ignored.some((w) => w.includes("not a command")), ignored.join(" | "));
    assert.ok(ignored.some((w) => w.includes("not from the host page")), ignored.join(" | "));
    await waitForWarning(warnings, "not from a lounge widget on this page");
    assert.ok(!(await host.page.evaluate(() => window.events.some((e) => e.type === "message"))), "the forged event never reached the host's listeners");
    assert.equal(await frame.locator(".w-line").count(), 0, "nothing forged was sent to the lounge");
  });
});

/** Console lines arrive as events, with nothing to await: look again for up to 5 s. */
async function waitForWarning(warnings: string[], text: string): Promise<void> {
  for (let i = 0; i < 50 && !warnings.some((w) => w.includes(text)); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(warnings.some((w) => w.includes(text)), `a warning saying "${text}": ${warnings.join(" | ")}`);
}

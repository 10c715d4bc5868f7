// The browser lounge in a real browser against the real server: the start page, joining, seeing and
// moving avatars, chat (including hostile text), dropped connections and a phone-sized screen.
import assert from "node:assert/strict";
import type { BrowserContext, Page } from "playwright-core";
import { testServer } from "../support/server.ts";
import { createLounge, join, leaveAll, type LoungeClient } from "../support/lounges.ts";
import type { ChatAck } from "../../shared/protocol.ts";
import { screenshot } from "../support/browser.ts";
import { browserSuite, type SuitePage } from "../support/browser-suite.ts";
import { matchMaker } from "@colyseus/core";
import { AVATAR_SPEED } from "../../shared/movement.ts";
import { emotes } from "../../shared/avatars.ts";
import { emoteGlyph } from "../../client/lounge/emote-glyphs.ts";
import { waitFor } from "../support/wait.ts";
import { joinThroughPage, queueThroughBar } from "../support/listening.ts";
import type { LoungeRoom } from "../../server/rooms/lounge-room.ts";

describe("browser lounge (Chromium)", function () {
  this.timeout(60_000);
  const suite = browserSuite();

  function newPage(viewport = { width: 1280, height: 800 }, mobile = false): Promise<SuitePage> {
    return suite.newPage({ viewport, hasTouch: mobile, isMobile: mobile, deviceScaleFactor: mobile ? 2 : 1 });
  }

  const joinByLink = (page: Page, loungeId: string, name: string, avatar: string) => joinThroughPage(page, suite.baseUrl, loungeId, name, avatar);

  /**
   * Takes a page offline the way a dead network would. Chromium's offline emulation stops new
   * requests but may leave an open WebSocket alone (and may swallow the page's closing frame), so:
   * the page must notice by itself (the browser's "offline" event) and let go of its socket, or
   * the test cuts it from the page; and the server's end is cut too, as a real outage would.
   */
  async function goOffline(page: Page, context: BrowserContext, loungeId: string, sessionId: string): Promise<void> {
    await context.setOffline(true);
    const noticed = await page.waitForFunction(() => window.__lounge?.status === "reconnecting", null, { timeout: 3000 }).then(() => true, () => false);
    if (!noticed) await page.evaluate(() => window.__lounge?.dropConnection());
    const room = matchMaker.getLocalRoomById(loungeId) as LoungeRoom | undefined;
    const serverEnd = room?.clients.getById(sessionId);
    (serverEnd?.ref as { terminate?: () => void } | undefined)?.terminate?.();
  }

  const peopleNames = (page: Page) => page.locator(".people-list .person-name").allTextContents();

  it("lists public lounges live on the start page, and joins one with a name and an avatar", async () => {
    const lounge = await createLounge({ name: "Start page lounge" });
    const { page } = await newPage();
    await page.goto(`${suite.baseUrl}/`);
    const item = page.locator(".lounge-item", { hasText: "Start page lounge" });
    await item.waitFor();
    assert.match(await item.locator(".lounge-count").innerText(), /^0 \/ 50/);

    // Someone else walks in: the count on the start page follows without a reload.
    const other = await newPage();
    await joinByLink(other.page, lounge.id, "Grace", "Owl");
    await page.waitForFunction((id) => document.querySelector(`[data-lounge-id="${id}"] .lounge-count`)?.textContent?.startsWith("1 / 50"), lounge.id);

    await page.getByLabel("Your name").fill("Linus");
    await page.locator(".avatar-option", { hasText: "Panda" }).click();
    await screenshot(page, "start-page");
    await item.getByRole("button", { name: /Join/ }).click();
    await page.waitForFunction(() => window.__lounge?.status === "connected");
    assert.equal(new URL(page.url()).pathname, `/l/${lounge.id}`);
    await page.waitForFunction(() => document.querySelectorAll(".people-list .person").length === 2);
    assert.deepEqual((await peopleNames(page)).sort(), ["Grace", "Linus"]);
  });

  it("starts a new lounge from the start page and takes you in", async () => {
    const { page } = await newPage();
    await page.goto(`${suite.baseUrl}/`);
    await page.getByLabel("Your name").fill("Ada");
    await page.getByLabel("Name", { exact: true }).fill("Brand new lounge");
    await page.getByLabel("Who can find it").selectOption("unlisted");
    await page.getByRole("button", { name: "Start the lounge" }).click();
    await page.waitForFunction(() => window.__lounge?.status === "connected");
    assert.match(new URL(page.url()).pathname, /^\/l\/[^/]+$/);
    assert.equal(await page.locator(".lounge-title").innerText(), "Brand new lounge");
  });

  it("says so when a lounge link leads nowhere, and offers the list", async () => {
    await createLounge({ name: "Somewhere real" });
    const { page } = await newPage();
    await page.goto(`${suite.baseUrl}/l/no-such-lounge`);
    await page.getByRole("heading", { name: "No such lounge" }).waitFor();
    await page.locator(".lounge-item", { hasText: "Somewhere real" }).first().waitFor();
  });

  it("shows two people each other's avatars, and a move on one page on the other, smoothly", async () => {
    const lounge = await createLounge({ name: "Two of us" });
    const a = await newPage();
    const b = await newPage();
    const aId = await joinByLink(a.page, lounge.id, "Ada", "Fox");
    const bId = await joinByLink(b.page, lounge.id, "Bo", "Frog");
    for (const { page } of [a, b]) {
      await page.waitForFunction(() => window.__lounge?.drawnCount() === 2);
      assert.deepEqual((await peopleNames(page)).sort(), ["Ada", "Bo"]);
    }
    assert.ok(await b.page.evaluate((id) => window.__lounge?.drawn(id) !== undefined, aId), "B draws A's avatar");
    assert.ok(await a.page.evaluate((id) => window.__lounge?.drawn(id) !== undefined, bId), "A draws B's avatar");

    // Ada clicks a spot on the floor; Bo's page shows her walking there, never jumping.
    const target = { x: 15 * 32 + 16, y: 12 * 32 + 16 };
    // Sampled on every frame until she has stood at the spot for 300 ms (20 s at most: a busy
    // machine may deliver the click and the walk late).
    const track = b.page.evaluate(async ({ id, to }) => {
      const samples: { t: number; x: number; y: number }[] = [];
      const start = performance.now();
      let there: number | undefined;
      await new Promise<void>((done) => {
        const frame = () => {
          const now = performance.now();
          const p = window.__lounge?.drawn(id);
          if (p) samples.push({ t: now, x: p.x, y: p.y });
          there = p && Math.hypot(p.x - to.x, p.y - to.y) < 2 ? there ?? now : undefined;
          if ((there === undefined || now - there < 300) && now - start < 20_000) requestAnimationFrame(frame); else done();
        };
        requestAnimationFrame(frame);
      });
      return samples;
    }, { id: aId, to: target });
    const point = await a.page.evaluate(({ x, y }) => window.__lounge?.pagePoint(x, y), target);
    assert.ok(point);
    await a.page.mouse.click(point.x, point.y);
    const samples = await track;
    const last = samples[samples.length - 1];
    assert.ok(Math.hypot(last.x - target.x, last.y - target.y) < 2, `A ends at the clicked spot on B's screen (${last.x}, ${last.y})`);
    // Speed over windows of at least 200 ms: a teleport (a jump of several tiles, 160 px and more
    // on this walk) still reads 800 px/s or faster, but a busy machine's frame jitter and the
    // interpolation catching up after a late patch do not.
    let fastest = 0;
    for (let i = 0, j = 0; i < samples.length; i++) {
      while (j < samples.length && samples[j].t - samples[i].t < 200) j++;
      if (j >= samples.length) break;
      const dt = (samples[j].t - samples[i].t) / 1000;
      fastest = Math.max(fastest, Math.hypot(samples[j].x - samples[i].x, samples[j].y - samples[i].y) / dt);
    }
    assert.ok(fastest > 0 && fastest < AVATAR_SPEED * 2.5, `moves at walking speed, never jumps (fastest ${fastest.toFixed(0)} px/s over 200 ms)`);

    // Arrow keys walk too.
    const before = await a.page.evaluate(() => window.__lounge?.self());
    await a.page.keyboard.down("ArrowUp");
    await a.page.waitForFunction((y0) => (window.__lounge?.self()?.y ?? Infinity) < y0 - 32, before?.y ?? 0);
    await a.page.keyboard.up("ArrowUp");
    await b.page.waitForFunction(({ id, y0 }) => (window.__lounge?.drawn(id)?.y ?? Infinity) < y0 - 32, { id: aId, y0: before?.y ?? 0 });
    await screenshot(b.page, "two-people");
    assert.deepEqual(a.errors.filter((e) => e.startsWith("pageerror")), []);
  });

  it("carries chat between pages as plain text, even when it looks like markup", async () => {
    const lounge = await createLounge({ name: "Chatty" });
    const a = await newPage();
    const b = await newPage();
    const ada = await joinByLink(a.page, lounge.id, "Ada", "Cat");
    await joinByLink(b.page, lounge.id, "Bo", "Bear");

    await a.page.getByLabel("Chat message").fill("hello from Ada");
    // Checked every frame: the test server lets "typing" lapse after a second, and a locator's
    // wait looks only every 500 ms once it has waited a little.
    await b.page.waitForFunction(() => document.querySelector(".typing-line")?.textContent === "Ada is typing…");
    await a.page.getByLabel("Chat message").press("Enter");
    await b.page.locator(".chat-log .msg-text", { hasText: "hello from Ada" }).waitFor();
    await a.page.locator(".msg.own .msg-status", { hasText: "sent ✓" }).waitFor();
    await b.page.waitForFunction(() => document.querySelector(".typing-line")?.textContent === "");
    // In the world too: a speech bubble over Ada's avatar on Bo's page, and an emote she sends.
    await b.page.waitForFunction((id) => window.__lounge?.overhead(id)?.bubble === "hello from Ada", ada);
    await a.page.getByRole("button", { name: `Emote: ${emotes[1]}` }).click();
    await b.page.waitForFunction(([id, glyph]) => window.__lounge?.overhead(id)?.emotes.includes(glyph) ?? false, [ada, emoteGlyph[emotes[1]]] as const);

    const hostile = "<img src=x onerror=window.__xss=1>";
    await a.page.getByLabel("Chat message").fill(hostile);
    await a.page.getByLabel("Chat message").press("Enter");
    for (const { page } of [a, b]) {
      const line = page.locator(".chat-log .msg-text", { hasText: hostile });
      await line.waitFor();
      assert.equal(await line.innerText(), hostile, "shown exactly as typed");
      assert.equal(await page.locator(".chat-log img").count(), 0, "no element was made from it");
      assert.equal(await page.evaluate(() => (window as { __xss?: unknown }).__xss), undefined, "nothing ran");
    }
    await screenshot(b.page, "chat");
  });

  it("draws the lounge with WebGL when asked (as computers with a GPU get it), and people on it", async () => {
    const lounge = await createLounge({ name: "WebGL" });
    const a = await newPage();
    const b = await newPage();
    await joinByLink(b.page, lounge.id, "Bo", "Bear");
    await a.page.goto(`${suite.baseUrl}/l/${lounge.id}?renderer=webgl`);
    await a.page.getByLabel("Your name").fill("Ada");
    await a.page.getByRole("button", { name: "Join the lounge" }).click();
    await a.page.waitForFunction(() => window.__lounge?.status === "connected");
    assert.equal(await a.page.evaluate(() => window.__lounge?.renderer()), "webgl");
    await a.page.waitForFunction(() => window.__lounge?.drawnCount() === 2);
    // Read back from the WebGL frame: the floor is painted (not the empty background, not black).
    const self = await a.page.evaluate(() => window.__lounge?.self());
    assert.ok(self);
    const floor = await a.page.evaluate(async ({ x, y }) => {
      const p = window.__lounge!.pagePoint(x, y);
      return window.__lounge!.pixel(p.x, p.y - 48);
    }, self);
    const background = { r: 0x1b, g: 0x12, b: 0x20 };
    assert.notDeepEqual(floor, background, "the map is drawn");
    assert.ok(floor.r + floor.g + floor.b > 30, `the map is drawn, not black: ${JSON.stringify(floor)}`);
    // And it keeps drawing: Bo walks to a spot on the floor, and Ada's WebGL page shows him there.
    const bo = await b.page.evaluate(() => window.__lounge!.sessionId);
    const target = { x: 15 * 32 + 16, y: 12 * 32 + 16 };
    const point = await b.page.evaluate(({ x, y }) => window.__lounge!.pagePoint(x, y), target);
    await b.page.mouse.click(point.x, point.y);
    await a.page.waitForFunction(([id, x, y]) => {
      const p = window.__lounge?.drawn(id);
      return p !== undefined && Math.hypot(p.x - x, p.y - y) < 2;
    }, [bo, target.x, target.y] as const);
    assert.deepEqual(a.errors, [], "no errors in the WebGL page");
    await screenshot(a.page, "webgl");
  });

  it("asks a listener to click once before sound plays, as browsers require, then plays in step", async () => {
    const lounge = await createLounge({ name: "Autoplay" });
    const a = await newPage();
    // Headless Chromium lets every page play sound. Hold this page to the strictest rule browsers
    // apply (Safari's): an audio context starts suspended and resumes only during a click.
    await a.context.addInitScript(() => {
      let inClick = false;
      window.addEventListener("click", () => { inClick = true; setTimeout(() => { inClick = false; }, 0); }, true);
      const Native = window.AudioContext;
      window.AudioContext = class extends Native {
        constructor(options?: AudioContextOptions) {
          super(options);
          void super.suspend();
        }
        override resume(): Promise<void> {
          return inClick ? super.resume() : Promise.resolve();
        }
      };
    });
    await joinByLink(a.page, lounge.id, "Ada", "Fox");
    const { tracks } = (await (await fetch(`${suite.baseUrl}/api/tracks`)).json()) as { tracks: { id: string }[] };
    await queueThroughBar(a.page, tracks[0].id);
    const prompt = a.page.getByRole("button", { name: /Click to listen/ });
    await prompt.waitFor();
    assert.equal(await a.page.evaluate(() => window.__lounge?.music()?.locked), true, "no sound before the click");
    await prompt.click();
    await prompt.waitFor({ state: "hidden" });
    await a.page.waitForFunction(() => {
      const m = window.__lounge?.music();
      return m && !m.locked && m.status === "playing" && m.heardMs !== undefined && m.expectedMs !== undefined && Math.abs(m.heardMs - m.expectedMs) < 50;
    }, null, { timeout: 20_000 });
    assert.deepEqual(a.errors, []);
  });

  it("shows every message of a burst larger than the recent chat once, in order, also after a reconnect", async function () {
    this.timeout(90_000);
    const lounge = await createLounge({ name: "Busy" });
    const a = await newPage();
    await joinByLink(a.page, lounge.id, "Ada", "Fox");
    const { config } = (await testServer()).lounge.context;
    const senders: LoungeClient[] = [];
    const shown = () => a.page.locator(".chat-log .msg-text").allTextContents();
    try {
      while (senders.length * config.CHAT_BURST < config.CHAT_STATE_SIZE + 15) senders.push(await join(lounge.id, `S${senders.length}`, "owl"));
      const acks = await Promise.all(senders.flatMap((s, i) => Array.from({ length: config.CHAT_BURST },
        (_, k) => s.request<unknown, ChatAck>("chat:send", { text: `burst ${i}.${k}`, nonce: `burst-${i}-${k}` }))));
      const inIdOrder = acks.map((ack, n) => ({ id: ack.id, n })).sort((x, y) => x.id - y.id)
        .map(({ n }) => `burst ${Math.floor(n / config.CHAT_BURST)}.${n % config.CHAT_BURST}`);
      await a.page.waitForFunction((n) => document.querySelectorAll(".chat-log .msg-text").length === n, acks.length);
      assert.deepEqual(await shown(), inIdOrder, "every message once, in the order stored");
      // A reconnect brings the recent chat again (all of it already shown), and what came meanwhile.
      // "reconnecting" may last only until the first retry (a few hundred ms): read it from the
      // page's status history, not by catching it live.
      const before = await a.page.evaluate(() => window.__lounge?.statuses().length ?? 0);
      await a.page.evaluate(() => window.__lounge?.dropConnection());
      await a.page.waitForFunction((n) => window.__lounge?.statuses().slice(n).includes("reconnecting"), before, { timeout: 15_000 });
      const bo = await join(lounge.id, "Bo", "cat");
      senders.push(bo);
      const meanwhile = await bo.request<unknown, ChatAck>("chat:send", { text: "said while Ada was away", nonce: "away" });
      await a.page.waitForFunction(() => window.__lounge?.status === "connected", null, { timeout: 30_000 });
      await a.page.locator(".chat-log .msg-text", { hasText: "said while Ada was away" }).waitFor();
      assert.ok(meanwhile.id > Math.max(...acks.map((x) => x.id)));
      assert.deepEqual(await shown(), [...inIdOrder, "said while Ada was away"], "nothing twice after the reconnect");
    } finally {
      await leaveAll(...senders);
    }
  });

  it("loads older messages over HTTP when the chat is scrolled to the top", async () => {
    const lounge = await createLounge({ name: "Long history" });
    const { lounge: server } = await testServer();
    for (let i = 1; i <= 70; i++) {
      await server.context.chat.insert({ loungeId: lounge.id, authorSessionId: "old", authorUserId: null, authorName: "Archivist", text: `message ${i}` });
    }
    const { page } = await newPage();
    await joinByLink(page, lounge.id, "Reader", "Bear");
    const texts = () => page.locator(".chat-log .msg-text").allTextContents();
    await page.waitForFunction(() => document.querySelectorAll(".chat-log .msg").length >= 50);
    assert.equal((await texts()).at(-1), "message 70", "the newest is at the bottom");
    assert.ok(!(await texts()).includes("message 1"), "the oldest are not loaded yet");
    await page.locator(".chat-log").evaluate((log) => { log.scrollTop = 0; });
    await page.locator(".chat-log .msg-text", { hasText: /^message 1$/ }).waitFor();
    const all = await texts();
    assert.equal(all.length, 70, "each message once");
    assert.deepEqual(all.slice(0, 3), ["message 1", "message 2", "message 3"], "in order");
    await page.locator(".chat-history", { hasText: "The beginning of this lounge's chat." }).waitFor();
  });

  it("keeps your seat when the connection drops, and sends what you typed meanwhile", async () => {
    // The seat is held 30 s here, as by default (the test server holds it 3 s): the steps below
    // while offline take longer than that on a busy machine.
    const { config } = (await testServer()).lounge.context;
    const hold = config.RECONNECT_SECONDS;
    Reflect.set(config, "RECONNECT_SECONDS", 30);
    try {
      await keepsSeatWhileOffline();
    } finally {
      Reflect.set(config, "RECONNECT_SECONDS", hold);
    }
  });

  async function keepsSeatWhileOffline(): Promise<void> {
    const lounge = await createLounge({ name: "Flaky wifi" });
    const a = await newPage();
    const b = await newPage();
    const aId = await joinByLink(a.page, lounge.id, "Ada", "Robot");
    await joinByLink(b.page, lounge.id, "Bo", "Ghost");
    await b.page.waitForFunction(() => window.__lounge?.drawnCount() === 2);

    await goOffline(a.page, a.context, lounge.id, aId);
    await a.page.locator(".status-pill", { hasText: "Reconnecting" }).waitFor();
    await a.page.locator(".banner", { hasText: "Reconnecting" }).waitFor();
    // Bo sees Ada as away, still one avatar.
    await b.page.locator(".person.away", { hasText: "Ada" }).waitFor();

    await a.page.getByLabel("Chat message").fill("typed while offline");
    await a.page.getByLabel("Chat message").press("Enter");
    await a.page.locator(".msg.own .msg-status", { hasText: "waiting to send" }).waitFor();
    await screenshot(a.page, "offline");

    await a.context.setOffline(false);
    await a.page.waitForFunction(() => window.__lounge?.status === "connected", null, { timeout: 15_000 });
    assert.equal(await a.page.evaluate(() => window.__lounge?.sessionId), aId, "same seat");
    await b.page.locator(".chat-log .msg-text", { hasText: "typed while offline" }).waitFor();
    await b.page.waitForFunction((id) => window.__lounge?.players().filter((p) => p.sessionId === id && p.connected).length === 1, aId);
    assert.equal(await b.page.evaluate(() => window.__lounge?.drawnCount()), 2, "Bo still sees exactly two avatars");
    assert.equal(await b.page.locator(".people-list .person", { hasText: "Ada" }).count(), 1);
    assert.equal(await a.page.locator(".chat-log .msg-text", { hasText: "typed while offline" }).count(), 1, "sent once");
  }

  it("takes a new seat by itself when the held one was given up, showing Reconnecting meanwhile", async () => {
    const lounge = await createLounge({ name: "Long tunnel" });
    const { page, context } = await newPage();
    const first = await joinByLink(page, lounge.id, "Ada", "Fox");
    await goOffline(page, context, lounge.id, first);
    // Stay away until the server has given the seat up (the test server holds seats for 3 s).
    await waitFor(() => {
      const room = matchMaker.getLocalRoomById(lounge.id) as LoungeRoom | undefined;
      return !room?.state.players.has(first);
    }, { timeout: 20_000, what: "the server to give the seat up" });
    assert.notEqual(await page.evaluate(() => window.__lounge?.status), "failed", "still trying, not given up");
    await context.setOffline(false);
    // Back online: a new seat, same name, without a click; never "failed" on the way.
    await page.waitForFunction((old) => window.__lounge?.status === "connected" && window.__lounge.sessionId !== old, first, { timeout: 30_000 });
    const second = await page.evaluate(() => window.__lounge?.sessionId);
    assert.ok(second && second !== first, "a new seat");
    await page.waitForFunction(() => document.querySelectorAll(".people-list .person").length === 1);
    assert.ok(await page.locator(".people-list .person", { hasText: "Ada" }).isVisible(), "under the same name");
  });

  it("works on a phone: tap to walk, open the chat and send", async () => {
    const lounge = await createLounge({ name: "Pocket lounge" });
    const { page } = await newPage({ width: 390, height: 844 }, true);
    await joinByLink(page, lounge.id, "Pip", "Owl");
    await page.waitForFunction(() => window.__lounge?.drawnCount() === 1);
    const start = await page.evaluate(() => window.__lounge?.self());
    assert.ok(start);
    const target = { x: start.x, y: start.y - 3 * 32 };
    const point = await page.evaluate(({ x, y }) => window.__lounge?.pagePoint(x, y), target);
    assert.ok(point);
    await page.touchscreen.tap(point.x, point.y);
    await page.waitForFunction((y) => (window.__lounge?.self()?.y ?? Infinity) < y - 48, start.y);
    await screenshot(page, "phone-lounge");

    await page.getByRole("button", { name: "Chat" }).tap();
    await page.getByLabel("Chat message").fill("hi from my phone");
    await page.getByRole("button", { name: "Send" }).tap();
    await page.locator(".chat-log .msg-text", { hasText: "hi from my phone" }).waitFor();
    await page.locator(".msg.own .msg-status", { hasText: "sent ✓" }).waitFor();
    await screenshot(page, "phone-chat");
  });
});

// Voice in real Chromium pages with a fake microphone: two people hear each other (audio bytes
// arrive both ways) and a mute stops them; eight people each hold at most six links, to the
// nearest, and walking across the room re-chooses them.
import assert from "node:assert/strict";
import { volumeAt } from "../../client/voice/falloff.ts";
import type { Page } from "playwright-core";
import { createLounge } from "../support/lounges.ts";
import { waitFor } from "../support/wait.ts";
import { browserSuite } from "../support/browser-suite.ts";
import { screenshot } from "../support/browser.ts";
import { choosePeers } from "../../client/voice/peer-choice.ts";
import { MAX_VOICE_PEERS } from "../../shared/features/voice.ts";

const TILE = 32;
const tile = (tx: number, ty: number) => ({ x: tx * TILE + TILE / 2, y: ty * TILE + TILE / 2 });

describe("voice in the browser (Chromium, fake microphone)", function () {
  this.timeout(120_000);
  const suite = browserSuite({ fakeMedia: true });

  /** Joins by link with the canvas renderer (lighter than WebGL on a busy machine). */
  async function enter(page: Page, loungeId: string, name: string): Promise<string> {
    await page.goto(`${suite.baseUrl}/l/${loungeId}?renderer=canvas`);
    await page.getByLabel("Your name").fill(name);
    await page.locator(".avatar-option").first().click();
    await page.getByRole("button", { name: "Join the lounge" }).click();
    // Generous: on a busy two-core machine eight lounge pages take a while to load.
    await page.waitForFunction(() => window.__lounge?.status === "connected", null, { timeout: 90_000 });
    return page.evaluate(() => window.__lounge?.sessionId ?? "");
  }

  /**
   * Opens the voice panel and joins like a person: Join voice, read why, Allow microphone. Returns
   * whether the explanation came first (it does not once the browser already allows the microphone).
   */
  async function joinVoice(page: Page, errors: string[] = [], tryAgainOnce = false): Promise<boolean> {
    await page.getByRole("button", { name: "Voice", exact: true }).click();
    await page.getByRole("button", { name: "Join voice" }).click();
    const allow = page.getByRole("button", { name: "Allow microphone" });
    await page.waitForFunction(() => window.__lounge?.voice.status() !== "off" || document.querySelector(".voice-why:not([hidden])") !== null);
    const explained = await allow.isVisible();
    if (explained) {
      assert.ok(await page.getByText("Voice needs your microphone").isVisible());
      await allow.click();
    }
    await page.waitForFunction(() => ["on", "error"].includes(window.__lounge?.voice.status() ?? ""), null, { timeout: 60_000 });
    if (tryAgainOnce && await page.evaluate(() => window.__lounge?.voice.status()) === "error") {
      // Eight pages joining at once on two cores: as a person would, press Try again once, and
      // say why the first try failed (the page logs the cause).
      console.log(`      a page's voice join failed once (${errors.join("; ") || "no cause logged"}); Try again`);
      await page.evaluate(() => [...document.querySelectorAll<HTMLButtonElement>("button")].find((b) => b.textContent === "Try again" && !b.hidden)?.click());
      await page.waitForFunction(() => window.__lounge?.voice.status() !== "error", null, { timeout: 10_000 }).catch(() => undefined);
      await page.waitForFunction(() => ["on", "error"].includes(window.__lounge?.voice.status() ?? ""), null, { timeout: 60_000 });
    }
    assert.equal(await page.evaluate(() => window.__lounge?.voice.status()), "on", `${await page.locator(".voice-error").textContent() ?? ""} ${errors.join("; ")}`);
    return explained;
  }

  type Stats = Record<string, { bytesReceived: number; bytesSent: number }>;
  const stats = (page: Page): Promise<Stats> => page.evaluate(() => window.__lounge?.voice.stats() ?? Promise.resolve({}));
  const connectedTo = (page: Page) => page.evaluate(() => (window.__lounge?.voice.peers() ?? []).filter((p) => p.state === "connected").map((p) => p.id).sort());
  const linkedTo = (page: Page) => page.evaluate(() => (window.__lounge?.voice.peers() ?? []).filter((p) => p.state !== "failed").map((p) => p.id).sort());

  /** Bytes received from `from` on `page`, now and `ms` later. */
  async function received(page: Page, from: string, ms: number): Promise<[number, number]> {
    const before = (await stats(page))[from]?.bytesReceived ?? 0;
    await page.waitForTimeout(ms);
    const after = (await stats(page))[from]?.bytesReceived ?? 0;
    return [before, after];
  }

  it("lets two people hear each other, shows who speaks, and a mute stops the sound", async function () {
    const lounge = await createLounge({ name: "Two voices" });
    const a = await suite.newPage({ viewport: { width: 900, height: 600 } });
    const b = await suite.newPage({ viewport: { width: 900, height: 600 } });
    // Ada's browser has not been asked about the microphone yet (the fake-device flags allow it
    // outright): the panel must say why before the browser asks.
    await a.context.addInitScript(() => {
      const query = navigator.permissions.query.bind(navigator.permissions);
      navigator.permissions.query = (d) => (d.name === ("microphone" as PermissionName) ? Promise.resolve({ state: "prompt" } as PermissionStatus) : query(d));
    });
    const aId = await enter(a.page, lounge.id, "Ada");
    const bId = await enter(b.page, lounge.id, "Bo");
    // The Voice button is drawn (an inline SVG microphone), not an emoji glyph that shows as an
    // empty box where no emoji font is installed.
    const toggle = a.page.getByRole("button", { name: "Voice", exact: true });
    assert.equal(await toggle.locator("svg").count(), 1);
    assert.doesNotMatch(await toggle.innerText(), /\p{Extended_Pictographic}/u);
    assert.equal(await joinVoice(a.page), true, "Ada is told why before the browser asks");
    assert.equal(await joinVoice(b.page), false, "Bo's browser already allows it: no explanation");

    await a.page.waitForFunction((id) => window.__lounge?.voice.peers().some((p) => p.id === id && p.state === "connected"), bId, { timeout: 20_000 });
    await b.page.waitForFunction((id) => window.__lounge?.voice.peers().some((p) => p.id === id && p.state === "connected"), aId, { timeout: 20_000 });
    // Audio flows both ways: inbound-rtp bytes grow on each side. ("connected" can come a moment
    // before the first packet: wait for Ada's first bytes at Bo's, then watch them grow.)
    await waitFor(async () => ((await stats(b.page))[aId]?.bytesReceived ?? 0) > 0 || undefined, { timeout: 10_000, what: "Ada's first audio bytes at Bo's" });
    const [b0, b1] = await received(b.page, aId, 1500);
    const [a0, a1] = await received(a.page, bId, 100);
    assert.ok(b1 > b0 && b0 > 0, `Bo receives Ada's audio (${b0} → ${b1} bytes)`);
    assert.ok(a1 > 0, `Ada receives Bo's audio (${a0} → ${a1} bytes)`);
    // Both stand at the door (its four tiles are up to 2.2 tiles apart): loud, at the volume their
    // distance gives, on a media element (see remote-audio.ts).
    const people = await b.page.evaluate(() => window.__lounge?.players() ?? []);
    const [pa, pb] = [aId, bId].map((id) => people.find((p) => p.sessionId === id));
    assert.ok(pa && pb, "both are in Bo's lounge");
    const volume = await b.page.evaluate((id) => window.__lounge?.voice.playbackVolume(id), aId);
    assert.equal(volume, volumeAt(Math.hypot(pa.x - pb.x, pa.y - pb.y)));
    assert.ok(volume !== undefined && volume > 0.8, `near the door, loud: ${volume}`);
    await b.page.getByText(/Talking with 1 person nearby/).waitFor();

    // The fake microphone beeps (short beeps the meter hears wherever they fall between its reads):
    // Ada's level meter says she speaks, and Bo's page rings her avatar.
    // (20 s like the links above: in the full suite on a 2-core CI machine, 10 s once ran out.)
    await b.page.waitForFunction((id) => window.__lounge?.voice.speakingShown(id), aId, { timeout: 20_000 });
    await screenshot(b.page, "voice-two-people");

    // Ada mutes: Bo sees it, and no more of her audio arrives (not even silence).
    await a.page.getByRole("button", { name: "Mute microphone" }).click();
    await b.page.waitForFunction((id) => window.__lounge?.voice.members().some((m) => m.sessionId === id && m.muted && !m.speaking), aId);
    await b.page.waitForTimeout(700); // packets already in flight
    await screenshot(b.page, "voice-muted");
    // Nothing over a whole 1.5 s window (a busy machine may still deliver late packets or stale
    // stats in the first; audio that keeps coming fills every window until the deadline).
    let [m0, m1] = await received(b.page, aId, 1500);
    for (const until = Date.now() + 15_000; m1 !== m0 && Date.now() < until;) [m0, m1] = await received(b.page, aId, 1500);
    assert.equal(m1, m0, `nothing arrives from a muted Ada (${m0} → ${m1} bytes)`);
    assert.ok(!(await b.page.evaluate((id) => window.__lounge?.voice.speakingShown(id), aId)), "no speaking ring while muted");
    // Bo's audio still reaches Ada.
    const [r0, r1] = await received(a.page, bId, 1000);
    assert.ok(r1 > r0, "Bo is still heard");
    // Unmuted, Ada is heard again.
    await a.page.getByRole("button", { name: "Unmute microphone" }).click();
    await b.page.waitForFunction(async (id) => {
      const first = (await window.__lounge?.voice.stats())?.[id]?.bytesReceived ?? 0;
      await new Promise((r) => setTimeout(r, 500));
      return ((await window.__lounge?.voice.stats())?.[id]?.bytesReceived ?? 0) > first;
    }, aId, { timeout: 10_000 });
    assert.deepEqual([...a.errors, ...b.errors], []);
  });

  it("links each of eight people to at most six others, the nearest, and re-chooses as one walks across", async function () {
    this.timeout(300_000);
    const lounge = await createLounge({ name: "Eight voices" });
    // Two rows of four, three tiles apart: each person's nearest six are the three in their row and
    // the three nearest of the other row.
    const spots = [tile(2, 2), tile(5, 2), tile(8, 2), tile(11, 2), tile(20, 10), tile(23, 10), tile(26, 10), tile(29, 10)];
    const t0 = Date.now();
    const log = (what: string) => console.log(`      ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    // One after another: the server lets one address hold only a few unconfirmed seats at once.
    const pages: Page[] = [];
    const pageErrors = new Map<Page, string[]>();
    const ids: string[] = [];
    for (const [i, spot] of spots.entries()) {
      const { page, errors } = await suite.newPage({ viewport: { width: 400, height: 300 } });
      pageErrors.set(page, errors);
      ids.push(await enter(page, lounge.id, `P${i}`));
      await page.evaluate(({ x, y }) => window.__lounge?.walkTo(x, y), spot);
      pages.push(page);
    }
    log("all in");
    const positions = () => pages[0].evaluate(() => window.__lounge?.players().map((p) => ({ id: p.sessionId, x: p.x, y: p.y })) ?? []);
    const arrived = async () => {
      const now = await positions();
      return ids.every((id, i) => { const p = now.find((q) => q.id === id); return p && Math.hypot(p.x - spots[i].x, p.y - spots[i].y) < 2; });
    };
    for (let t = 0; !(await arrived()); t++) { assert.ok(t < 60, "everyone reached their spot"); await pages[0].waitForTimeout(500); }
    log("all on their spots");
    // Everyone joins muted: this test is about who links with whom (audio is the test above), and
    // 48 Opus encoders and decoders would starve two cores.
    await Promise.all(pages.map(async (page) => {
      await joinVoice(page, pageErrors.get(page), true);
      // Muting is not under test here, and on a 400×300 page another panel (a card table's, when a
      // spot is near one) may cover the button: press it through the DOM.
      await page.evaluate(() => [...document.querySelectorAll<HTMLButtonElement>(".voice-controls button")].find((b) => b.textContent === "Mute microphone")?.click());
    }));
    log("all in voice");

    /** Each page's links: at most six, every one among its nearest six (no hysteresis yet: nobody moved). */
    const nearestOf = (all: { id: string; x: number; y: number }[], id: string) => {
      const me = all.find((p) => p.id === id);
      assert.ok(me, `${id} is among ${JSON.stringify(all)}`);
      return choosePeers(me, all.filter((p) => p.id !== id), new Set());
    };
    const mutualPairs = (all: { id: string; x: number; y: number }[]) => {
      const pairs: [string, string][] = [];
      for (const x of ids) for (const y of ids) if (x < y && nearestOf(all, x).includes(y) && nearestOf(all, y).includes(x)) pairs.push([x, y]);
      return pairs;
    };
    const settle = async (what: string, timeoutMs: number, pageIndexes = pages.map((_, i) => i)) => {
      const all = await positions();
      const pairs = mutualPairs(all).filter(([x, y]) => pageIndexes.includes(ids.indexOf(x)) || pageIndexes.includes(ids.indexOf(y)));
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const links = await Promise.all(pages.map((p) => connectedTo(p)));
        const missing = pairs.filter(([x, y]) => !links[ids.indexOf(x)].includes(y) || !links[ids.indexOf(y)].includes(x));
        if (missing.length === 0) return { all, links, pairs };
        if (Date.now() >= deadline) {
          // Say what each end of a missing pair holds (connecting, failed and why), not just that it is missing.
          const views = await Promise.all(pages.map((p) => p.evaluate(() => window.__lounge?.voice.peers() ?? [])));
          const name = (id: string) => `P${ids.indexOf(id)}`;
          const held = [...new Set(missing.flat())].map((id) => `${name(id)}: ${views[ids.indexOf(id)].map((v) => `${name(v.id)} ${v.state}${v.error ? ` (${v.error})` : ""}`).join(", ") || "nothing"}`);
          assert.fail(`${what}: still not connected after ${timeoutMs} ms: ${missing.map(([x, y]) => `${name(x)}–${name(y)}`).join(", ")}\n${held.join("\n")}`);
        }
        await pages[0].waitForTimeout(500);
      }
    };

    const started = Date.now();
    const first = await settle("the first mesh", 60_000);
    console.log(`      ${first.pairs.length} mutual nearest pairs connected in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (let i = 0; i < pages.length; i++) {
      const held = await linkedTo(pages[i]);
      assert.ok(held.length <= MAX_VOICE_PEERS, `P${i} holds ${held.length} links`);
      const nearest = nearestOf(first.all, ids[i]);
      for (const id of held) assert.ok(nearest.includes(id), `P${i}'s link to P${ids.indexOf(id)} is one of its six nearest`);
    }
    // P0 (far left of the top row) and P7 (far right of the bottom row) are not each other's nearest.
    assert.ok(!first.links[0].includes(ids[7]), "P0 is not linked with P7");

    // P0 walks across the room to the right, near P4…P7: its links follow.
    const across = tile(28, 2);
    await pages[0].evaluate(({ x, y }) => window.__lounge?.walkTo(x, y), across);
    await pages[0].waitForFunction(({ x, y }) => { const me = window.__lounge?.self(); return me !== undefined && Math.hypot(me.x - x, me.y - y) < 2; }, across, { timeout: 15_000 });
    const arrivedAt = Date.now();
    // Correctness, not speed, is under test (the voice bench times it): on a loaded two-core CI
    // machine six new links of one busy page have taken more than 15 s.
    const after = await settle("after walking across", 60_000, [0]);
    console.log(`      P0's links re-chosen ${((Date.now() - arrivedAt) / 1000).toFixed(1)} s after it arrived`);
    const nowHeld = await linkedTo(pages[0]);
    assert.ok(after.links[0].includes(ids[7]), "P0 is now linked with P7");
    assert.ok(nowHeld.length <= MAX_VOICE_PEERS);
    const nearestNow = nearestOf(after.all, ids[0]);
    for (const id of nowHeld) assert.ok(nearestNow.includes(id), `after the walk P0's link to P${ids.indexOf(id)} is one of its six nearest`);
    assert.ok(!nowHeld.includes(ids[1]), "P0 dropped P1, now the farthest");
    await screenshot(pages[0], "voice-eight-people");
  });
});

// Hearts in a real browser against the real server: one person sits at a card table, picks Hearts,
// fills the other chairs with bots and starts; picks three cards and passes them; then plays a
// whole hand by clicking the cards the page offers, and the scores the page shows add up to the
// hand's 26 points (or 78, when someone shoots the moon).
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { createLounge } from "../support/lounges.ts";
import { screenshot } from "../support/browser.ts";
import { browserSuite } from "../support/browser-suite.ts";
import { joinThroughPage } from "../support/listening.ts";
import { clickWorld, waitForTable } from "../support/table-page.ts";
import { getMap } from "../../shared/maps/index.ts";

/** What the board shows now: its version, your cards, those it offers, and its words. */
interface Board { version: string; hand: string[]; playable: string[]; note: string }

async function board(page: Page): Promise<Board> {
  return page.evaluate(() => {
    const b = document.querySelector<HTMLElement>("[data-testid=table-board]");
    const cards = (sel: string) => [...(b?.querySelectorAll(`[data-testid=table-hand] ${sel}`) ?? [])].map((c) => c.getAttribute("data-card") ?? "");
    return { version: b?.dataset.version ?? "", hand: cards(".playing-card"), playable: cards(".playing-card.playable"), note: b?.textContent ?? "" };
  });
}

describe("Hearts in the browser (Chromium)", function () {
  this.timeout(120_000);
  const suite = browserSuite();

  it("passes three picked cards, plays a whole hand against bots by clicking, and shows the hand's points", async () => {
    const lounge = await createLounge({ name: "Hearts night" });
    const { page } = await suite.newPage({ viewport: { width: 1280, height: 800 } });
    await joinThroughPage(page, suite.baseUrl, lounge.id, "Ada", "fox");
    const dock = page.getByTestId("table-dock");
    // Ada clicks the table on the map: its panel opens.
    const table1 = getMap("lounge")?.cardTables().find((t) => t.id === "table-1");
    assert.ok(table1, "the lounge map has table-1");
    await clickWorld(page, table1.center.x, table1.center.y);
    await waitForTable(page, "table-1");
    await dock.getByRole("button", { name: "Sit", exact: true }).click();
    await dock.getByRole("button", { name: "Stand" }).waitFor();
    await dock.getByTestId("table-game").selectOption({ label: "Hearts" });
    await dock.getByTestId("table-why").filter({ hasText: /Hearts needs 4 players/ }).waitFor();
    await dock.getByRole("button", { name: "Fill empty seats with bots" }).click();
    await dock.locator(".table-seat", { hasText: "Bot 3" }).waitFor();
    await dock.getByRole("button", { name: "Start" }).click();

    // The first hand passes: pick three cards (the button counts them), then Pass.
    await page.waitForFunction(() => document.querySelector<HTMLElement>("[data-testid=table-board]")?.dataset.myTurn === "true");
    const before = await board(page);
    assert.equal(before.hand.length, 13, "a hand of thirteen");
    assert.match(before.note, /Pick 3 cards to pass left/);
    const picked = before.hand.slice(0, 3);
    for (const card of picked) await page.locator(`[data-testid=table-hand] [data-card="${card}"]`).click({ position: { x: 10, y: 14 } });
    const pass = page.getByRole("button", { name: "Pass 3/3 cards" });
    assert.equal(await pass.isEnabled(), true);
    await screenshot(page, "hearts-passing");
    await pass.click();
    // Everyone passed (bots at once): the hand is 13 cards again, without the three given away.
    await page.waitForFunction((gone) => {
      const hand = [...document.querySelectorAll("[data-testid=table-hand] .playing-card")].map((c) => c.getAttribute("data-card"));
      return hand.length === 13 && gone.every((c) => !hand.includes(c));
    }, picked, { timeout: 20_000 });

    // Play the hand out: a card the page offers; a refused one (hearts not broken, say) is not
    // tried again at that version, and the refusal is said beside the hand.
    let played = 0;
    const tried = new Map<string, Set<string>>();
    while (played < 13) {
      await page.waitForFunction(() => {
        const b = document.querySelector<HTMLElement>("[data-testid=table-board]");
        return b?.dataset.myTurn === "true" && b.dataset.busy === "false";
      }, null, { timeout: 20_000 });
      const now = await board(page);
      const done = tried.get(now.version) ?? new Set<string>();
      tried.set(now.version, done);
      const card = now.playable.find((c) => !done.has(c));
      assert.ok(card, `a card to play among ${now.playable.join(" ")} (tried ${[...done].join(" ")})`);
      done.add(card);
      await page.locator(`[data-testid=table-hand] [data-card="${card}"]`).click({ position: { x: 10, y: 14 } });
      const outcome = await page.waitForFunction((v) => {
        const b = document.querySelector<HTMLElement>("[data-testid=table-board]");
        if (!b || b.dataset.version !== v) return "moved";
        return b.dataset.busy === "false" ? document.querySelector("[data-testid=table-refusal]")?.textContent || "refused silently" : false;
      }, now.version, { timeout: 10_000 }).then((h) => h.jsonValue());
      if (outcome === "moved") played++;
      else assert.notEqual(outcome, "refused silently", "a refused card says why near the hand");
    }
    // The hand is scored: 26 points among the four (78 when one took them all and shot the moon).
    await page.waitForFunction(() => {
      const scores = document.querySelector("[data-testid=table-board] .trick-scores")?.textContent ?? "";
      const total = [...scores.matchAll(/ (\d+) \(\+\d+\)/g)].reduce((n, m) => n + Number(m[1]), 0);
      return total === 26 || total === 78;
    }, null, { timeout: 20_000 });
    await screenshot(page, "hearts-after-a-hand");
  });
});

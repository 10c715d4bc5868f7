// Card tables in real browsers against the real server: two people walk up to a table, sit, add a
// bot and play Crazy Eights to the end by clicking the cards their own page shows; a third person
// watches and never sees a face-up card of anyone's hand; everyone gets the result with Rematch.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { createLounge } from "../support/lounges.ts";
import { screenshot } from "../support/browser.ts";
import { browserSuite, type SuitePage } from "../support/browser-suite.ts";
import { getMap } from "../../shared/maps/index.ts";
import { joinThroughPage } from "../support/listening.ts";
import { clickWorld, waitForTable } from "../support/table-page.ts";

declare global {
  interface Window { __faceUpLeaks?: string[]; __playingChecks?: number; __countsSeen?: number }
}

describe("card tables in the browser (Chromium)", function () {
  // About 40 s on an idle machine; three Chromium pages drawing the lounge need slack on a busy one.
  this.timeout(90_000);
  const suite = browserSuite();
  const map = getMap("lounge");
  const table1 = map?.cardTables().find((t) => t.id === "table-1");

  function newPage(viewport = { width: 1280, height: 800 }, mobile = false): Promise<SuitePage> {
    return suite.newPage({ viewport, hasTouch: mobile, isMobile: mobile, deviceScaleFactor: mobile ? 2 : 1 });
  }

  const joinByLink = (page: Page, loungeId: string, name: string, avatar: string) => joinThroughPage(page, suite.baseUrl, loungeId, name, avatar);

  const dock = (page: Page) => page.getByTestId("table-dock");

  /**
   * Plays the page's seat to the end, reading only its own DOM: a card shown as playable, else
   * Draw, else Pass; an 8 names the first suit offered. A refused try is not repeated at that
   * version. Returns how many moves were sent and refused.
   */
  async function playToTheEnd(page: Page, shoot: string): Promise<{ moves: number; refused: number }> {
    let moves = 0;
    let refused = 0;
    const tried = new Map<string, Set<string>>();
    for (;;) {
      // Your turn (with no move of yours on its way), or the end; and what the page offers.
      const seen = await page.waitForFunction(() => {
        const d = document.querySelector<HTMLElement>("[data-testid=table-dock]");
        if (d?.dataset.phase === "over") return { over: true, version: "", playable: [] as string[], canDraw: false };
        const b = document.querySelector<HTMLElement>("[data-testid=table-board]");
        if (b?.dataset.myTurn !== "true" || b.dataset.busy !== "false") return false;
        const draw = [...b.querySelectorAll("button")].find((x) => x.textContent === "Draw");
        return {
          over: false, version: b.dataset.version ?? "",
          playable: [...b.querySelectorAll("[data-testid=table-hand] .playing-card.playable")].map((c) => c.getAttribute("data-card") ?? ""),
          canDraw: draw !== undefined && !draw.disabled,
        };
      }, null, { timeout: 20_000 }).then((h) => h.jsonValue());
      if (!seen) throw new Error("waitForFunction resolves only with a value");
      if (seen.over) return { moves, refused };
      if (moves === 0) await screenshot(page, shoot);
      const done = tried.get(seen.version) ?? new Set<string>();
      tried.set(seen.version, done);
      const card = seen.playable.find((c) => !done.has(c));
      let action: string;
      if (card) {
        action = card;
        // On the corner with the rank: the part of an overlapped card that always shows.
        await page.locator(`[data-testid=table-hand] [data-card="${card}"]`).click({ position: { x: 10, y: 14 } });
        if (card.startsWith("8")) await page.getByTestId("suit-chooser").getByRole("button", { name: /^Name / }).first().click();
      } else if (seen.canDraw && !done.has("draw")) {
        action = "draw";
        await page.getByRole("button", { name: "Draw", exact: true }).click();
      } else {
        action = "pass";
        await page.getByRole("button", { name: "Pass", exact: true }).click();
      }
      done.add(action);
      moves++;
      // Until the table has moved on, or the move came back refused (no longer busy, same version).
      const outcome = await page.waitForFunction((v) => {
        const d = document.querySelector<HTMLElement>("[data-testid=table-dock]");
        const b = document.querySelector<HTMLElement>("[data-testid=table-board]");
        if (d?.dataset.phase !== "playing" || !b || b.dataset.version !== v) return "moved";
        return b.dataset.busy === "false" ? document.querySelector("[data-testid=table-refusal]")?.textContent || "refused silently" : false;
      }, seen.version, { timeout: 10_000 }).then((h) => h.jsonValue());
      if (outcome !== "moved") {
        refused++;
        assert.notEqual(outcome, "refused silently", "a refused move says why near the hand");
      }
    }
  }

  it("seats two people and a bot, plays Crazy Eights to the end by clicking cards, and hides hands from a spectator", async () => {
    assert.ok(map && table1, "the lounge map has table-1");
    const lounge = await createLounge({ name: "Card night" });
    const ada = await newPage();
    const bo = await newPage({ width: 390, height: 844 }, true);
    const cy = await newPage();
    await Promise.all([joinByLink(ada.page, lounge.id, "Ada", "Fox"), joinByLink(bo.page, lounge.id, "Bo", "Frog"), joinByLink(cy.page, lounge.id, "Cy", "Owl")]);

    // Ada clicks the table on the map: its panel opens.
    await clickWorld(ada.page, table1.center.x, table1.center.y);
    await waitForTable(ada.page, "table-1");
    await dock(ada.page).getByRole("button", { name: "Sit", exact: true }).click();
    await dock(ada.page).getByRole("button", { name: "Stand" }).waitFor();
    // One person cannot start Crazy Eights: the panel says why and Start stays off.
    assert.match(await ada.page.getByTestId("table-why").innerText(), /Crazy Eights needs 2–6 players; 1 sits here/);
    assert.equal(await dock(ada.page).getByRole("button", { name: "Start" }).isDisabled(), true);

    // Bo walks up to the table on a phone: being near it opens the panel.
    // (The floor below the table's left end, closer to the door: on a phone's narrow view too.)
    const left = table1.tiles.reduce((a, b) => (b.tx < a.tx ? b : a));
    const below = map.centerOf({ tx: left.tx - 1, ty: left.ty + 2 });
    await clickWorld(bo.page, below.x, below.y, true);
    await waitForTable(bo.page, "table-1");
    await dock(bo.page).getByRole("button", { name: "Sit", exact: true }).click();
    await dock(bo.page).getByRole("button", { name: "Stand" }).waitFor();

    // Cy clicks the table and watches.
    await clickWorld(cy.page, table1.center.x, table1.center.y);
    await waitForTable(cy.page, "table-1");
    await dock(cy.page).getByRole("button", { name: "Watch" }).click();
    await dock(cy.page).getByRole("button", { name: "Stop watching" }).waitFor();

    // Ada adds one bot; the chairs show it, and Start comes on.
    await dock(ada.page).getByRole("button", { name: "More bots" }).click();
    await dock(ada.page).locator(".table-seat", { hasText: "Bot 1" }).waitFor();
    await dock(bo.page).locator(".table-seat", { hasText: "Bot 1" }).waitFor();
    const start = dock(ada.page).getByRole("button", { name: "Start" });
    await ada.page.waitForFunction(() => [...document.querySelectorAll<HTMLButtonElement>("[data-testid=table-dock] button")].some((b) => b.textContent === "Start" && !b.disabled));
    await screenshot(ada.page, "tables-lobby-desktop");
    await screenshot(bo.page, "tables-lobby-phone");

    // The spectator's page, checked on every change while the game runs: a face-up card may only
    // be in the middle of the table (the pile), never in a hand.
    await cy.page.evaluate(() => {
      window.__faceUpLeaks = [];
      window.__playingChecks = 0;
      window.__countsSeen = 0;
      const check = () => {
        const d = document.querySelector<HTMLElement>("[data-testid=table-dock]");
        if (d?.dataset.phase !== "playing") return;
        window.__playingChecks = (window.__playingChecks ?? 0) + 1;
        for (const c of d.querySelectorAll("[data-card]")) {
          if (!c.closest("[data-testid=table-center]")) window.__faceUpLeaks?.push(c.getAttribute("data-card") ?? "?");
        }
        const counts = [...d.querySelectorAll<HTMLElement>("[data-testid=table-player]")].filter((p) => Number(p.dataset.count) > 0).length;
        window.__countsSeen = Math.max(window.__countsSeen ?? 0, counts);
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });

    await start.click();
    await cy.page.waitForFunction(() => document.querySelector<HTMLElement>("[data-testid=table-dock]")?.dataset.phase === "playing");
    await cy.page.getByTestId("table-center").locator("[data-card]").first().waitFor();
    await screenshot(cy.page, "tables-watching-desktop");

    const [adaPlay, boPlay] = await Promise.all([playToTheEnd(ada.page, "tables-playing-desktop"), playToTheEnd(bo.page, "tables-playing-phone")]);
    assert.ok(adaPlay.moves + boPlay.moves > 2, "both played");

    for (const { page } of [ada, bo, cy]) {
      const result = page.getByTestId("table-result");
      await result.waitFor();
      await result.getByRole("button", { name: "Rematch" }).waitFor();
      assert.match(await result.innerText(), /wins|share the win/);
      assert.equal(await result.locator("tbody tr").count(), 3);
    }
    assert.equal(await ada.page.getByTestId("table-result").getByRole("button", { name: "Rematch" }).isEnabled(), true);
    await screenshot(ada.page, "tables-result-desktop");
    await screenshot(bo.page, "tables-result-phone");

    const spy = await cy.page.evaluate(() => ({ leaks: window.__faceUpLeaks ?? [], checks: window.__playingChecks ?? 0, counts: window.__countsSeen ?? 0 }));
    assert.ok(spy.checks > 5, `the spectator's page was checked while the game ran (${spy.checks} times)`);
    assert.deepEqual(spy.leaks, [], "the spectator never saw a face-up card outside the pile");
    assert.equal(spy.counts, 3, "the spectator saw every player's card count");
    for (const { errors } of [ada, bo, cy]) assert.deepEqual(errors.filter((e) => e.startsWith("pageerror")), []);
  });
});

// The operator page in a real browser: an operator sees the process, the open lounge and the people
// in it; a visitor who is not signed in is told to sign in and sees no list.
import assert from "node:assert/strict";
import { browserSuite } from "../support/browser-suite.ts";
import { api, randomIp, register, signInOperator } from "../support/accounts.ts";
import { join, leaveAll } from "../support/lounges.ts";

describe("operator page (Chromium)", function () {
  this.timeout(60_000);
  const suite = browserSuite();

  it("lists processes, lounges and people for an operator, and asks anyone else to sign in", async () => {
    const operator = await signInOperator();
    const owner = await register({ displayName: "Bo Owner" });
    const created = await api<{ id: string }>("/api/lounges", { json: { name: "Browser night" }, cookie: owner.cookie });
    const guest = await join(created.body.id, "Ada Guest", "fox");
    try {
      const { page, context, errors } = await suite.newPage({ extraHTTPHeaders: { "x-forwarded-for": randomIp() } });
      await context.addCookies([{ name: "chill_session", value: operator.token, url: suite.baseUrl }]);
      await page.goto(`${suite.baseUrl}/operator`);
      assert.match(await page.locator("#processes tbody").innerText(), /\(this one\)[\s\S]*serving/);
      const lounge = page.locator("#lounges tr", { hasText: "Browser night" });
      assert.match(await lounge.innerText(), /lounge\s+1 \/ 50/);
      const person = page.locator("#people tr", { hasText: "Ada Guest" });
      assert.match(await person.innerText(), /Browser night\s+guest\s+guest\s+connected/);
      assert.deepEqual(errors, []);

      const visitor = await suite.newPage({ extraHTTPHeaders: { "x-forwarded-for": randomIp() } });
      const response = await visitor.page.goto(`${suite.baseUrl}/operator`);
      assert.equal(response?.status(), 401);
      assert.match(await visitor.page.locator("#refusal").innerText(), /Sign in to see the operator's overview/);
      assert.equal(await visitor.page.getByRole("link", { name: "Sign in on the start page" }).getAttribute("href"), "/");
      assert.equal(await visitor.page.locator("table").count(), 0);
    } finally {
      await leaveAll(guest);
    }
  });
});

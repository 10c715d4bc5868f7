// The frame of a browser suite: one Chromium for the suite, the test server's address, and pages
// in fresh browser contexts (their own cookies and storage) that close after each test.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { launchBrowser, watchErrors, type LaunchOptions } from "./browser.ts";
import { testServer } from "./server.ts";

export interface SuitePage { page: Page; context: BrowserContext; errors: string[] }

export interface BrowserSuite {
  readonly browser: Browser;
  /** The test server, e.g. http://127.0.0.1:40123. */
  readonly baseUrl: string;
  /** A page in a fresh context; `errors` collects its uncaught and console errors. */
  newPage(options?: BrowserContextOptions): Promise<SuitePage>;
}

/** Call inside `describe`: registers the hooks that launch, clean up after each test and close. */
export function browserSuite(launch: LaunchOptions = {}): BrowserSuite {
  let browser: Browser | undefined;
  let baseUrl = "";
  const contexts: BrowserContext[] = [];
  before(async function () {
    this.timeout(180_000);
    browser = await launchBrowser(this, launch);
    baseUrl = (await testServer()).baseUrl;
  });
  after(async () => { await browser?.close(); });
  afterEach(async () => { await Promise.all(contexts.splice(0).map((c) => c.close())); });
  return {
    get browser() {
      if (!browser) throw new Error("the browser starts in the suite's before hook");
      return browser;
    },
    get baseUrl() { return baseUrl; },
    async newPage(options = {}) {
      const context = await this.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
      contexts.push(context);
      // tsx compiles tests with esbuild's keepNames, which wraps functions passed to page.evaluate
      // in a `__name` helper that only exists in Node; give the page a no-op one.
      await context.addInitScript("globalThis.__name = (fn) => fn");
      const page = await context.newPage();
      return { page, context, errors: watchErrors(page) };
    },
  };
}

// Real-browser tests: Debian's Chromium driven by playwright-core (no downloaded browsers), the
// web client built by Vite when missing or stale, and screenshots kept in test-artifacts/.
import { access, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { ensureClientBuilt } from "../../scripts/client-build.ts";
import { inCI } from "./services.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const artifacts = fileURLToPath(new URL("../../test-artifacts", import.meta.url));

export interface LaunchOptions {
  /**
   * Let pages start sound without a click (listen-together tests). Headless Chromium then plays
   * through its fake audio output: the AudioContext clock runs in real time, nothing is heard.
   */
  autoplay?: boolean;
  /**
   * A fake microphone (a beeping tone) that is allowed without a prompt (voice tests):
   * getUserMedia succeeds at once and the audio is real, so WebRTC sends real packets.
   */
  fakeMedia?: boolean;
}

/** Chromium's command line for the tests (and the playback bench). */
export function chromiumArgs(opts: LaunchOptions = {}): string[] {
  const args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
  if (opts.autoplay) args.push("--autoplay-policy=no-user-gesture-required");
  if (opts.fakeMedia) args.push("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream");
  return args;
}

/**
 * Launches headless Chromium, or skips the suite loudly when it is not installed (fails in CI).
 * Builds the web client first when needed, printing progress.
 */
export async function launchBrowser(ctx: Mocha.Context, opts: LaunchOptions = {}): Promise<Browser> {
  try {
    await access(CHROMIUM);
  } catch {
    const why = `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
    if (inCI) throw new Error(`${why}; CI needs it for the browser tests.`);
    console.warn(`\n  !!! SKIPPING "${ctx.test?.parent?.title}": ${why}. !!!\n`);
    ctx.skip();
  }
  await ensureClientBuilt((line) => console.log(`      ${line}`));
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs(opts),
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Collects uncaught page errors and console errors, to assert a page stayed healthy. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(`console: ${msg.text()}`); });
  return errors;
}

// The embeddable widget's download sizes, from the last client build (dist/client/): embed.js, and
// everything the widget page loads before it is interactive — its HTML's scripts and styles and
// their static imports (fonts too, were there any), and the dynamic imports it waits for (Pixi);
// dynamic imports are left out only when listed as loaded afterwards (the audio).
// `tsx scripts/widget-sizes.ts` prints them; a test holds the budgets.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import { clientOutDir } from "../client/vite.config.ts";

export const BUDGET_KB = { loader: 5, widget: 230 } as const;

/** Dynamic imports of the widget that load only after it is interactive, or never. */
export const AFTER_INTERACTIVE = [
  "widget/music-bar.ts",
  // Pixi's environment extensions (events, accessibility, filters): skipped with skipExtensionImports.
  "../node_modules/pixi.js/lib/environment-browser/browserAll.mjs",
  "../node_modules/pixi.js/lib/environment-webworker/webworkerAll.mjs",
];

/** Dynamic imports the widget waits for before it is interactive: counted like static ones. */
export const BEFORE_INTERACTIVE = [
  // Pixi and the scene: fetched and evaluated while the join is on the network.
  "widget/stage.ts",
];

interface ManifestEntry { file: string; imports?: string[]; dynamicImports?: string[]; css?: string[]; assets?: string[] }

export interface WidgetSizes {
  loaderGzip: number;
  widgetGzip: number;
  files: { file: string; gzip: number }[];
  /** Dynamic imports not listed in AFTER_INTERACTIVE: counted, since they may load before. */
  unexpectedDynamic: string[];
}

const gz = async (file: string) => gzipSync(await readFile(path.join(clientOutDir, file)), { level: 9 }).length;

export async function widgetSizes(): Promise<WidgetSizes> {
  const manifest = JSON.parse(await readFile(path.join(clientOutDir, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestEntry>;
  const seen = new Set<string>();
  const files: { file: string; gzip: number }[] = [];
  const unexpectedDynamic: string[] = [];
  const visit = async (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const entry = manifest[key];
    if (!entry) throw new Error(`the build's manifest has no ${key}`);
    for (const file of [entry.file, ...(entry.css ?? []), ...(entry.assets ?? []).filter((a) => /\.(woff2?|ttf|otf)$/.test(a))]) {
      if (!files.some((f) => f.file === file)) files.push({ file, gzip: await gz(file) });
    }
    for (const i of entry.imports ?? []) await visit(i);
    for (const d of entry.dynamicImports ?? []) {
      if (AFTER_INTERACTIVE.includes(d)) continue;
      if (!BEFORE_INTERACTIVE.includes(d)) unexpectedDynamic.push(d);
      await visit(d);
    }
  };
  await visit("widget/index.html");
  files.push({ file: "widget/index.html", gzip: await gz("widget/index.html") });
  return { loaderGzip: await gz("embed.js"), widgetGzip: files.reduce((s, f) => s + f.gzip, 0), files, unexpectedDynamic };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const s = await widgetSizes();
  console.log(`embed.js: ${kb(s.loaderGzip)} gzip (budget ${BUDGET_KB.loader} KB)`);
  console.log(`widget page before interactive: ${kb(s.widgetGzip)} gzip (budget ${BUDGET_KB.widget} KB)`);
  for (const f of s.files) console.log(`  ${f.file.padEnd(48)} ${kb(f.gzip)}`);
}

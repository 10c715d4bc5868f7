// Builds the browser lounge (client/ → dist/client/) with Vite, and tells whether a build is stale:
// the build records the newest modification time of its sources (client/, shared/, the lockfile),
// and is stale when any source is newer or when files were added or removed since.
// `tsx scripts/client-build.ts` builds; `--if-stale` builds only when needed (npm start does this).
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "vite";
import { clientOutDir, clientViteConfig, loaderViteConfig } from "../client/vite.config.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const sourceDirs = ["client", "shared"].map((d) => path.join(root, d));
const sourceFiles = ["package-lock.json"].map((f) => path.join(root, f));
const stampFile = path.join(clientOutDir, "build-stamp.json");

interface Stamp { sourceMtimeMs: number; sourceCount: number; builtAt: string }

/** Newest mtime among the sources (directories included, so a deleted file counts) and how many there are. */
async function scanSources(): Promise<{ mtimeMs: number; count: number }> {
  let mtimeMs = 0;
  let count = 0;
  const visit = async (p: string): Promise<void> => {
    const s = await stat(p).catch(() => undefined);
    if (!s) return;
    count++;
    mtimeMs = Math.max(mtimeMs, s.mtimeMs);
    if (!s.isDirectory()) return;
    for (const entry of await readdir(p)) {
      if (entry === "node_modules" || entry.startsWith(".")) continue;
      await visit(path.join(p, entry));
    }
  };
  for (const p of [...sourceDirs, ...sourceFiles]) await visit(p);
  return { mtimeMs, count };
}

export interface BuildStatus { fresh: boolean; reason: string }

export async function clientBuildStatus(): Promise<BuildStatus> {
  const stamp = await readFile(stampFile, "utf8").then((t) => JSON.parse(t) as Stamp).catch(() => undefined);
  if (!stamp) return { fresh: false, reason: `no build in ${path.relative(root, clientOutDir)}` };
  const index = await stat(path.join(clientOutDir, "index.html")).catch(() => undefined);
  if (!index) return { fresh: false, reason: "the build has no index.html" };
  const now = await scanSources();
  if (now.mtimeMs > stamp.sourceMtimeMs) return { fresh: false, reason: "sources changed since the last build" };
  if (now.count !== stamp.sourceCount) return { fresh: false, reason: "source files were added or removed since the last build" };
  return { fresh: true, reason: `built ${stamp.builtAt}` };
}

/** Runs `vite build`; `log` receives progress lines (Vite's own output is kept quiet). */
export async function buildClient(log: (line: string) => void = (l) => console.log(l)): Promise<void> {
  const started = Date.now();
  // Measured before building, so an edit made during the build makes the result stale.
  const sources = await scanSources();
  log(`[client] building the browser lounge with Vite → ${path.relative(root, clientOutDir)}/ …`);
  await build({ ...clientViteConfig("build"), configFile: false, logLevel: "warn", mode: "production" });
  // After the pages: their build empties the folder first.
  await build({ ...loaderViteConfig(), configFile: false, logLevel: "warn", mode: "production" });
  const stamp: Stamp = { sourceMtimeMs: sources.mtimeMs, sourceCount: sources.count, builtAt: new Date().toISOString() };
  await writeFile(stampFile, JSON.stringify(stamp, null, 2));
  log(`[client] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Builds when the build is missing or stale; resolves with what it did. */
export async function ensureClientBuilt(log: (line: string) => void = (l) => console.log(l)): Promise<BuildStatus> {
  const status = await clientBuildStatus();
  if (status.fresh) return status;
  log(`[client] ${status.reason}`);
  await buildClient(log);
  return { fresh: true, reason: "just built" };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes("--if-stale")) {
    const status = await ensureClientBuilt();
    if (status.reason !== "just built") console.log(`[client] up to date (${status.reason})`);
  } else {
    await buildClient();
  }
}

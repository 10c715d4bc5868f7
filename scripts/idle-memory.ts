// `npm run idle-memory`: what a lounge server holds in memory while nobody is connected. Starts the
// server twice on one temp DATA_DIR (the first start creates the embedded database, the second
// opens it, as every later `npm start` does), lets each settle, and prints its resident memory.
// Any setting in the environment (PGLITE_SHARED_BUFFERS, DATABASE_URL, …) is passed to the server.
//   npm run idle-memory
//   PGLITE_SHARED_BUFFERS=128MB npm run idle-memory -- --settle 20
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ServerProcess } from "../bench/server-process.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const settleArg = process.argv.indexOf("--settle");
const settleSeconds = settleArg > 0 ? Number(process.argv[settleArg + 1]) : 10;
if (!Number.isFinite(settleSeconds) || settleSeconds < 0) {
  console.error("--settle takes a number of seconds, e.g. --settle 10");
  process.exit(2);
}

/** Settings passed on: what the person running this set, minus what the run itself decides. */
function passedSettings(): Record<string, string> {
  const passed: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || ["PORT", "HOST", "DATA_DIR", "LOG_LEVEL"].includes(key)) continue;
    if (/^(PGLITE_|DATABASE_URL$|REDIS_URL$|NODE_OPTIONS$)/.test(key)) passed[key] = value;
  }
  return passed;
}

async function measure(label: string, dataDir: string, settings: Record<string, string>): Promise<void> {
  const server = await ServerProcess.prepare({ ...settings, DATA_DIR: dataDir }, settings.DATABASE_URL);
  process.once("exit", () => server.killNow());
  try {
    await server.start(root, 120_000);
    const listening = await server.memory();
    await new Promise((r) => setTimeout(r, settleSeconds * 1000));
    const idle = await server.memory();
    console.log(`${label.padEnd(30)} ${listening.rssMiB.toFixed(0).padStart(8)} ${idle.rssMiB.toFixed(0).padStart(8)} ${idle.peakMiB.toFixed(0).padStart(8)}`);
  } finally {
    await server.stop();
  }
}

const settings = passedSettings();
const dataDir = await mkdtemp(path.join(tmpdir(), "chill-idle-"));
try {
  console.log(`Idle lounge server, resident memory in MiB (settled ${settleSeconds} s, nobody connected)`);
  console.log(`settings: ${Object.keys(settings).length ? Object.entries(settings).map(([k, v]) => `${k}=${k === "DATABASE_URL" ? "(set)" : v}`).join(" ") : "defaults"}`);
  console.log(`${"".padEnd(30)} ${"started".padStart(8)} ${"idle".padStart(8)} ${"peak".padStart(8)}`);
  await measure("first start (new database)", dataDir, settings);
  await measure("second start (existing)", dataDir, settings);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

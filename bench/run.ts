// `npm run bench`, in parts. Load (load.ts): bare Colyseus and the lounge server under the same
// workload in the same run, side by side, with lounge ÷ bare. Playback: Chromium pages listening
// together, and the clock offset under injected jitter (playback-sync.ts). Tables, the embeddable
// widget's time to interactive (widget-open.ts), and voice. See bench/README.md.
//   npm run bench -- --only load --people 1000,3000 --seconds 20
//   npm run bench -- --only playback --pages 6 --playback-seconds 120
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseOptions, usage, type BenchOptions } from "./options.ts";
import { runLoadBench } from "./load.ts";
import { formatLoadReport } from "./load-report.ts";
import { formatPlaybackReport, writeResults } from "./report.ts";
import { runPlaybackBench, IN_STEP_MS } from "./playback-sync.ts";
import { runTableBench } from "./tables.ts";
import { runWidgetBench } from "./widget-open.ts";
import { runVoiceBench } from "./voice.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

const say = (line: string) => console.log(line);

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  say(usage());
  process.exit(0);
}
let opts: BenchOptions;
try {
  opts = parseOptions(process.argv.slice(2), process.env);
} catch (err) {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}

/** The load part: bare Colyseus and the lounge, the same workload, side by side. */
async function loadPart(opts: BenchOptions): Promise<number> {
  // Ctrl-C reaches the whole process group; each server's exit hook ends what survives it.
  const onSignal = (signal: NodeJS.Signals, code: number) => () => {
    console.error(`\nbench: ${signal}: stopping the workers and the servers`);
    process.exit(code);
  };
  const onInt = onSignal("SIGINT", 130), onTerm = onSignal("SIGTERM", 143);
  process.once("SIGINT", onInt);
  process.once("SIGTERM", onTerm);
  try {
    const figures = await runLoadBench(opts, root, say);
    say("");
    say(formatLoadReport(figures));
    const file = await writeResults(path.join(root, "bench", "results"), figures);
    say(`Figures written to ${path.relative(root, file)}`);
    const failed = figures.runs.some((r) => r.problems.length > 0 || r.sizes.some((s) => !s.server.alive || s.workerFailures.length > 0));
    return failed ? 1 : 0;
  } catch (err) {
    console.error(`bench (load): ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return 1;
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }
}

/** The playback part: Chromium pages listening together, then the clock offset under jitter. */
async function playbackPart(opts: BenchOptions): Promise<number> {
  try {
    const figures = await runPlaybackBench(opts, say);
    say("");
    say(formatPlaybackReport(figures, IN_STEP_MS));
    const file = await writeResults(path.join(root, "bench", "results"), figures, "playback-latest.json");
    say(`Figures written to ${path.relative(root, file)}`);
    return 0;
  } catch (err) {
    console.error(`bench (playback): ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return 1;
  }
}

let code = 0;
if (opts.parts.includes("tables")) {
  code = Math.max(code, await runTableBench({ lounges: Math.max(1, Math.ceil(opts.lounges * 2.5)), seconds: Math.min(opts.seconds, 20), databaseUrl: opts.databaseUrl }, root, say)
    .catch((err: unknown) => { console.error(`bench (tables): ${err instanceof Error ? err.stack ?? err.message : String(err)}`); return 1; }));
  say("");
}
if (opts.parts.includes("load")) code = Math.max(code, await loadPart(opts));
if (opts.parts.includes("playback")) {
  if (opts.parts.includes("load")) say("");
  code = Math.max(code, await playbackPart(opts));
}
if (opts.parts.includes("widget")) {
  say("");
  code = Math.max(code, await runWidgetBench(5, say)
    .catch((err: unknown) => { console.error(`bench (widget): ${err instanceof Error ? err.stack ?? err.message : String(err)}`); return 1; }));
}
if (opts.parts.includes("voice")) {
  say("");
  code = Math.max(code, await runVoiceBench({ pages: Math.max(2, opts.pages), seconds: Math.min(opts.playbackSeconds, 20) }, say)
    .catch((err: unknown) => { console.error(`bench (voice): ${err instanceof Error ? err.stack ?? err.message : String(err)}`); return 1; }));
}
process.exit(code);

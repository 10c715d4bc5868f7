// The playback part's printed tables, and where every part writes its figures (bench/results/).
// The load part's figures and tables are in load-report.ts.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Percentiles } from "./figures.ts";
import type { LoadFigures } from "./load-report.ts";
import type { PlaybackFigures } from "./playback-sync.ts";

function table(title: string, rows: Array<[string, string]>): string {
  const left = Math.max(...rows.map(([k]) => k.length));
  const right = Math.max(title.length - left - 3, ...rows.map(([, v]) => v.length));
  const rule = (l: string, m: string, r: string) => `${l}${"─".repeat(left + 2)}${m}${"─".repeat(right + 2)}${r}`;
  return [
    rule("┌", "─", "┐"),
    `│ ${title.padEnd(left + right + 3)} │`,
    rule("├", "┬", "┤"),
    ...rows.map(([k, v]) => `│ ${k.padEnd(left)} │ ${v.padEnd(right)} │`),
    rule("└", "┴", "┘"),
  ].join("\n");
}

const ms1 = (v: number | null) => (v === null ? "–" : `${v.toFixed(1)} ms`);
const pcts1 = (p: Percentiles) => `${ms1(p.p50)} / ${ms1(p.p95)} / ${ms1(p.max)}`;

export function formatPlaybackReport(f: PlaybackFigures, inStepMs: number): string {
  const r = f.rounds;
  const rows: Array<[string, string]> = [
    ["rounds of samples", `${r.total} (every ${f.sampleEveryMs} ms): ${r.steady} steady, ${r.settling} settling, ${r.paused} with nothing playing`],
    ["between pages (latest − earliest) p50 / p95 / max", `${pcts1(f.interClientMs)} (${f.interClientMs.samples} steady rounds)`],
    ["|page − room| p50 / p95 / max, all pages", pcts1(f.errorMs)],
    [`steady rounds with a page > ${inStepMs} ms off`, `${f.roundsOutOfStep} of ${r.steady}`],
    ...f.perPage.map((p): [string, string] => [`  ${p.name}: |error| p50 / p95 / max`, `${pcts1(p.errorMs)} (mean ${p.meanErrorMs >= 0 ? "+" : ""}${p.meanErrorMs.toFixed(1)} ms)`]),
    ...f.trackStarts.map((t): [string, string] => [`track start → all within ${inStepMs} ms`, `${t.allInStepAfterMs === null ? "not within the run" : `${Math.round(t.allInStepAfterMs)} ms`} (${t.title})`]),
    ["rounds with a page not on the room's track", String(f.notOnTrack)],
    ["pages' server clock error p50 / p95 / max", `${pcts1(f.clockErrorMs)} (${f.clockErrorMs.samples} of ${f.clockBracketMs.samples} probes read within ± ${f.tightProbeMs} ms)`],
  ];
  const jitterRows: Array<[string, string]> = f.clockJitter.map((c) => [c.profile, `rtt p50 ${c.rttP50Ms.toFixed(1)} ms · error p50 ${c.errorP50Ms.toFixed(2)} / p95 ${c.errorP95Ms.toFixed(2)} / max ${c.errorMaxMs.toFixed(2)} ms (${c.samples})`]);
  const notes = [
    "Each round asks every page at once for its howler sound's position less the output delay (what is heard) and its estimate",
    "  of the server's clock; the error is that position − the room's position at that server time (startedAt/positionMs/rate).",
    `  Rounds in the first ${f.settlingMs / 1000} s of a track (fetch, decode, first steering) or with a page still loading it count as settling.`,
    "Clock offset: an SDK client through a proxy that delays every chunk; the server is in-process, so the true offset is 0.",
  ];
  return [
    table(`Listen-together bench · ${f.pages} Chromium pages · ${f.measuredSeconds.toFixed(1)} s measured`, rows),
    table("Clock-offset error under injected jitter (ping every 250 ms, best of the last 8)", jitterRows),
    ...notes,
  ].join("\n");
}

export async function writeResults(dir: string, figures: LoadFigures | PlaybackFigures, name = "latest.json"): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}

// Synthesizes the short tracks the lounge ships with (lo-fi loops: pads, bass, drums, a melody and
// vinyl crackle), encodes them to MP3 and writes server/tracks/library/. Deterministic: the same script
// makes the same files. Run with `npm run tracks`; the results are committed.
import { writeFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { Mp3Encoder } from "@breezystack/lamejs";

const RATE = 44_100;
const KBPS = 64;
const outDir = fileURLToPath(new URL("../server/tracks/library", import.meta.url));

interface Song { id: string; title: string; bpm: number; bars: number; root: number; chords: number[][]; seed: number; swing: number }

// Chords as semitone offsets from the root (maj7, m7, …), two bars each.
const songs: Song[] = [
  { id: "late-night-tea", title: "Late Night Tea", bpm: 78, bars: 10, root: 53, seed: 11, swing: 0.12,
    chords: [[0, 4, 7, 11], [-1, 2, 7, 10], [-3, 0, 3, 7], [-5, -1, 2, 7]] },
  { id: "rooftop-breeze", title: "Rooftop Breeze", bpm: 86, bars: 11, root: 57, seed: 23, swing: 0.08,
    chords: [[0, 3, 7, 10], [-4, 0, 3, 7], [-2, 2, 5, 9], [-7, -3, 0, 4]] },
  { id: "neon-drizzle", title: "Neon Drizzle", bpm: 72, bars: 9, root: 50, seed: 37, swing: 0.15,
    chords: [[0, 3, 7, 10], [5, 9, 12, 15], [-2, 2, 5, 9], [3, 7, 10, 14]] },
];

const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

function rng(seed: number): () => number {
  return () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };
}

function render(song: Song): Float32Array {
  const beat = 60 / song.bpm;
  const seconds = song.bars * 4 * beat;
  const out = new Float32Array(Math.ceil(seconds * RATE));
  const r = rng(song.seed);
  const add = (start: number, len: number, fn: (t: number) => number) => {
    const s0 = Math.max(0, Math.floor(start * RATE));
    const s1 = Math.min(out.length, Math.floor((start + len) * RATE));
    for (let i = s0; i < s1; i++) out[i] += fn(i / RATE - start);
  };
  for (let bar = 0; bar < song.bars; bar++) {
    const chord = song.chords[Math.floor(bar / 2) % song.chords.length];
    const t = bar * 4 * beat;
    // Pad: soft detuned sines with a slow swell.
    for (const n of chord) {
      const f = hz(song.root + 12 + n);
      add(t, 4 * beat + 0.3, (x) => {
        const env = Math.min(1, x / 0.6) * Math.min(1, (4 * beat + 0.3 - x) / 0.5);
        return 0.05 * env * (Math.sin(2 * Math.PI * f * x) + 0.5 * Math.sin(2 * Math.PI * f * 1.003 * x + Math.sin(x * 5) * 0.3));
      });
    }
    // Bass on beats 1 and 3.
    for (const b of [0, 2]) {
      const f = hz(song.root - 12 + chord[0]);
      add(t + b * beat, beat * 1.6, (x) => 0.22 * Math.exp(-x * 2.2) * Math.sin(2 * Math.PI * f * x) * Math.min(1, x / 0.01));
    }
    // Drums: kick on 1 and the "and" of 3, snare on 2 and 4, swung hats.
    for (const k of [0, 2.5]) add(t + k * beat, 0.35, (x) => 0.5 * Math.exp(-x * 14) * Math.sin(2 * Math.PI * (45 + 90 * Math.exp(-x * 30)) * x));
    for (const s of [1, 3]) add(t + s * beat, 0.25, (x) => 0.12 * Math.exp(-x * 18) * (r() * 2 - 1));
    for (let h = 0; h < 8; h++) {
      const at = t + (h / 2) * beat + (h % 2 ? song.swing * beat : 0);
      add(at, 0.05, (x) => 0.035 * Math.exp(-x * 90) * (r() * 2 - 1));
    }
    // Melody: pentatonic notes over the chord, a few per bar.
    const scale = [0, 2, 4, 7, 9, 12, 14];
    for (let m = 0; m < 4; m++) {
      if (r() < 0.35) continue;
      const f = hz(song.root + 24 + chord[0] + scale[Math.floor(r() * scale.length)]);
      add(t + m * beat + (r() < 0.3 ? beat / 2 : 0), beat * 0.9, (x) =>
        0.07 * Math.exp(-x * 3) * Math.min(1, x / 0.02) * (Math.sin(2 * Math.PI * f * x) + 0.3 * Math.sin(4 * Math.PI * f * x)));
    }
  }
  // Vinyl crackle and a gentle fade in and out.
  for (let i = 0; i < out.length; i++) {
    if (r() < 0.0004) out[i] += (r() * 2 - 1) * 0.08;
    const tt = i / RATE;
    out[i] *= Math.min(1, tt / 0.8, (seconds - tt) / 1.5);
  }
  let peak = 0;
  for (const v of out) peak = Math.max(peak, Math.abs(v));
  const gain = 0.89 / (peak || 1);
  for (let i = 0; i < out.length; i++) out[i] *= gain;
  return out;
}

function encodeMp3(samples: Float32Array): Uint8Array {
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32767)));
  const encoder = new Mp3Encoder(1, RATE, KBPS);
  const chunks: Uint8Array[] = [];
  // The encoder hands back Int8Array views; copy them as bytes.
  const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  for (let i = 0; i < pcm.length; i += 1152 * 16) chunks.push(bytes(encoder.encodeBuffer(pcm.subarray(i, i + 1152 * 16))));
  chunks.push(bytes(encoder.flush()));
  return Buffer.concat(chunks);
}

await mkdir(outDir, { recursive: true });
const manifest = [];
for (const [i, song] of songs.entries()) {
  process.stdout.write(`[${i + 1}/${songs.length}] ${song.title}: synthesizing… `);
  const samples = render(song);
  process.stdout.write("encoding… ");
  const mp3 = encodeMp3(samples);
  const file = `${song.id}.mp3`;
  await writeFile(path.join(outDir, file), mp3);
  manifest.push({ id: song.id, title: song.title, artist: "Chill Lounge Synth Club", file });
  console.log(`${(samples.length / RATE).toFixed(1)} s, ${(mp3.length / 1024).toFixed(0)} KiB`);
}
await writeFile(path.join(outDir, "library.json"), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`wrote ${songs.length} tracks and library.json to ${path.relative(process.cwd(), outDir)}/`);

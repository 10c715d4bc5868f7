// The speaking meter: each read hears every sound since the read before, however short, and the
// hiss of a quiet room stays below the speaking level.
import assert from "node:assert/strict";
import { loudestBlockLevel, windowSamples, READ_EVERY_MS, SPEAKING_LEVEL, BLOCK_MS } from "../../client/voice/level-meter.ts";

const RATE = 44_100;
const block = Math.round((RATE * BLOCK_MS) / 1000);

/** Silence with a 400 Hz square beep of `ms` at `amplitude`, ending `endsAgo` samples before the window's end. */
function beep(length: number, ms: number, amplitude: number, endsAgo: number): Float32Array {
  const out = new Float32Array(length);
  const beepLength = Math.round((RATE * ms) / 1000);
  const end = length - endsAgo;
  for (let i = Math.max(0, end - beepLength); i < end; i++) out[i] = Math.sin((2 * Math.PI * 400 * i) / RATE) >= 0 ? amplitude : -amplitude;
  return out;
}

describe("voice speaking meter", () => {
  it("keeps more samples than come in between two reads, at every common sample rate", () => {
    for (const rate of [8_000, 16_000, 22_050, 44_100, 48_000, 96_000]) {
      const size = windowSamples(rate);
      assert.equal(Math.log2(size) % 1, 0, `${size} is a power of two (an AnalyserNode's fftSize)`);
      assert.ok(size <= 32_768, `${size} is within what an AnalyserNode takes`);
      assert.ok((size / rate) * 1000 > READ_EVERY_MS * 1.4, `${size} samples at ${rate} Hz cover a read and a late timer`);
    }
    assert.equal(windowSamples(44_100), 8192);
    assert.equal(windowSamples(48_000), 8192);
  });

  it("hears a 20 ms beep wherever it falls since the last read", () => {
    const size = windowSamples(RATE);
    const sinceLastRead = Math.round((RATE * READ_EVERY_MS) / 1000);
    for (let endsAgo = 0; endsAgo <= sinceLastRead; endsAgo += 37) {
      const samples = beep(size, 20, 0.4, endsAgo);
      const level = loudestBlockLevel(samples, block);
      assert.ok(level >= 0.35, `a beep ending ${endsAgo} samples ago reads ${level}`);
      // What a 1,024-sample snapshot (the meter's old window) makes of the same read:
      if (endsAgo > 2048) assert.equal(loudestBlockLevel(samples.subarray(size - 1024), 1024), 0);
    }
  });

  it("reads a steady tone at its RMS and a quiet room's hiss below the speaking level", () => {
    const size = windowSamples(RATE);
    const tone = Float32Array.from({ length: size }, (_, i) => 0.1 * Math.sin((2 * Math.PI * 300 * i) / RATE)); // three whole periods in each 10 ms block
    assert.ok(Math.abs(loudestBlockLevel(tone, block) - 0.1 / Math.SQRT2) < 0.002);
    // Hiss: uniform noise of RMS 0.005 (a quiet microphone), from a fixed seed.
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const hiss = Float32Array.from({ length: size }, () => random() * 0.005 * Math.sqrt(3));
    const level = loudestBlockLevel(hiss, block);
    assert.ok(level > 0.003 && level < SPEAKING_LEVEL, `hiss reads ${level}`);
  });

  it("copes with a window shorter than a block and with no samples", () => {
    assert.ok(Math.abs(loudestBlockLevel(Float32Array.of(0.5, -0.5, 0.5), block) - 0.5) < 1e-9);
    assert.equal(loudestBlockLevel(new Float32Array(0), block), 0);
  });
});

// The speaking meter: each read hears every sound since the read before, a short word included,
// while a click near the microphone and the hiss of a quiet room stay below the speaking level.
import assert from "node:assert/strict";
import { blockLevel, windowSamples, READ_EVERY_MS, SPEAKING_LEVEL, BLOCK_MS, SPEECH_BLOCKS } from "../../client/voice/level-meter.ts";

const RATE = 44_100;
const block = Math.round((RATE * BLOCK_MS) / 1000);
/** What the meter reads from a window. */
const level = (samples: Float32Array) => blockLevel(samples, block, SPEECH_BLOCKS);

/** Silence with a 400 Hz square tone of `ms` at `amplitude`, ending `endsAgo` samples before the window's end. */
function tone(length: number, ms: number, amplitude: number, endsAgo: number): Float32Array {
  const out = new Float32Array(length);
  const toneLength = Math.round((RATE * ms) / 1000);
  const end = length - endsAgo;
  for (let i = Math.max(0, end - toneLength); i < end; i++) out[i] = Math.sin((2 * Math.PI * 400 * i) / RATE) >= 0 ? amplitude : -amplitude;
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

  it("hears a 20 ms sound wherever it falls since the last read", () => {
    const size = windowSamples(RATE);
    const sinceLastRead = Math.round((RATE * READ_EVERY_MS) / 1000);
    for (let endsAgo = 0; endsAgo <= sinceLastRead; endsAgo += 37) {
      const samples = tone(size, 20, 0.4, endsAgo);
      assert.ok(level(samples) >= 0.25, `a sound ending ${endsAgo} samples ago reads ${level(samples)}`);
      // What a 1,024-sample snapshot (the meter's old window) makes of the same read:
      if (endsAgo > 2048) assert.equal(blockLevel(samples.subarray(size - 1024), 1024), 0);
    }
  });

  it("does not take a click or a key press for speech, nor a quiet room's hiss", () => {
    const size = windowSamples(RATE);
    // A 3 ms click at half of full scale, wherever it falls (across block edges too): loud, but short.
    for (let endsAgo = 0; endsAgo < 3 * block; endsAgo += 7) {
      const click = tone(size, 3, 0.5, endsAgo);
      assert.ok(blockLevel(click, block) > 0.2, "the click is loud");
      assert.ok(level(click) < SPEAKING_LEVEL, `a click ending ${endsAgo} samples ago reads ${level(click)}`);
    }
    // Hiss: uniform noise of RMS 0.005 (a quiet microphone), from a fixed seed.
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const hiss = Float32Array.from({ length: size }, () => random() * 0.005 * Math.sqrt(3));
    assert.ok(level(hiss) > 0.003 && level(hiss) < SPEAKING_LEVEL, `hiss reads ${level(hiss)}`);
  });

  it("reads a steady tone at its RMS, and ranks the blocks", () => {
    const size = windowSamples(RATE);
    const steady = Float32Array.from({ length: size }, (_, i) => 0.1 * Math.sin((2 * Math.PI * 400 * i) / RATE)); // two whole periods in each 5 ms block
    assert.ok(Math.abs(level(steady) - 0.1 / Math.SQRT2) < 0.002);
    // Blocks of 2 from the newest back: [0.3, 0.3], [0.2, 0.2], [0.1, 0.1]; the odd oldest sample is left out.
    const ranked = Float32Array.of(9, 0.1, 0.1, 0.2, 0.2, 0.3, 0.3);
    assert.deepEqual([1, 2, 3, 4].map((rank) => Number(blockLevel(ranked, 2, rank).toFixed(6))), [0.3, 0.2, 0.1, 0]);
    assert.equal(blockLevel(new Float32Array(0), block), 0);
  });
});

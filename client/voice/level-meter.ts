// Is the person talking? An AnalyserNode on the local microphone, read a few times a second; the
// answer holds for a moment after the voice stops so the ring around the avatar does not flicker
// between words.
//
// Each read looks at everything since the read before, not a snapshot: the analyser's window is
// longer than the time between reads. It counts as speech when at least four 5 ms blocks of that
// window are loud: a click or a key press near the microphone fills one or two, a syllable many. (A
// snapshot of a few ms every 100 ms missed a short word most of the time, and Chromium's 30 ms test
// beep every time when it repeated in step with the reads.)

export const READ_EVERY_MS = 100;
/** RMS of the time-domain signal (full scale = 1) above which it counts as speech. */
export const SPEAKING_LEVEL = 0.02;
const HOLD_MS = 500;
/** The analyser's window is at least this much longer than the time between reads (timers run late). */
const WINDOW_MARGIN = 1.5;
/** The window is judged in blocks of this length… */
export const BLOCK_MS = 5;
/** …and its level is that of its SPEECH_BLOCKS-th loudest block: about 20 ms of sound, not necessarily in one piece. */
export const SPEECH_BLOCKS = 4;

/**
 * Samples the analyser keeps at a sample rate: the smallest power of two (what an AnalyserNode
 * takes) covering 1.5 reads, at most the 32,768 it allows. 8,192 at 44.1 or 48 kHz (186 or 171 ms).
 */
export function windowSamples(sampleRate: number): number {
  const needed = (sampleRate * READ_EVERY_MS * WINDOW_MARGIN) / 1000;
  return Math.min(32_768, Math.max(32, 2 ** Math.ceil(Math.log2(needed))));
}

/**
 * RMS of the `rank`-th loudest block (1: the loudest) of `blockLength` consecutive samples, blocks
 * laid end to end from the newest sample back (a partial block at the oldest end is left out: the
 * read before saw it). 0 when there are fewer blocks.
 */
export function blockLevel(samples: ArrayLike<number>, blockLength: number, rank = 1): number {
  const n = Math.max(1, Math.min(Math.floor(blockLength), samples.length));
  const meanSquares: number[] = [];
  for (let end = samples.length; end >= n; end -= n) {
    let sum = 0;
    for (let i = end - n; i < end; i++) sum += samples[i] * samples[i];
    meanSquares.push(sum / n);
  }
  meanSquares.sort((a, b) => b - a);
  return meanSquares.length >= rank ? Math.sqrt(meanSquares[rank - 1]) : 0;
}

export class LevelMeter {
  private readonly context: AudioContext;
  private readonly analyser: AnalyserNode;
  private readonly samples: Float32Array<ArrayBuffer>;
  private readonly blockLength: number;
  private readonly timer: ReturnType<typeof setInterval>;
  private lastLoud = -Infinity;
  private speaking = false;
  /** The last level read (RMS of the SPEECH_BLOCKS-th loudest 5 ms since the read before, 0…1). */
  level = 0;

  constructor(stream: MediaStream, private readonly onSpeaking: (speaking: boolean) => void) {
    this.context = new AudioContext();
    const source = this.context.createMediaStreamSource(stream);
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = windowSamples(this.context.sampleRate);
    this.samples = new Float32Array(this.analyser.fftSize);
    this.blockLength = Math.round((this.context.sampleRate * BLOCK_MS) / 1000);
    // Only into the analyser, never to the speakers: you do not hear yourself.
    source.connect(this.analyser);
    void this.context.resume().catch(() => undefined);
    // A timer rather than animation frames: it keeps going in a background tab.
    this.timer = setInterval(() => this.read(), READ_EVERY_MS);
  }

  private read(): void {
    this.analyser.getFloatTimeDomainData(this.samples);
    this.level = blockLevel(this.samples, this.blockLength, SPEECH_BLOCKS);
    const now = performance.now();
    if (this.level >= SPEAKING_LEVEL) this.lastLoud = now;
    const speaking = now - this.lastLoud < HOLD_MS;
    if (speaking !== this.speaking) {
      this.speaking = speaking;
      this.onSpeaking(speaking);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    void this.context.close().catch(() => undefined);
  }
}

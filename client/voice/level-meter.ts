// Is the person talking? An AnalyserNode on the local microphone, read a few times a second; the
// answer holds for a moment after the voice stops so the ring around the avatar does not flicker
// between words.

const READ_EVERY_MS = 100;
/** RMS of the time-domain signal (full scale = 1) above which it counts as speech. */
const SPEAKING_LEVEL = 0.02;
const HOLD_MS = 500;

export class LevelMeter {
  private readonly context: AudioContext;
  private readonly analyser: AnalyserNode;
  private readonly samples: Float32Array<ArrayBuffer>;
  private readonly timer: ReturnType<typeof setInterval>;
  private lastLoud = -Infinity;
  private speaking = false;
  /** The last level read (RMS, 0…1). */
  level = 0;

  constructor(stream: MediaStream, private readonly onSpeaking: (speaking: boolean) => void) {
    this.context = new AudioContext();
    const source = this.context.createMediaStreamSource(stream);
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 1024;
    this.samples = new Float32Array(this.analyser.fftSize);
    // Only into the analyser, never to the speakers: you do not hear yourself.
    source.connect(this.analyser);
    void this.context.resume().catch(() => undefined);
    // A timer rather than animation frames: it keeps going in a background tab.
    this.timer = setInterval(() => this.read(), READ_EVERY_MS);
  }

  private read(): void {
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    for (const s of this.samples) sum += s * s;
    this.level = Math.sqrt(sum / this.samples.length);
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

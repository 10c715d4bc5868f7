// Playing the others' voices, each at a volume for its distance.
//
// Each remote stream plays through its own <audio> element, and distance sets the element's
// `.volume`. Not through Web Audio: Chromium's echo canceller only knows about audio the WebRTC
// stack renders itself (media elements fed a remote MediaStream); remote audio that only goes
// MediaStreamSource → GainNode → destination bypasses it, so people on speakers would send
// everyone's voices back into the mesh (crbug.com/687574). The known fix is to keep the stream on
// a media element; with the element doing the playing, its volume is all the mixing we need.

export class RemoteAudio {
  private readonly players = new Map<string, HTMLAudioElement>();
  private readonly root: HTMLElement;
  /** Set when the browser refused to start playback (no user gesture yet). */
  blocked = false;

  constructor(private readonly onBlocked: () => void) {
    this.root = document.createElement("div");
    this.root.hidden = true;
    this.root.className = "voice-audio";
    document.body.append(this.root);
  }

  play(remoteId: string, stream: MediaStream, volume: number): void {
    this.stop(remoteId);
    const audio = document.createElement("audio");
    audio.autoplay = true;
    audio.srcObject = stream;
    audio.volume = volume;
    audio.dataset.peer = remoteId;
    this.root.append(audio);
    this.players.set(remoteId, audio);
    audio.play().catch(() => { this.blocked = true; this.onBlocked(); });
  }

  setVolume(remoteId: string, volume: number): void {
    const audio = this.players.get(remoteId);
    if (audio && Math.abs(audio.volume - volume) > 0.005) audio.volume = volume;
  }

  volumeOf(remoteId: string): number | undefined {
    return this.players.get(remoteId)?.volume;
  }

  /** After a click: start whatever the browser would not play before. */
  resume(): void {
    this.blocked = false;
    for (const audio of this.players.values()) audio.play().catch(() => { this.blocked = true; });
  }

  stop(remoteId: string): void {
    const audio = this.players.get(remoteId);
    if (!audio) return;
    audio.srcObject = null;
    audio.remove();
    this.players.delete(remoteId);
  }

  destroy(): void {
    for (const id of [...this.players.keys()]) this.stop(id);
    this.root.remove();
  }
}

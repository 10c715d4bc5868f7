// Voice links on simple-peer: one RTCPeerConnection per pair, audio both ways, trickle ICE.
// We use @thaunknown/simple-peer, a maintained fork with the same API: the original (9.11, 2021)
// is CommonJS on Node's streams and Buffer and reads `global`, which Vite does not polyfill, so a
// page importing it stops with "global is not defined" (see the README's dependency notes).
import SimplePeer from "@thaunknown/simple-peer";
import type { LinkOptions, LinkStats, PeerLink, SignalData, VoiceTransport } from "./transport.ts";

/**
 * simple-peer labels its requests with a `type` the room's signalling schema does not carry
 * (`{type: "renegotiate", renegotiate: true}`); the requests are known by their own key anyway.
 */
function forTheRoom(data: SignalData): SignalData {
  if (data.renegotiate === true) return { renegotiate: true };
  if (data.transceiverRequest !== undefined) return { transceiverRequest: data.transceiverRequest };
  return data;
}

class SimplePeerLink implements PeerLink {
  readonly remoteId: string;
  private readonly peer: SimplePeer;
  private readonly track: MediaStreamTrack | undefined;
  private sending = true;
  private ended = false;

  constructor(private readonly options: LinkOptions) {
    this.remoteId = options.remoteId;
    this.track = options.microphone.getAudioTracks()[0];
    this.peer = new SimplePeer({ initiator: options.initiator, stream: options.microphone, config: { iceServers: options.iceServers } });
    const { events } = options;
    let failure: Error | undefined;
    this.peer.on("signal", (data) => { if (!this.ended) events.signal(forTheRoom(data)); });
    this.peer.on("stream", (stream) => events.stream(stream));
    this.peer.on("connect", () => events.connect());
    this.peer.on("error", (err) => { failure = err; });
    this.peer.on("close", () => {
      if (this.ended) return;
      this.ended = true;
      events.close(failure ?? new Error("The connection closed."));
    });
  }

  get connected(): boolean { return this.peer.connected; }

  signal(data: SignalData): void {
    if (!this.ended && !this.peer.destroyed) this.peer.signal(data);
  }

  setSending(on: boolean): void {
    if (on === this.sending || !this.track || this.peer.destroyed) return;
    this.sending = on;
    // replaceTrack(null) stops RTP altogether; a disabled track would still send silence packets.
    this.peer.replaceTrack(this.track, on ? this.track : null, this.options.microphone);
  }

  stats(): Promise<LinkStats> {
    return new Promise((resolve) => {
      const empty: LinkStats = { bytesReceived: 0, bytesSent: 0, packetsReceived: 0 };
      if (this.peer.destroyed) { resolve(empty); return; }
      this.peer.getStats((err, reports) => {
        if (err) { resolve(empty); return; }
        const out = { ...empty };
        const num = (v: unknown) => (typeof v === "number" ? v : 0);
        for (const r of reports) {
          if (r.kind !== "audio") continue;
          if (r.type === "inbound-rtp") { out.bytesReceived += num(r.bytesReceived); out.packetsReceived += num(r.packetsReceived); }
          if (r.type === "outbound-rtp") out.bytesSent += num(r.bytesSent);
        }
        resolve(out);
      });
    });
  }

  destroy(): void {
    this.ended = true;
    this.peer.destroy();
  }
}

export const simplePeerTransport: VoiceTransport = {
  open: (options) => new SimplePeerLink(options),
};

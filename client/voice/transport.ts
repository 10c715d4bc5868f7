// The seam between the voice mesh and whatever carries media: the mesh decides who talks to whom
// and relays signalling through the room; a transport turns that into audio. Today each link is a
// simple-peer connection (browser to browser); an SFU would implement the same two interfaces.

/** Signalling as the room relays it (`voice:signal` data): SDP, ICE candidates, requests. */
export type SignalData = Record<string, unknown>;

/** What a link measures of its media (from `getStats`): audio bytes each way. */
export interface LinkStats { bytesReceived: number; bytesSent: number; packetsReceived: number }

export interface LinkEvents {
  /** Signalling to relay to the other end. */
  signal(data: SignalData): void;
  /** The other end's audio arrived. */
  stream(stream: MediaStream): void;
  connect(): void;
  /** The link ended: `error` set when it failed rather than was hung up. */
  close(error?: Error): void;
}

/** One audio connection with one other member. */
export interface PeerLink {
  readonly remoteId: string;
  readonly connected: boolean;
  /** Signalling from the other end. */
  signal(data: SignalData): void;
  /** Send the microphone, or nothing at all (muted: no packets leave, not even silence). */
  setSending(on: boolean): void;
  stats(): Promise<LinkStats>;
  /** Closes it without firing `close`. */
  destroy(): void;
}

export interface LinkOptions {
  remoteId: string;
  /** This end makes the offer (see isOfferer). */
  initiator: boolean;
  microphone: MediaStream;
  iceServers: RTCIceServer[];
  events: LinkEvents;
}

export interface VoiceTransport {
  open(options: LinkOptions): PeerLink;
}

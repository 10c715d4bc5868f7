// The part of @thaunknown/simple-peer (a maintained fork of simple-peer, same API) that the voice
// transport uses; the package ships no types of its own.
declare module "@thaunknown/simple-peer" {
  export interface SimplePeerOptions {
    initiator?: boolean;
    stream?: MediaStream;
    config?: RTCConfiguration;
    trickle?: boolean;
  }
  export default class SimplePeer {
    constructor(options?: SimplePeerOptions);
    readonly connected: boolean;
    readonly destroyed: boolean;
    signal(data: unknown): void;
    replaceTrack(oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack | null, stream: MediaStream): void;
    getStats(cb: (err: Error | null, reports: Record<string, unknown>[]) => void): void;
    destroy(err?: Error): void;
    on(event: "signal", listener: (data: Record<string, unknown>) => void): this;
    on(event: "stream", listener: (stream: MediaStream) => void): this;
    on(event: "connect", listener: () => void): this;
    on(event: "close", listener: () => void): this;
    on(event: "error", listener: (err: Error & { code?: string }) => void): this;
  }
}

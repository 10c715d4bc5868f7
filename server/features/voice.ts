// Voice: a WebRTC mesh between members of a lounge. Media never touches the server; the room keeps
// who is in voice (muted, speaking) and relays signalling from one member to another, only when
// both are in this lounge's voice. ICE servers (TURN credentials included) go only to those who
// join voice. A member who leaves or drops is gone from everyone's mesh at once.
import type { Client } from "@colyseus/core";
import type { z } from "zod";
import { createHmac } from "node:crypto";
import { VoiceMember, voiceMessages, MAX_SIGNAL_BYTES, type IceServer, type VoiceGone, type VoiceJoined, type VoiceSignal } from "../../shared/features/voice.ts";
import { refuse, type Refusal } from "../rooms/refusal.ts";
import { LoungeFeature } from "../rooms/feature.ts";
import { RateLimiter } from "./rate-limit.ts";

type Msg<K extends keyof typeof voiceMessages> = z.output<(typeof voiceMessages)[K]>;

/**
 * TURN credentials for one person, valid until `now + ttl`: the TURN REST API scheme coturn checks
 * with `use-auth-secret` (username `expiry:who`, password base64 HMAC-SHA1 of it under the secret).
 */
export function turnCredentials(urls: string[], secret: string, who: string, nowMs: number, ttlSeconds: number): IceServer {
  const username = `${Math.floor(nowMs / 1000) + ttlSeconds}:${who}`;
  const credential = createHmac("sha1", secret).update(username).digest("base64");
  return { urls, username, credential };
}

export class VoiceFeature extends LoungeFeature {
  private readonly limiter = new RateLimiter({ burst: 10, perSecond: 4 }, () => this.host.clock.now());
  // Offers, answers and a burst of ICE candidates per peer, for up to six peers.
  private readonly signalLimiter = new RateLimiter({ burst: 120, perSecond: 40 }, () => this.host.clock.now());

  protected override messages = this.handlers(voiceMessages, {
    "voice:join": { limit: this.limiter, handle: (c) => this.onJoinVoice(c) },
    "voice:leave": { limit: this.limiter, handle: (c) => this.leaveVoice(c.sessionId) },
    "voice:mute": { limit: this.limiter, handle: (c, m) => this.member(c, (v) => { v.muted = m.muted; if (m.muted) v.speaking = false; }) },
    "voice:speaking": { limit: this.signalLimiter, handle: (c, m) => this.member(c, (v) => { v.speaking = m.speaking && !v.muted; }) },
    "voice:signal": { limit: this.signalLimiter, maxBytes: MAX_SIGNAL_BYTES + 1024, handle: (c, m) => this.onSignal(c, m) },
  });

  onJoinVoice(client: Client): VoiceJoined {
    if (!this.host.state.voice.has(client.sessionId)) this.host.state.voice.set(client.sessionId, new VoiceMember());
    const { config } = this.host.services;
    const iceServers: IceServer[] = [...config.ICE_SERVERS];
    if (config.TURN_URLS.length > 0 && config.TURN_SECRET) {
      iceServers.push(turnCredentials(config.TURN_URLS, config.TURN_SECRET, client.sessionId, this.host.clock.now(), config.TURN_TTL_SECONDS));
    }
    return { iceServers };
  }

  private member(client: Client, change: (member: VoiceMember) => void): Refusal | void {
    const member = this.host.state.voice.get(client.sessionId);
    if (!member) return refuse("FORBIDDEN", "Join voice first (voice:join).");
    change(member);
  }

  onSignal(client: Client, msg: Msg<"voice:signal">): Refusal | void {
    const voice = this.host.state.voice;
    if (!voice.has(client.sessionId)) return refuse("FORBIDDEN", "Join voice first (voice:join).");
    if (msg.to === client.sessionId) return refuse("FORBIDDEN", "That is you: signal another member.");
    const target = this.host.clients.getById(msg.to);
    if (!target || !voice.has(msg.to)) return refuse("NOT_FOUND", "That person is not in this lounge's voice (any more).");
    const signal: VoiceSignal = { from: client.sessionId, data: msg.data };
    target.send("voice:signal", signal);
  }

  /** Takes someone out of voice and tells the others to close their connection to them. */
  private leaveVoice(sessionId: string): void {
    if (!this.host.state.voice.delete(sessionId)) return;
    const gone: VoiceGone = { sessionId };
    for (const other of this.host.state.voice.keys()) this.host.clients.getById(other)?.send("voice:gone", gone);
  }

  /** A dropped connection's media is gone with it: out of voice now; it joins again on reconnect. */
  override onDrop(client: Client): void {
    this.leaveVoice(client.sessionId);
  }

  protected override onLeave(client: Client): void {
    this.leaveVoice(client.sessionId);
    this.limiter.forget(client.sessionId);
    this.signalLimiter.forget(client.sessionId);
  }
}

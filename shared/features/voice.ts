// Voice: who is in the lounge's voice mesh, muted or speaking, and the signalling messages the room
// relays between two members (media flows browser to browser). See server/features/voice.ts.
import { z } from "zod";
import { schema, t, type SchemaType } from "@colyseus/schema";
import { sessionIdField, noPayload } from "../fields.ts";

export const VoiceMember = schema({
  muted: t.boolean().default(false),
  /** From the member's own level meter; drives the ring around their avatar. */
  speaking: t.boolean().default(false),
}, "VoiceMember");
export type VoiceMember = SchemaType<typeof VoiceMember>;

/** An SDP offer or answer runs to several KB; ICE candidates are small. */
export const MAX_SIGNAL_BYTES = 16 * 1024;
/** Each person connects to at most this many others, the nearest (client/voice/). */
export const MAX_VOICE_PEERS = 6;

export const voiceMessages = {
  /** Join the voice mesh; a request whose reply carries the ICE servers (`VoiceJoined`). */
  "voice:join": noPayload,
  "voice:leave": noPayload,
  "voice:mute": z.object({ muted: z.boolean() }).strict(),
  "voice:speaking": z.object({ speaking: z.boolean() }).strict(),
  /** WebRTC signalling for one other member: relayed to `to` only, as `voice:signal {from, data}`. */
  "voice:signal": z.object({
    to: sessionIdField,
    data: z.union([
      z.object({ type: z.enum(["offer", "answer", "pranswer", "rollback"]), sdp: z.string().max(MAX_SIGNAL_BYTES).optional() }).strict(),
      // Unknown candidate fields are dropped, not refused: browsers add some over time.
      z.object({ type: z.literal("candidate"), candidate: z.object({ candidate: z.string().max(1024), sdpMid: z.string().max(64).nullable().optional(), sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(), usernameFragment: z.string().max(256).nullable().optional() }) }).strict(),
      z.object({ renegotiate: z.literal(true) }).strict(),
      z.object({ transceiverRequest: z.object({ kind: z.enum(["audio", "video"]) }).passthrough() }).strict(),
    ]),
  }).strict(),
} as const;

/** An ICE server as RTCPeerConnection takes it. */
export interface IceServer { urls: string | string[]; username?: string; credential?: string }
/** Reply to `voice:join`. */
export interface VoiceJoined { iceServers: IceServer[] }
/** What a member receives: signalling from `from`. */
export interface VoiceSignal { from: string; data: unknown }
/** Told to the members still in voice when one leaves, drops or is removed: close the peer now. */
export interface VoiceGone { sessionId: string }

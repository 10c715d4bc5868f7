// The lounge connection as the voice mesh sees it (client/voice/voice-mesh.ts): who is in voice and
// where their avatars stand, joining and leaving, mute and speaking flags, and signalling.
import type { VoiceJoined } from "../../shared/features/voice.ts";
import { positionAt } from "../../shared/movement.ts";
import type { VoiceRoom } from "../voice/voice-mesh.ts";
import type { SignalData } from "../voice/transport.ts";
import type { LoungeConnection } from "./lounge-connection.ts";

/** `serverNow`: the server's clock as the page estimates it; avatars walk in server time. */
export function voiceRoomOf(connection: LoungeConnection, serverNow: () => number): VoiceRoom {
  return {
    selfId: () => connection.sessionId,
    members: () => [...(connection.state?.voice.keys() ?? [])],
    positionOf: (id) => {
      const p = connection.state?.players.get(id);
      return p ? positionAt(p, serverNow()) : undefined;
    },
    join: async () => (await connection.ask("voice:join", {})) as VoiceJoined,
    leave: () => { connection.send("voice:leave", {}); },
    setMuted: (muted) => { connection.send("voice:mute", { muted }); },
    setSpeaking: (speaking) => { connection.send("voice:speaking", { speaking }); },
    // The room's schema checks the shape; the data comes from simple-peer as it is.
    signal: (to, data: SignalData) => { connection.sendChecked("voice:signal", { to, data }); },
  };
}

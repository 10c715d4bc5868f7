// Messages between the load part's runner (bench/load.ts) and its client workers (bench/worker.ts)
// over the fork() IPC channel. Times are ms since the epoch (Date.now()): every process on the
// machine reads the same clock, so a time taken in one worker can be subtracted from one taken in
// another.

/** What a person does: decode and time (observer, an SDK client), walk, or only receive (raw sockets). */
export type Role = "observer" | "walker" | "receiver";

/** How to talk to one kind of server: its room, and the names its messages go by. */
export interface Target {
  url: string;
  roomName: string;
  /** Chat: a request answered once stored (the lounge), or a plain message broadcast at once (bare). */
  chat: { type: string; request: boolean };
  /** Walk intents, `{dx, dy}` as `avatar:walk` takes them. */
  walkType: string;
}

export interface Seat {
  role: Role;
  /** Which room (lounge id, or the bare room's filter value): observers are grouped by it. */
  room: string;
  /** Join options passed to matchmaking. */
  options: Record<string, unknown>;
  /** Walkers: which way the first walk goes (0–3, see WALK_LOOP). */
  walkPhase: number;
  /** Walkers: when in the walk period their walks start, as a share of it (bench/seating.ts). */
  walkAt: number;
}

/** Take these seats (added to what this worker holds). */
export interface JoinSeats { type: "join"; worker: number; target: Target; seats: Seat[]; joinConcurrency: number }

/** Measure from `at` to `until`: chat and walk intents are only sent in between. */
export interface StartMeasuring {
  type: "start"; at: number; until: number;
  /** This worker's share of the chat messages per second. */
  chatPerSecond: number;
  walkEveryMs: number;
  walkHoldMs: number;
}

/** Send what was seen in the phase, keep the seats. */
export interface Collect { type: "collect" }
/** Leave every seat and exit. */
export interface Leave { type: "leave" }

export type ToWorker = JoinSeats | StartMeasuring | Collect | Leave;

export interface ChatSend { nonce: string; room: string; at: number; acked: boolean | null }
export interface WalkIntent { sessionId: string; room: string; at: number; facing: string }
/** One observer seeing one mover turn to face `dir` at `at`. */
export type WalkSeen = [observer: string, mover: string, at: number, dir: string];
export interface Disconnect { sessionId: string; at: number; code: number; reason: string }

export interface PhaseResults {
  type: "results";
  worker: number;
  chat: ChatSend[];
  /** Per chat nonce, the delay at each observer of this worker that saw it. */
  deliveries: Array<[nonce: string, delaysMs: number[]]>;
  walks: WalkIntent[];
  seen: WalkSeen[];
  /** Frames and bytes the raw (non-decoding) clients received in the phase, and how many there are. */
  rawFrames: number;
  rawBytes: number;
  /** Of those, the state patches. */
  rawPatchFrames: number;
  rawPatchBytes: number;
  rawClients: number;
  /** Connections closed by the far end since joining. */
  disconnects: Disconnect[];
  /** CPU time this worker used from the start to the end of the measured phase. */
  cpuMs: number;
}

export type FromWorker =
  | { type: "joined"; sessionId: string; room: string; role: Role; ms: number }
  | { type: "join-failed"; room: string; error: string }
  | { type: "ready" }
  | { type: "progress"; chatSent: number; chatAcked: number; walksSent: number; disconnects: number }
  | PhaseResults;

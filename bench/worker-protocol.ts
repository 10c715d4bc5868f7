// Messages between the bench runner (bench/run.ts) and its client workers (bench/worker.ts) over
// the fork() IPC channel. Times are ms since the epoch (Date.now()): every process on the machine
// reads the same clock, so a time taken in one worker can be subtracted from one taken in another.

export interface WorkerJob {
  type: "job";
  worker: number;
  /** How many workers there are: schedules interleave so the load is even over time. */
  workers: number;
  url: string;
  /** The lounge of each client this worker runs, in join order. */
  loungeIds: string[];
  joinConcurrency: number;
  chatEveryMs: number;
  walkEveryMs: number;
  walkHoldMs: number;
}

/** Measure from `at` to `until`: chat and walk intents are only sent in between. */
export interface StartMeasuring { type: "start"; at: number; until: number }

/** Stop watching, send the results, leave the rooms and exit. */
export interface Collect { type: "collect" }

export type ToWorker = WorkerJob | StartMeasuring | Collect;

/** Running totals, for the progress lines. */
export interface Counters {
  chatSent: number;
  chatAcked: number;
  chatRefused: number;
  deliveries: number;
  walksSent: number;
  walksSeen: number;
  disconnects: number;
}

export interface ChatSend {
  nonce: string;
  sessionId: string;
  at: number;
  /** Send → acknowledgement, or null when refused or failed (see `error`). */
  ackMs: number | null;
  error?: string;
}

export interface WalkIntent { sessionId: string; at: number; facing: string }

/** One receiver seeing one mover start to move: its avatar moved, facing `dir`, at `at`. */
export type WalkSeen = [receiver: string, mover: string, at: number, dir: string];

export interface Disconnect { sessionId: string; at: number; code: number; reason: string }

export interface WorkerResults {
  type: "results";
  worker: number;
  chat: ChatSend[];
  /** Per chat nonce, the delay at each receiver of this worker that saw it. */
  deliveries: Array<[nonce: string, delaysMs: number[]]>;
  walks: WalkIntent[];
  seen: WalkSeen[];
  disconnects: Disconnect[];
  /** Errors the server sent with `error` messages, by code. */
  serverErrors: Record<string, number>;
  /** CPU time this worker used during the measured phase. */
  cpuMs: number;
}

export type FromWorker =
  | { type: "joined"; sessionId: string; loungeId: string; ms: number }
  | { type: "join-failed"; loungeId: string; error: string }
  | { type: "ready" }
  | { type: "progress"; counters: Counters }
  | WorkerResults;

// The operator's overview (`GET /api/operator/overview`, and the page at /operator): every
// process serving this deployment, every open lounge, and everyone in them.

export interface OperatorProcess {
  processId: string;
  /** Where clients reach it (PUBLIC_ADDRESS); null when unknown (another process with no lounge open). */
  address: string | null;
  lounges: number;
  /** Connections on this process, lounges and lobby together. */
  clients: number;
  /** Shutting down: out of matchmaking, its lounges moving on. */
  draining: boolean;
  /** The process that answered this request. */
  self: boolean;
}

export interface OperatorLounge {
  id: string;
  name: string;
  /** The Room type serving it ("lounge", or a mod's). */
  kind: string;
  people: number;
  capacity: number;
  processId: string;
  /** Joins refused for now (full, or its process is draining). */
  locked: boolean;
}

export interface OperatorPerson {
  loungeId: string;
  name: string;
  role: string;
  /** The account's id; null for a guest. */
  userId: string | null;
  /** False while their seat is held for a reconnect. */
  connected: boolean;
}

export interface OperatorOverview {
  generatedAt: string;
  processes: OperatorProcess[];
  lounges: OperatorLounge[];
  people: OperatorPerson[];
  /** Lounges whose process did not say who is inside in time (it may have just died). */
  unreachable: string[];
}

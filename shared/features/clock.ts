// The clock feature's message: a sample for the client's server-clock estimate (shared/clock.ts).
import { z } from "zod";

export const clockMessages = {
  /** Clock sample, sent as a request: the reply is `ClockPong`. */
  "clock:ping": z.object({ t0: z.number().finite() }).strict(),
} as const;

/** `t0` echoed back, and the server's clock (ms since the epoch, sub-millisecond, monotonic). */
export interface ClockPong { t0: number; serverNow: number }

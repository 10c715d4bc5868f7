// How a handler refuses an intent: it returns a Refusal, and the message wrapper turns it into an
// `error` message (or the rejection of a request) to the sender only.
import type { ErrorCode, ErrorPayload } from "../../shared/errors.ts";

export class Refusal {
  constructor(readonly payload: ErrorPayload) {}
}

export function refuse(code: ErrorCode, message: string, extra: Partial<ErrorPayload> = {}): Refusal {
  return new Refusal({ code, message, ...extra });
}

// Error codes the server sends to a client, with the payload shape. Codes are stable API: clients
// switch on them, so add new ones rather than renaming.
export const errorCodes = [
  "INVALID_MESSAGE",
  "UNKNOWN_MESSAGE",
  "MESSAGE_TOO_LARGE",
  "RATE_LIMITED",
  "NOT_FOUND",
  "OUT_OF_BOUNDS",
  "UNREACHABLE",
  "FORBIDDEN",
  "UNAVAILABLE",
  "INTERNAL",
  /** Chat refused: a moderator muted the sender. */
  "MUTED",
  /** Chat refused: the lounge's slow mode asks for a pause between messages (see retryInMs). */
  "SLOW_MODE",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** What the server sends as the `error` message, or as the rejection of a request. */
export interface ErrorPayload {
  code: ErrorCode;
  /** Human text that says what to do next. */
  message: string;
  /** The client message type that caused it, when there is one. */
  type?: string;
  /** For RATE_LIMITED: when a retry will be accepted. */
  retryInMs?: number;
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === "object" && value !== null &&
    typeof (value as ErrorPayload).code === "string" &&
    typeof (value as ErrorPayload).message === "string"
  );
}

// Error codes the server sends to a client, with the payload shape. Codes are stable API: clients
// switch on them, so add new ones rather than renaming.

/**
 * The codes of room errors, as the keys of an interface so that a mod's feature adds its own with
 * declaration merging (see docs/modding.md):
 * `declare module "…/shared/errors.ts" { interface RoomErrorCodes { QUIZ_CLOSED: true } }`.
 */
export interface RoomErrorCodes {
  INVALID_MESSAGE: true;
  UNKNOWN_MESSAGE: true;
  MESSAGE_TOO_LARGE: true;
  RATE_LIMITED: true;
  NOT_FOUND: true;
  OUT_OF_BOUNDS: true;
  UNREACHABLE: true;
  FORBIDDEN: true;
  UNAVAILABLE: true;
  INTERNAL: true;
  /** Chat refused: a moderator muted the sender. */
  MUTED: true;
  /** Chat refused: the lounge's slow mode asks for a pause between messages (see retryInMs). */
  SLOW_MODE: true;
  /** Card tables: it is not this seat's turn (or the sender holds no seat in the game). */
  NOT_YOUR_TURN: true;
  /** Card tables: the move was for an older state than the table's (see `version`); look again. */
  STALE_VERSION: true;
  /** Card tables: the rules refuse that move (the message says which rule). */
  ILLEGAL_MOVE: true;
  /** Card tables: that seat is taken, or the table is mid-game. */
  TABLE_BUSY: true;
}
export type ErrorCode = keyof RoomErrorCodes;

/** The built-in codes, as a list (for tests and clients that switch on them). */
export const errorCodes = [
  "INVALID_MESSAGE", "UNKNOWN_MESSAGE", "MESSAGE_TOO_LARGE", "RATE_LIMITED", "NOT_FOUND", "OUT_OF_BOUNDS",
  "UNREACHABLE", "FORBIDDEN", "UNAVAILABLE", "INTERNAL", "MUTED", "SLOW_MODE",
  "NOT_YOUR_TURN", "STALE_VERSION", "ILLEGAL_MOVE", "TABLE_BUSY",
] as const satisfies readonly ErrorCode[];

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

/** Codes of the REST API's errors: `{ error: { code, message } }` with a fitting HTTP status. */
export const httpErrorCodes = [
  "INVALID_REQUEST", "INVALID_JSON", "TOO_LARGE", "TOO_LONG", "EMPTY_UPLOAD", "INVALID_URL", "NOT_AUDIO", "FETCH_FAILED",
  "NOT_SIGNED_IN", "INVALID_CREDENTIALS", "SESSION_INVALID", "SESSION_EXPIRED", "FORBIDDEN", "PRIVATE_LOUNGE",
  "CROSS_SITE_REQUEST", "NOT_FOUND", "IS_OWNER", "USERNAME_TAKEN", "INVITE_INVALID", "RATE_LIMITED", "INTERNAL",
  "UNKNOWN_ROOM_KIND", "NOT_AN_OPERATOR",
] as const;
export type HttpErrorCode = (typeof httpErrorCodes)[number];

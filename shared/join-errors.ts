// Codes of a refused join: the SDK's join promise rejects with `err.code` set to one of these (the
// server answers matchmaking with the code as the HTTP status) and `err.message` saying what to do.
export const JoinErrorCode = {
  INVALID_OPTIONS: 400,
  /** The session token (cookie, `sessionToken` or `Authorization: Bearer`) is not one we issued. */
  SESSION_INVALID: 401,
  /** A private lounge, and no membership or invite code. */
  INVITE_REQUIRED: 403,
  LOUNGE_NOT_FOUND: 404,
  LOUNGE_FULL: 409,
  /** The lounge is served by another room kind: join it with the kind the message names. */
  WRONG_ROOM_KIND: 421,
  /** The invite code is unknown, revoked, expired or used up (the message says which). */
  INVITE_INVALID: 410,
  /** This address holds too many seats it asked for and has not taken yet: take one, or wait a few seconds. */
  TOO_MANY_RESERVATIONS: 430,
  /** Disconnected for flooding a moment ago: wait (the message says how long), then join again. */
  WAIT_AFTER_FLOODING: 429,
  /** A moderator banned this account or guest from the lounge. */
  BANNED: 423,
  /** The session was real but has ended: sign in again (or sign out to join as a guest). */
  SESSION_EXPIRED: 440,
} as const;
export type JoinErrorCode = (typeof JoinErrorCode)[keyof typeof JoinErrorCode];

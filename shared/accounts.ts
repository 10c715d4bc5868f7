// Accounts over HTTP: the rules for usernames and passwords, request bodies and the user's shape,
// shared by the server's /api/auth and /api/me routes and the browser's sign-in forms.
import { z } from "zod";
import { avatarIds } from "./avatars.ts";
import { displayName } from "./protocol.ts";

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 24;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export const username = z.string()
  .min(USERNAME_MIN, `Usernames are ${USERNAME_MIN}–${USERNAME_MAX} characters.`)
  .max(USERNAME_MAX, `Usernames are ${USERNAME_MIN}–${USERNAME_MAX} characters.`)
  .regex(/^[A-Za-z0-9_-]+$/, "Usernames use only letters, digits, _ and -.");

export const password = z.string()
  .min(PASSWORD_MIN, `Passwords are at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Passwords are at most ${PASSWORD_MAX} characters.`);

export const registerBody = z.object({
  username,
  password,
  /** Shown in lounges; defaults to the username. */
  displayName: displayName.optional(),
  avatar: z.enum(avatarIds).optional(),
  /** Non-browser clients: also return the session token in the body (browsers use the cookie). */
  includeToken: z.boolean().optional(),
}).strict();
export type RegisterBody = z.input<typeof registerBody>;

// Sign-in does not re-check the registration rules: it only needs a bounded input, and the
// answer to anything wrong is the same "wrong username or password".
export const loginBody = z.object({
  username: z.string().min(1, "Enter your username.").max(64),
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX, `Passwords are at most ${PASSWORD_MAX} characters.`),
  includeToken: z.boolean().optional(),
}).strict();
export type LoginBody = z.input<typeof loginBody>;

export const profileBody = z.object({
  displayName: displayName.optional(),
  avatar: z.enum(avatarIds).optional(),
}).strict();
export type ProfileBody = z.input<typeof profileBody>;

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  avatar: string;
}

/** Answer of register, login and `GET /api/auth/me` (user is null for a guest). */
export interface SessionDto {
  user: UserDto | null;
  /** When the session ends unless used again (ISO time); null for a guest. */
  expiresAt: string | null;
  /** Only when the request asked with `includeToken: true`. */
  token?: string;
}

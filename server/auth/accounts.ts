// The account services one process shares: users, sessions, password checks and attempt limits.
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { UserRepository } from "../db/users.ts";
import { SessionRepository } from "../db/sessions.ts";
import type { UserRow } from "../db/schema.ts";
import type { UserDto } from "../../shared/accounts.ts";
import { SessionService } from "./sessions.ts";
import { PasswordVerifier } from "./passwords.ts";
import type { Presence } from "@colyseus/core";
import { LoginThrottle, SharedLoginThrottle, type AttemptThrottle } from "./login-throttle.ts";
import { KnownDevices } from "./known-device.ts";

export interface Accounts {
  users: UserRepository;
  sessions: SessionService;
  passwords: PasswordVerifier;
  throttle: AttemptThrottle;
  devices: KnownDevices;
}

/** With `sharedPresence` (Redis), attempt limits hold across every process that shares it. */
export function createAccounts(db: Database, config: Config, log: Logger, sharedPresence?: Presence): Accounts {
  return {
    users: new UserRepository(db),
    sessions: new SessionService(new SessionRepository(db), { days: config.SESSION_DAYS, renewDays: config.SESSION_RENEW_DAYS }, log.child({ component: "sessions" })),
    passwords: new PasswordVerifier(),
    devices: new KnownDevices(config.DEVICE_KEY),
    throttle: sharedPresence
      ? new SharedLoginThrottle(sharedPresence, config, Date.now, "chill:throttle",
        (err) => log.warn({ err }, "Redis did not answer for sign-in limits; counting in this process until it does"))
      : new LoginThrottle(config),
  };
}

/**
 * Published through presence (Redis when several processes share it) when someone edits their
 * profile: every open lounge they are in shows the new name and avatar at once.
 */
export const PROFILE_CHANGED = "chill:profile-changed";
export interface ProfileChanged { userId: string; displayName: string; avatar: string }

export function userDto(row: UserRow): UserDto {
  return { id: row.id, username: row.username, displayName: row.displayName, avatar: row.avatar };
}

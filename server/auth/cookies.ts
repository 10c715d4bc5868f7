// The cookies of accounts: the session cookie (HTTP-only, SameSite=Lax, Secure over HTTPS) and the
// guest cookie that gives a guest a stable identity for bans. Read from express requests and from
// the headers Colyseus hands to onAuth.
import type { Request, Response, CookieOptions } from "express";
import type { Config } from "../config.ts";
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS } from "./known-device.ts";

export const SESSION_COOKIE = "chill_session";
export const GUEST_COOKIE = "chill_guest";
const GUEST_COOKIE_DAYS = 365;

/** Parses a Cookie header; the first of duplicate names wins, undecodable values are skipped. */
export function parseCookies(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith("\"") && value.endsWith("\"") && value.length >= 2) value = value.slice(1, -1);
    if (out.has(name)) continue;
    try { out.set(name, decodeURIComponent(value)); } catch { /* a cookie we did not write */ }
  }
  return out;
}

export function requestCookie(req: Request, name: string): string | undefined {
  return parseCookies(req.get("cookie")).get(name);
}

function baseOptions(config: Config, req: Request): CookieOptions {
  const secure = config.COOKIE_SECURE === "auto" ? req.secure : config.COOKIE_SECURE === "true";
  return { httpOnly: true, sameSite: "lax", secure, path: "/" };
}

export function setSessionCookie(res: Response, req: Request, config: Config, token: string, expiresAt: Date): void {
  res.cookie(SESSION_COOKIE, token, { ...baseOptions(config, req), expires: expiresAt });
}

export function clearSessionCookie(res: Response, req: Request, config: Config): void {
  res.clearCookie(SESSION_COOKIE, baseOptions(config, req));
}

export function setGuestCookie(res: Response, req: Request, config: Config, token: string): void {
  res.cookie(GUEST_COOKIE, token, { ...baseOptions(config, req), maxAge: GUEST_COOKIE_DAYS * 24 * 60 * 60 * 1000 });
}

/** Sent only to the account routes: all it is for is telling sign-in limits this device is known. */
export function setDeviceCookie(res: Response, req: Request, config: Config, value: string): void {
  res.cookie(DEVICE_COOKIE, value, { ...baseOptions(config, req), path: "/api/auth", maxAge: DEVICE_COOKIE_DAYS * 24 * 60 * 60 * 1000 });
}

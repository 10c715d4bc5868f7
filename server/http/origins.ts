// Which browser origins may act with this server's cookies: its own (the host a request was sent
// to) and those listed in ALLOWED_ORIGINS. Used for CORS answers, for state-changing API requests,
// and for joins that carry a session cookie.
import { matchMaker } from "@colyseus/core";
import type { Config } from "../config.ts";

/** `none`: no Origin (a non-browser client, or a same-origin GET); `trusted`; `foreign`: another site's page. */
export type OriginVerdict = "none" | "trusted" | "foreign";

/** What a request says about where it came from. */
export interface RequestOrigin {
  origin: string | null | undefined;
  secFetchSite: string | null | undefined;
  /** The host (with port) the request was sent to, as the browser saw it. */
  host: string | null | undefined;
}

export function originPolicy(config: Config): (req: RequestOrigin) => OriginVerdict {
  const extra = new Set(config.ALLOWED_ORIGINS);
  return ({ origin, secFetchSite, host }) => {
    if (origin === undefined || origin === null || origin === "") {
      return secFetchSite === "cross-site" ? "foreign" : "none";
    }
    if (extra.has(origin)) return "trusted";
    if (origin === "null") return "foreign";
    let originHost: string;
    try { originHost = new URL(origin).host; } catch { return "foreign"; }
    return host && originHost === host ? "trusted" : "foreign";
  };
}

interface HeaderReader { get(name: string): string | null | undefined }

/**
 * The origin facts of a request known only by its headers (Colyseus' matchmaking). Behind a proxy
 * (TRUST_PROXY set) the host the browser used may come as X-Forwarded-Host; a page cannot set that
 * header on a request it makes without a CORS preflight, which foreign origins do not pass.
 */
export function requestOriginOf(headers: HeaderReader | undefined, config: Config): RequestOrigin {
  const forwarded = config.TRUST_PROXY !== "false" ? headers?.get("x-forwarded-host")?.split(",")[0].trim() : undefined;
  return { origin: headers?.get("origin"), secFetchSite: headers?.get("sec-fetch-site"), host: forwarded || headers?.get("host") };
}

/**
 * CORS for every route on the port (Colyseus sets these headers on all requests, /matchmake and
 * express alike): credentialed CORS only for this server's own origin and ALLOWED_ORIGINS. Colyseus'
 * default echoes any Origin with Allow-Credentials, which let any site read signed-in answers.
 * Its matchmaking controller is a process-wide singleton, as is this policy.
 */
export function installCorsPolicy(config: Config): void {
  const verdict = originPolicy(config);
  const { controller } = matchMaker;
  // Without Colyseus' Allow-Origin "*" and Allow-Credentials: only getCorsHeaders grants those
  // (its declared type insists on both keys, hence Object.assign).
  const defaults: Record<string, string> = {
    "Access-Control-Allow-Headers": "Origin, X-Requested-With, Content-Type, Accept, Authorization",
    "Access-Control-Allow-Methods": "GET,HEAD,PUT,PATCH,POST,DELETE",
    "Access-Control-Max-Age": "600",
    // Answers differ by Origin: caches must not hand one origin's answer to another.
    Vary: "Origin",
  };
  Object.assign(controller, { DEFAULT_CORS_HEADERS: defaults });
  controller.getCorsHeaders = (headers: Headers): Record<string, string> => {
    const origin = headers.get("origin");
    if (!origin || verdict(requestOriginOf(headers, config)) !== "trusted") return {};
    return { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true" };
  };
}

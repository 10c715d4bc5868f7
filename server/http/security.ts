// Security headers (helmet) and the cross-site request check for state-changing API routes.
// The CSP fits the web client served by this same app: scripts from 'self', workers from blob:,
// images from data:/blob:, and WebSockets to any lounge process (ws:/wss:).
import type { RequestHandler } from "express";
import helmet from "helmet";
import type { Config } from "../config.ts";
import { sendError } from "./errors.ts";
import { originPolicy } from "./origins.ts";

/** The site's policy; the widget pages (/embed/:id) use it with their own frame-ancestors. */
export const siteCspDirectives = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "worker-src": ["'self'", "blob:"],
  "img-src": ["'self'", "data:", "blob:"],
  "media-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'", "data:"],
  // Inline style attributes are how DOM overlays position things; no inline scripts.
  "style-src": ["'self'", "'unsafe-inline'"],
  "connect-src": ["'self'", "ws:", "wss:"],
  "frame-ancestors": ["'self'"],
  // Local development over plain http (e.g. http://127.0.0.1) must keep working.
  "upgrade-insecure-requests": null,
};

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: true, directives: siteCspDirectives },
    // Lounge pages load audio and images from this origin only; nothing needs cross-origin isolation.
    crossOriginEmbedderPolicy: false,
  });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests a browser sent from another site: the Origin header must name
 * this host (or one in ALLOWED_ORIGINS). Without Origin, `Sec-Fetch-Site: cross-site` is refused.
 * Requests with neither come from non-browser clients, which carry no ambient cookies to abuse.
 */
export function sameOriginWrites(config: Config): RequestHandler {
  const verdict = originPolicy(config);
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    // req.host honours TRUST_PROXY (X-Forwarded-Host) and keeps the port.
    if (verdict({ origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site"), host: req.host }) !== "foreign") return next();
    return sendError(res, 403, "CROSS_SITE_REQUEST", "This request came from another site and was refused; use the lounge's own pages.");
  };
}

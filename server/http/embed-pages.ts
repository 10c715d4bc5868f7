// The embeddable widget's pages: the loader (/embed.js, loadable by any site), the widget page a
// loader frames (/embed/:loungeId, with the lounge's frame-ancestors), a friendly answer to "may
// this site embed that lounge?" (/embed/:loungeId/policy, readable cross-origin) and a demo page.
import express, { Router, type Request, type Response } from "express";
import helmet from "helmet";
import { access } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import type { LoungeRepository } from "../db/lounges.ts";
import type { Config } from "../config.ts";
import { requestCookie, setGuestCookie, GUEST_COOKIE } from "../auth/cookies.ts";
import { randomToken } from "../auth/tokens.ts";
import { frameAncestors, mayEmbed, normalizeOrigin } from "../../shared/embed/allowlist.ts";
import { siteCspDirectives } from "./security.ts";
import { defaultClientDir } from "./web-client.ts";
import { demoPage } from "./embed-demo.ts";

export interface EmbedPageDeps { lounges: LoungeRepository; log: Logger; config: Config }

const LOUNGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The origin this request was made to, as the browser saw it (TRUST_PROXY honoured). */
const selfOrigin = (req: Request) => `${req.protocol}://${req.host}`;

export function embedRoutes(deps: EmbedPageDeps, dir: string = defaultClientDir): Router {
  const router = Router();
  const widgetPage = path.join(dir, "widget", "index.html");

  router.get("/embed.js", (_req, res) => {
    // Any site loads this with a plain <script src>: helmet's same-origin CORP would block it.
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    res.sendFile(path.join(dir, "embed.js"), { maxAge: "5m" }, (err) => { if (err && !res.headersSent) res.status(503).type("js").send("console.error('[chill-lounge] embed.js is not built yet: run npm run build');"); });
  });

  router.get("/embed/demo", async (req, res) => {
    const wanted = typeof req.query.lounge === "string" && LOUNGE_ID.test(req.query.lounge) ? req.query.lounge : undefined;
    const lounge = wanted ? await deps.lounges.get(wanted) : (await deps.lounges.listPublic(1))[0];
    res.type("html").setHeader("Cache-Control", "no-cache");
    res.send(demoPage(selfOrigin(req), lounge?.id));
  });

  router.get("/embed/:loungeId/policy", async (req, res) => {
    // Says only what frame-ancestors will say anyway; no cookies are read or sent.
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    const origin = typeof req.query.origin === "string" ? normalizeOrigin(req.query.origin) : undefined;
    const lounge = LOUNGE_ID.test(req.params.loungeId) ? await deps.lounges.get(req.params.loungeId) : undefined;
    if (!lounge) return void res.status(404).json({ allowed: false, message: "This lounge does not exist (any more)." });
    const allowed = origin === selfOrigin(req) || mayEmbed(lounge.visibility, lounge.embedOrigins, origin);
    res.json({
      allowed,
      message: allowed ? "" : lounge.embedOrigins.length === 0
        ? "This lounge is private: its owner has to list this site under Manage lounge → Embedding before it can be shown here."
        : `This site (${origin ?? "unknown"}) is not on the lounge's list of sites that may show it. Its owner can add it under Manage lounge → Embedding.`,
    });
  });

  router.get("/embed/:loungeId", async (req, res) => {
    const id = req.params.loungeId;
    const lounge = LOUNGE_ID.test(id) ? await deps.lounges.get(id) : undefined;
    // An unknown lounge has nothing to protect: the page itself says it does not exist.
    const ancestors = lounge ? frameAncestors(lounge.visibility, lounge.embedOrigins) : "*";
    if (lounge && req.query.origin !== undefined) {
      deps.log.debug({ loungeId: id, origin: String(req.query.origin).slice(0, 200), ancestors }, "widget page requested");
    }
    try { await access(widgetPage); } catch { return void res.status(503).type("text").send("The widget is not built yet: run npm run build."); }
    await applyEmbedPolicy(req, res, ancestors);
    res.removeHeader("X-Frame-Options");
    res.setHeader("Cache-Control", "no-cache");
    // The widget joins without waiting for /api/auth/me, which hands a new guest this cookie:
    // the page hands it instead, so that join is already this browser's guest (where cookies reach the frame).
    if (!requestCookie(req, GUEST_COOKIE)) setGuestCookie(res, req, deps.config, randomToken(20));
    res.status(lounge ? 200 : 404).sendFile(widgetPage);
  });

  router.use("/embed", express.static(path.join(dir, "widget"), { index: false, maxAge: "1h" }));
  return router;
}

/** The site's CSP with the lounge's frame-ancestors instead of 'self'. */
function applyEmbedPolicy(req: Request, res: Response, ancestors: string): Promise<void> {
  const middleware = helmet.contentSecurityPolicy({ useDefaults: true, directives: { ...siteCspDirectives, "frame-ancestors": ancestors.split(" ") } });
  return new Promise((resolve, reject) => middleware(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
}

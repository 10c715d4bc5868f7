// Serves the browser lounge built by Vite (dist/client/): hashed assets with long caching, and the
// single page for `/`, `/l/:id` and any other page address (the page itself says "not found").
// The build may appear after the server started (tests build it lazily), so nothing is cached here.
import express, { Router } from "express";
import { access } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const defaultClientDir = fileURLToPath(new URL("../../dist/client", import.meta.url));

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Chill Lounge</title>
<body style="font-family:system-ui;background:#241b2f;color:#f6e7d8;padding:2rem">
<h1>The web client is not built yet</h1>
<p>Run <code>npm run build</code> (or start the server with <code>npm start</code>, which builds it when needed), then reload.</p>`;

export function webClientRoutes(dir: string = defaultClientDir): Router {
  const router = Router();
  const index = path.join(dir, "index.html");
  router.use("/assets", express.static(path.join(dir, "assets"), { index: false, immutable: true, maxAge: "365d" }), (_req, res) => {
    res.sendStatus(404);
  });
  router.use(express.static(dir, { index: false, maxAge: "1h" }));
  router.get(/.*/, async (req, res, next) => {
    if (!req.accepts("html")) return next();
    try {
      await access(index);
    } catch {
      res.status(503).type("html").send(NOT_BUILT);
      return;
    }
    const known = req.path === "/" || /^\/l\/[^/]+\/?$/.test(req.path);
    res.status(known ? 200 : 404).setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  return router;
}

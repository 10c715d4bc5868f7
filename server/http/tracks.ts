// REST routes for tracks: the library, a lounge's own tracks, and adding one by upload or URL.
import express, { Router } from "express";
import { z } from "zod";
import type { Config } from "../config.ts";
import { TrackCatalog, trackFromRow } from "../tracks/catalog.ts";
import { RateLimiter } from "../features/rate-limit.ts";
import { HttpError } from "./errors.ts";
import { visibleLounge, type LoungeAccessDeps } from "./lounge-access.ts";

const addByUrl = z.object({
  url: z.string().url("Give the URL of an audio file.").max(2048),
  title: z.string().trim().max(120).optional(),
  artist: z.string().trim().max(120).optional(),
}).strict();

export function trackRoutes(deps: LoungeAccessDeps & { config: Config; tracks: TrackCatalog }): Router {
  const { config, tracks } = deps;
  const router = Router();
  // Adding a track downloads or stores megabytes: a few at once, then one every 20 s per address.
  const limiter = new RateLimiter({ burst: config.TRACK_ADD_BURST, perSecond: 1 / 20 });

  router.get("/tracks", (_req, res) => { res.json({ tracks: tracks.library() }); });

  router.get("/lounges/:id/tracks", async (req, res) => {
    // A private lounge's tracks are for those who may enter it.
    const lounge = await visibleLounge(req, deps);
    const own = await tracks.store.listForLounge(lounge.id);
    res.json({ tracks: [...tracks.library(), ...own.map(trackFromRow)] });
  });

  router.post("/lounges/:id/tracks",
    express.raw({ type: ["audio/*", "application/octet-stream"], limit: config.TRACK_MAX_MB * 1024 * 1024 }),
    async (req, res) => {
      const lounge = await visibleLounge(req, deps);
      const decision = limiter.take(req.ip ?? "unknown");
      if (!decision.ok) {
        res.setHeader("Retry-After", String(Math.ceil(decision.retryInMs / 1000)));
        throw new HttpError(429, "RATE_LIMITED", `Too many tracks added; try again in ${Math.ceil(decision.retryInMs / 1000)} s.`);
      }
      const addedBy = String(req.get("x-display-name") ?? "someone");
      let row;
      if (Buffer.isBuffer(req.body)) {
        const title = typeof req.query.title === "string" ? req.query.title : undefined;
        const artist = typeof req.query.artist === "string" ? req.query.artist : undefined;
        row = await tracks.store.addUpload(req.body, { loungeId: lounge.id, title, artist, addedBy });
      } else if (req.is("application/json")) {
        const parsed = addByUrl.safeParse(req.body);
        if (!parsed.success) throw new HttpError(400, "INVALID_REQUEST", parsed.error.issues[0].message);
        row = await tracks.store.addFromUrl(parsed.data.url, { loungeId: lounge.id, title: parsed.data.title, artist: parsed.data.artist, addedBy });
      } else {
        throw new HttpError(415, "NOT_AUDIO", "Send an audio file (Content-Type audio/*) or JSON {\"url\": …}.");
      }
      res.status(201).json(trackFromRow(row));
    });

  return router;
}

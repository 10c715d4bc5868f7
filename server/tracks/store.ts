// Tracks people add to a lounge: an uploaded file or a copy of an audio URL, kept in TRACKS_DIR and
// recorded in the database. The duration and format are read from the audio itself.
import { mkdir, writeFile, rm } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { parseFile } from "music-metadata";
import { eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { tracks, type TrackRow } from "../db/schema.ts";
import { HttpError } from "../http/errors.ts";
import { sanitizeDisplayName } from "../../shared/text.ts";
import { ForbiddenAddressError, guardedLookup, isForbiddenAddress } from "./url-guard.ts";

/** Containers browsers play, as music-metadata names them, with the extension and type we serve. */
const playable: Record<string, { ext: string; mime: string }> = {
  MPEG: { ext: "mp3", mime: "audio/mpeg" },
  Ogg: { ext: "ogg", mime: "audio/ogg" },
  WAVE: { ext: "wav", mime: "audio/wav" },
  FLAC: { ext: "flac", mime: "audio/flac" },
  "MPEG-4": { ext: "m4a", mime: "audio/mp4" },
  "M4A/mp42": { ext: "m4a", mime: "audio/mp4" },
  "M4A/isom": { ext: "m4a", mime: "audio/mp4" },
  ADTS: { ext: "aac", mime: "audio/aac" },
  webm: { ext: "webm", mime: "audio/webm" },
  EBML: { ext: "webm", mime: "audio/webm" },
};

export interface TrackLimits { maxBytes: number; maxMs: number; allowPrivateUrls: boolean }

export interface NewTrackInfo { loungeId: string; title?: string; artist?: string; addedBy: string; sourceUrl?: string }

export class TrackStore {
  constructor(private readonly db: Database, readonly dir: string, private readonly limits: TrackLimits) {}

  async get(id: string): Promise<TrackRow | undefined> {
    const [row] = await this.db.select().from(tracks).where(eq(tracks.id, id)).limit(1);
    return row;
  }

  async listForLounge(loungeId: string): Promise<TrackRow[]> {
    return this.db.select().from(tracks).where(eq(tracks.loungeId, loungeId)).orderBy(tracks.createdAt);
  }

  /** Stores uploaded bytes as a track, if they are playable audio within the limits. */
  async addUpload(bytes: Uint8Array, info: NewTrackInfo): Promise<TrackRow> {
    if (bytes.byteLength === 0) throw new HttpError(400, "EMPTY_UPLOAD", "The upload is empty; send the audio file as the request body.");
    if (bytes.byteLength > this.limits.maxBytes) throw this.tooLarge();
    await mkdir(this.dir, { recursive: true });
    const id = randomUUID();
    const staging = path.join(this.dir, `${id}.upload`);
    await writeFile(staging, bytes);
    try {
      const meta = await parseFile(staging, { duration: true, skipCovers: true }).catch(() => undefined);
      const container = meta?.format.container ?? "";
      const kind = playable[container] ?? playable[container.split("/")[0]];
      const seconds = meta?.format.duration;
      if (!meta || !kind || !seconds) {
        throw new HttpError(415, "NOT_AUDIO", "That is not audio a browser can play; upload MP3, Ogg, WAV, FLAC, M4A or WebM.");
      }
      const durationMs = Math.round(seconds * 1000);
      if (durationMs > this.limits.maxMs) {
        throw new HttpError(413, "TOO_LONG", `Tracks are at most ${Math.round(this.limits.maxMs / 60000)} minutes long.`);
      }
      const fileName = `${id}.${kind.ext}`;
      await writeFile(path.join(this.dir, fileName), bytes);
      const [row] = await this.db.insert(tracks).values({
        id, loungeId: info.loungeId,
        // Titles come from whoever added the track or from the file's tags: cleaned like names.
        title: (sanitizeDisplayName(info.title || meta.common.title || "") || "Untitled").slice(0, 120),
        artist: sanitizeDisplayName(info.artist || meta.common.artist || "").slice(0, 120),
        durationMs, fileName, mimeType: kind.mime, sizeBytes: bytes.byteLength,
        sourceUrl: info.sourceUrl ?? null, addedBy: (sanitizeDisplayName(info.addedBy) || "someone").slice(0, 64),
      }).returning();
      return row;
    } finally {
      await rm(staging, { force: true });
    }
  }

  /** Fetches an http(s) audio URL (size and time limited) and stores a copy, so it plays same-origin. */
  async addFromUrl(rawUrl: string, info: NewTrackInfo): Promise<TrackRow> {
    let url: URL;
    try { url = new URL(rawUrl); } catch { throw new HttpError(400, "INVALID_URL", "That is not a URL."); }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new HttpError(400, "INVALID_URL", "Only http and https URLs can be added.");
    return this.addUpload(await this.download(url), { ...info, sourceUrl: url.toString() });
  }

  /**
   * Downloads with node's http client rather than fetch: its `lookup` hook lets the guard check
   * the very address connected to (fetch would resolve the name again after any check of ours).
   */
  private download(url: URL): Promise<Buffer> {
    const guard = !this.limits.allowPrivateUrls;
    const literal = url.hostname.replace(/^\[|\]$/g, "");
    // An address written in the URL is connected to without any lookup: check it here.
    if (guard && net.isIP(literal) && isForbiddenAddress(literal)) return Promise.reject(notHere());
    const get = url.protocol === "https:" ? https.get : http.get;
    return new Promise((resolve, reject) => {
      const req = get(url, { lookup: guard ? guardedLookup() : undefined, signal: AbortSignal.timeout(20_000) }, (res) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          res.resume();
          return reject(new HttpError(502, "FETCH_FAILED", status >= 300 && status < 400
            ? "That URL redirects elsewhere; link to the audio file itself."
            : `The URL answered ${status}; check that it links to an audio file.`));
        }
        if (Number(res.headers["content-length"] ?? 0) > this.limits.maxBytes) {
          res.destroy();
          return reject(this.tooLarge());
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > this.limits.maxBytes) { res.destroy(); reject(this.tooLarge()); } else chunks.push(chunk);
        });
        res.on("end", () => resolve(Buffer.concat(chunks)));
        res.on("error", (err) => reject(fetchFailed(err)));
      });
      req.on("error", (err: NodeJS.ErrnoException) => {
        if (err instanceof ForbiddenAddressError) return reject(notHere());
        if (err.code === "ENOTFOUND") return reject(new HttpError(400, "INVALID_URL", `Cannot resolve ${url.hostname}.`));
        reject(fetchFailed(err));
      });
    });
  }

  private tooLarge(): HttpError {
    return new HttpError(413, "TOO_LARGE", `Tracks are at most ${Math.round(this.limits.maxBytes / 1048576)} MiB.`);
  }
}

function notHere(): HttpError {
  return new HttpError(400, "INVALID_URL", "URLs on private networks or on this server cannot be added.");
}

function fetchFailed(err: Error): HttpError {
  return new HttpError(502, "FETCH_FAILED", `Could not download the track: ${err.message}. Check the URL and try again.`);
}
